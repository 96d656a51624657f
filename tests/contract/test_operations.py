"""Contracts that hold for every operation of the registry, generated from it and from the
model: a new operation gets these checks without writing them.

- its declaration fits the model (an operation that looks up an organization lists
  OrganizationNotFoundException, a directory guard lists the errors it answers, ...);
- an unknown organization answers OrganizationNotFoundException, a deleted one
  OrganizationStateException (or works, for operations declared for any state);
- an AD Connector organization answers UnsupportedOperationException for every operation
  declared NOT_READ_ONLY or WRITABLE;
- an operation the mock does not serve answers NotServedByWorkMailMock, never a code AWS
  uses for a real condition.

Requests go straight to the dispatcher, with the smallest valid value of each required
member (built from the model's pattern; ``hypothesis.find`` where that is not enough).
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import boto3
import pytest
from botocore.model import Shape
from hypothesis import find
from hypothesis import strategies as st
from moto import mock_aws

try:
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse

from tests.support import ACCOUNT, MISSING_ORG, REGION, org_missing_message, org_state_message
from tests.support.directories import ad_connector
from tests.support.internals import REGISTRY, dispatcher, spec
from workmail_mock import mock_workmail
from workmail_mock.operations.registry import Directory, Org

SERVED = sorted(REGISTRY)
WITH_ORG = [name for name in SERVED if REGISTRY[name].org is not Org.NONE]
ACTIVE_ONLY = [name for name in SERVED if REGISTRY[name].org is Org.ACTIVE]
READ_ONLY_GUARDED = [
    name for name in SERVED
    if REGISTRY[name].directory in (Directory.NOT_READ_ONLY, Directory.WRITABLE)
]
NOT_SERVED = sorted(spec.operation_names() - set(REGISTRY))


@functools.cache
def _smallest(shape_name: str) -> Any:
    shape = spec.service_model().shape_for(shape_name)
    return _value(shape)


def _value(shape: Shape) -> Any:
    kind = shape.type_name
    if kind == "structure":
        members = spec.members_of(shape)
        return {name: _value(members[name]) for name in getattr(shape, "required_members", [])}
    if kind == "list":
        return [_value(spec.item_of(shape)) for _ in range(shape.metadata.get("min", 0))]
    if kind == "map":
        return {}
    if kind in ("integer", "long", "double", "float"):
        return shape.metadata.get("min", 1)
    if kind == "boolean":
        return False
    if kind == "timestamp":
        return 0
    if kind == "blob":
        return ""
    enum = spec.enum_of(shape)
    if enum:
        return enum[0]
    low = int(shape.metadata.get("min", 1))
    high = int(shape.metadata.get("max", 256))
    pattern = shape.metadata.get("pattern")
    if pattern is None:
        return "a" * max(low, 1)
    return _smallest_match(pattern, low, high)


@functools.cache
def _smallest_match(pattern: str, low: int, high: int) -> str:
    compiled = re.compile(pattern, re.ASCII)
    text = _walk(sre_parse.parse(pattern))
    while len(text) < low and text:
        text += text[-1]
    if low <= len(text) <= high and compiled.fullmatch(text):
        return text
    strings = st.from_regex(compiled, fullmatch=True)
    return find(strings, lambda s: low <= len(s) <= high)


def _walk(parsed: Any) -> str:
    """The shortest text a parsed pattern takes (first branch, first class member)."""
    out = []
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "IN":
            out.append(_first_in(arg))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = arg
            out.append(_walk(sub) * max(low, 0))
        elif name == "SUBPATTERN":
            out.append(_walk(arg[-1]))
        elif name == "BRANCH":
            out.append(_walk(arg[1][0]))
        elif name == "CATEGORY":
            out.append(_category(arg))
        elif name in ("ANY", "NOT_LITERAL"):
            out.append("a" if name == "ANY" or arg != ord("a") else "b")
    return "".join(out)


def _first_in(items: Any) -> str:
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            return chr(arg)
        if name == "RANGE":
            return chr(arg[0])
        if name == "CATEGORY":
            return _category(arg)
    return "a"


def _category(arg: Any) -> str:
    name = str(arg)
    return "0" if "DIGIT" in name else " " if "SPACE" in name and "NOT" not in name else "a"


def request(operation: str, **given: Any) -> dict[str, Any]:
    """The smallest valid request of an operation, with ``given`` members on top."""
    shape = spec.operation_model(operation).input_shape
    body = dict(_value(shape)) if shape is not None else {}
    body.update(given)
    return body


def call(operation: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    status, _, raw = dispatcher.handle(
        f"WorkMailService.{operation}", json.dumps(body).encode(), REGION, ACCOUNT
    )
    return status, json.loads(raw)


def test_declarations_fit_each_operation_s_model_error_list() -> None:
    problems = []
    for name, op in REGISTRY.items():
        errors = spec.errors_of(name)
        needed = set()
        if op.org is not Org.NONE:
            needed.add("OrganizationNotFoundException")
        if op.org is Org.ACTIVE:
            needed.add("OrganizationStateException")
        if op.directory in (Directory.NOT_READ_ONLY, Directory.WRITABLE):
            needed.add("UnsupportedOperationException")
        if op.directory in (Directory.AVAILABLE, Directory.WRITABLE):
            needed.add("DirectoryUnavailableException")
        if op.token_member is not None:
            needed.add("InvalidParameterException")  # a reused ClientToken
        problems += [f"{name} declares what answers {e}, not in its model" for e in needed - errors]
    assert not problems, problems


def test_every_operation_with_an_organization_id_declares_one() -> None:
    for name, op in REGISTRY.items():
        shape = spec.operation_model(name).input_shape
        members = spec.members_of(shape) if shape is not None else {}
        assert ("OrganizationId" in members) == (op.org is not Org.NONE), name


@pytest.mark.parametrize("operation", WITH_ORG)
def test_unknown_organization(operation: str) -> None:
    with mock_workmail():
        status, error = call(operation, request(operation, OrganizationId=MISSING_ORG))
    assert status == 400
    assert error == {"__type": "OrganizationNotFoundException", "Message": org_missing_message()}


@pytest.mark.parametrize("operation", WITH_ORG)
def test_deleted_organization(operation: str) -> None:
    with mock_workmail():
        _, made = call("CreateOrganization", {"Alias": "gone"})
        org = made["OrganizationId"]
        call("DeleteOrganization", {"OrganizationId": org, "DeleteDirectory": True})
        status, answer = call(operation, request(operation, OrganizationId=org))
    if REGISTRY[operation].org is Org.ACTIVE:
        assert (status, answer) == (
            400, {"__type": "OrganizationStateException", "Message": org_state_message(org)}
        )
    else:
        assert answer.get("__type") != "OrganizationNotFoundException"


@pytest.fixture(scope="module")
def ad_connector_org() -> Any:
    """An organization on an AD Connector directory (read-only for WorkMail), in one
    mock_aws scope for the whole module."""
    with mock_aws():
        directory = ad_connector(
            lambda service: boto3.client(service, region_name=REGION), alias="onprem"
        )
        _, made = call("CreateOrganization", {"Alias": "onprem", "DirectoryId": directory})
        yield made["OrganizationId"], directory


@pytest.mark.parametrize("operation", READ_ONLY_GUARDED)
def test_read_only_directory(operation: str, ad_connector_org: Any) -> None:
    org, directory = ad_connector_org
    status, error = call(operation, request(operation, OrganizationId=org))
    assert (status, error) == (400, {
        "__type": "UnsupportedOperationException",
        "Message": f"Organization {org} uses AD Connector directory {directory}, which is "
                   "read-only for WorkMail: manage users and groups in your Active Directory",
    })


@pytest.mark.parametrize("operation", sorted(spec.operation_names()))
def test_an_operation_not_served_answers_a_code_of_its_own(
    operation: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were an operation not served (today every one is), it would answer
    NotServedByWorkMailMock, a code no AWS service answers, after validation."""
    monkeypatch.delitem(REGISTRY, operation, raising=False)
    with mock_workmail():
        status, error = call(operation, request(operation))
    assert status == 400
    assert error == {
        "__type": "NotServedByWorkMailMock",
        "Message": f"workmail_mock does not serve the operation {operation} yet; see the "
                   "README for the operations it serves",
    }
    assert error["__type"] not in spec.error_codes()


def test_every_operation_of_the_model_is_served() -> None:
    assert NOT_SERVED == []
