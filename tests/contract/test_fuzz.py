"""Fuzzing from the model: requests generated from each operation's input shape.

Values are drawn around the model's constraints (valid, boundary, pattern-breaking,
wrong enum, unicode, empty, huge, out of range, wrong JSON type), for every operation.
Properties: the answer is a well-formed JSON success that fits the output shape or a 4xx
whose ``__type`` the model (or AWS's common errors) knows; never a 500 or an exception;
a rejected request changes no state. ``HYPOTHESIS_PROFILE=fuzz-long`` runs many more.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.model import Shape
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.support import ACCOUNT, REGION, conformance
from tests.support.internals import dispatcher, spec
from workmail_mock import mock_workmail, workmail_backends
from workmail_mock.testing import snapshot

settings.register_profile(
    "ci", max_examples=30, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "fuzz-long", max_examples=400, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

OPERATIONS = sorted(spec.operation_names())
HUGE = "x" * 1_000_000

#: error codes seen per operation, for the report at the end of the session
SEEN: dict[str, Counter[str]] = {}

_WRONG_TYPES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _regex_strategy(pattern: str, low: int, high: int) -> st.SearchStrategy[str]:
    try:
        compiled = re.compile(pattern, re.ASCII)
    except re.error:
        return st.text(min_size=low, max_size=min(high, 40))
    return st.from_regex(compiled, fullmatch=True).filter(lambda s: low <= len(s) <= high)


def _string(shape: Shape, name: str, known: dict[str, list[str]]) -> st.SearchStrategy[Any]:
    low = shape.metadata.get("min", 0)
    high = shape.metadata.get("max", 256)
    # Likely-valid values first: hypothesis favours early branches.
    options: list[st.SearchStrategy[Any]] = []
    for key, values in known.items():
        if values and name.endswith(key):
            options += [st.sampled_from(values)] * 12
    if shape.enum:
        options += [st.sampled_from(list(shape.enum))] * 4
    pattern = shape.metadata.get("pattern")
    if pattern and high <= 2048:
        options += [_regex_strategy(pattern, low, min(high, 300))] * 4
    options += [
        st.just("a" * max(low, 1)),
        st.text(max_size=50),
        st.just(""),
        st.just("a" * high),
        st.just("a" * (high + 1)),
        st.just(HUGE),
        st.text(alphabet=st.characters(min_codepoint=0x80), min_size=1, max_size=30),
    ]
    if shape.enum:
        options.append(st.just("NOT_IN_ENUM"))
    return st.one_of(options)


def strategy(shape: Shape, name: str, known: dict[str, list[str]], depth: int = 0) -> st.SearchStrategy[Any]:
    kind = shape.type_name
    if depth > 4:
        return st.none()
    if kind == "structure":
        members = shape.members  # type: ignore[attr-defined]
        required = set(shape.required_members)  # type: ignore[attr-defined]
        fixed = {m: strategy(s, m, known, depth + 1) for m, s in members.items() if m in required}
        optional = {m: strategy(s, m, known, depth + 1) for m, s in members.items() if m not in required}
        base = st.fixed_dictionaries(fixed, optional=optional)
        # Sometimes drop a required member or add an unknown one.
        return st.one_of(
            base, base, base, base, base,
            base.map(lambda d: {k: v for i, (k, v) in enumerate(d.items()) if i != 0}),
            base.map(lambda d: {**d, "NotAMember": 1}),
        )
    if kind == "list":
        high = min(shape.metadata.get("max", 5), 10)
        return st.lists(strategy(shape.member, name, known, depth + 1), max_size=high + 1)  # type: ignore[attr-defined]
    if kind == "map":
        return st.dictionaries(st.text(max_size=10), strategy(shape.value, name, known, depth + 1), max_size=3)  # type: ignore[attr-defined]
    if kind == "string":
        value = _string(shape, name, known)
    elif kind in ("integer", "long"):
        low = shape.metadata.get("min", -(2**31))
        high = shape.metadata.get("max", 2**31)
        value = st.one_of(st.integers(low - 3, high + 3), st.sampled_from([low - 1, high + 1, 0, -1, 2**63]))
    elif kind in ("double", "float"):
        value = st.floats(allow_nan=False, allow_infinity=False)
    elif kind == "boolean":
        value = st.booleans()
    elif kind == "timestamp":
        value = st.one_of(st.integers(0, 2**32), st.floats(0, 2e9), st.just(1e300))
    else:
        value = st.text(max_size=20)
    return st.one_of(*[value] * 12, _WRONG_TYPES)


@pytest.fixture(scope="module")
def scope() -> Iterator[None]:
    with mock_workmail():
        yield


_aliases = iter(range(10**6))


@pytest.fixture
def world(scope: None) -> dict[str, list[str]]:
    """A fresh organization with a few entities the fuzzer can aim at (one per test, so
    that a fuzzed DeleteOrganization can't starve the operations after it)."""
    workmail_backends.wipe()
    client = boto3.client("workmail", region_name=REGION)
    org = client.create_organization(Alias=f"fuzzorg{next(_aliases)}")["OrganizationId"]
    client.register_mail_domain(OrganizationId=org, DomainName=f"fuzz{org[2:10]}.example.com")
    domain = f"fuzz{org[2:10]}.example.com"
    group = client.create_group(OrganizationId=org, Name="fuzzgroup")["GroupId"]
    resource = client.create_resource(OrganizationId=org, Name="fuzzroom", Type="ROOM")["ResourceId"]
    user = client.create_user(
        OrganizationId=org, Name="fuzzuser", DisplayName="Fuzz User", Password="Passw0rd!Fuzz"
    )["UserId"]
    client.register_to_work_mail(OrganizationId=org, EntityId=user, Email=f"fuzzuser@{domain}")
    return {
        "OrganizationId": [org],
        "Id": [group, resource, user],
        "DomainName": [domain],
        "Email": [f"someone@{domain}", f"fuzzuser@{domain}"],
        "Alias": [f"alias@{domain}"],
        "Name": ["fuzzname"],
    }


def _check(operation: str, params: Any) -> None:
    before = snapshot()
    status, _headers, body = dispatcher.handle(
        dispatcher.TARGET_PREFIX + operation, json.dumps(params), REGION, ACCOUNT
    )
    data = json.loads(body)
    model = spec.operation_model(operation)
    assert status in (200, 400), (operation, status, data)
    problems = conformance.check_response(model, status, body)
    assert not problems, problems
    if status != 200:
        SEEN.setdefault(operation, Counter())[data["__type"]] += 1
        assert data["__type"] != "InternalFailure", (operation, params, data)
        assert snapshot() == before, f"{operation} was rejected but changed state: {data}"
    else:
        SEEN.setdefault(operation, Counter())["200"] += 1


@pytest.mark.parametrize("operation", OPERATIONS)
def test_generated_requests(operation: str, world: dict[str, list[str]]) -> None:
    shape = spec.operation_model(operation).input_shape

    @given(params=strategy(shape, "", world))
    def run(params: Any) -> None:
        _check(operation, params)

    run()


@given(body=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode),
                      st.just(b"{"), st.just(b"[]"), st.just(b"null"), st.just(b"\xff\xfe"),
                      st.just(b"[" * 100_000), st.just(b"[" * 900 + b"]" * 900)))
def test_malformed_bodies_in_process(body: bytes) -> None:
    status, _h, raw = dispatcher.handle(dispatcher.TARGET_PREFIX + "ListOrganizations", body, REGION, ACCOUNT)
    assert status in (200, 400)
    assert json.loads(raw).get("__type", "") in conformance.KNOWN_ERRORS | {""}


def test_client_with_validation_off_raises_only_client_errors(world: dict[str, list[str]]) -> None:
    """Through boto3 itself (values of the right JSON type, constraints broken)."""
    client = boto3.client("workmail", region_name=REGION, config=Config(parameter_validation=False))
    org = world["OrganizationId"][0]
    calls = [
        ("create_group", {"OrganizationId": org, "Name": ""}),
        ("create_group", {"OrganizationId": org, "Name": "x" * 300}),
        ("create_resource", {"OrganizationId": org, "Name": "r", "Type": "CAR"}),
        ("list_groups", {"OrganizationId": org, "MaxResults": 0}),
        ("describe_organization", {"OrganizationId": "m-" + "z" * 32}),
        ("create_organization", {"Alias": HUGE}),
    ]
    for method, params in calls:
        with pytest.raises(ClientError) as info:
            getattr(client, method)(**params)
        assert info.value.response["Error"]["Code"] in conformance.KNOWN_ERRORS


def test_zz_report() -> None:
    """Writes how many generated requests each operation got and which codes came back."""
    lines = [
        f"{op}: {sum(c.values())} requests, codes {sorted(k for k in c if k != '200')}"
        + (f", {c['200']} accepted" if c.get("200") else "")
        for op, c in sorted(SEEN.items())
    ]
    codes = {k for c in SEEN.values() for k in c if k != "200"}
    summary = f"{len(SEEN)} operations fuzzed, {len(codes)} distinct error codes: {sorted(codes)}"
    path = os.environ.get("WORKMAIL_MOCK_FUZZ_REPORT")
    if path:
        with open(path, "w") as handle:
            handle.write(summary + "\n" + "\n".join(lines) + "\n")
    assert SEEN or os.environ.get("PYTEST_XDIST_WORKER"), summary


_TARGETS = st.one_of(
    st.sampled_from([f"WorkMailService.{op}" for op in OPERATIONS]),
    st.sampled_from(["WorkMailService.", "WorkMailService.Nope", "WorkMailService", "WorkMailServiceX.A"]),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30).map(
        lambda t: "WorkMailService." + t),
    st.none(),
)
_BODIES = st.one_of(
    st.just(b""), st.just(b"{"), st.just(b"[]"), st.just(b"null"), st.just(b"\xff\xfe\x00"),
    # issue 12: deep nesting, deep members, a compressed bomb
    st.just(b"[" * 100_000), st.just(b'{"Alias": ' + b"[" * 900 + b"]" * 900 + b"}"),
    st.just(b'{"Filters": {"UsernamePrefix": ' + b"{" * 50 + b"}" * 50 + b"}}"),
    st.just(gzip.compress(b" " * (8 << 20), mtime=0)),
    st.binary(max_size=300),
    st.dictionaries(st.sampled_from(["OrganizationId", "Name", "MaxResults", "Alias", "X"]),
                    _WRONG_TYPES, max_size=4).map(lambda d: json.dumps(d).encode()),
)
_CONTENT_TYPES = st.sampled_from([
    "application/x-amz-json-1.1", "application/json", "text/plain",
    "application/x-www-form-urlencoded", "",
])
_ENCODINGS = st.sampled_from([None, "gzip", "deflate", "br", "identity", "GZIP"])
_METHODS = st.sampled_from(["POST", "POST", "HEAD", "PUT", "GET"])
_ORIGINS = st.sampled_from([None, "https://evil.example", "http://localhost:3000", "null"])
_ACCOUNTS = st.sampled_from([None, "", "../../x", "123", "111122223333"])
_SIGNED = (
    "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/workmail/aws4_request, "
    "SignedHeaders=host, Signature=0000"
)


@settings(max_examples=int(os.environ.get("WORKMAIL_MOCK_RAW_EXAMPLES", "150")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(target=_TARGETS, body=_BODIES, content_type=_CONTENT_TYPES, signed=st.booleans(),
       encoding=_ENCODINGS, method=_METHODS, origin=_ORIGINS, account=_ACCOUNTS,
       compress=st.booleans())
def test_raw_http_to_the_server_never_fails_badly(
    server_url: str, target: str | None, body: bytes, content_type: str, signed: bool,
    encoding: str | None, method: str, origin: str | None, account: str | None,
    compress: bool,
) -> None:
    """Raw WorkMail requests (signed for workmail, or naming WorkMailService in the
    target) with odd bodies, content types and targets, sent to moto's server: 200 or a
    4xx with a known ``__type``; never a 500 or a hang."""
    import requests

    assume(signed or target is not None)
    headers = {"Content-Type": content_type} if content_type else {}
    if target is not None:
        headers["X-Amz-Target"] = target
    if signed:
        headers["Authorization"] = _SIGNED
    if encoding is not None:
        headers["Content-Encoding"] = encoding
        if compress and encoding.lower() == "gzip":
            body = gzip.compress(body)
    if origin is not None:
        headers["Origin"] = origin
    if account is not None:
        headers["x-moto-account-id"] = account
    response = requests.request(method, server_url + "/", data=body, headers=headers, timeout=30)
    shown = (target, body[:100], response.status_code, response.text[:300])
    assert response.status_code < 500, shown
    if method == "HEAD":
        assert response.content == b"", shown
    elif response.status_code >= 400:
        assert response.json().get("__type") in conformance.KNOWN_ERRORS, shown
