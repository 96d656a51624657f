"""The model-driven request validator and the protocol's error answers.

``raw_client`` has botocore's own parameter validation off, so every constraint reaches
the mock; raw HTTP tests POST to moto's server directly (no SDK in between).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

import pytest
import requests

from tests.support import CONTENT_TYPE, post_unsigned, raises, reset
from tests.support.internals import REGISTRY

ORG_TAIL = "m-" + "0" * 31

Post = Callable[..., requests.Response]


@pytest.fixture
def post(server_url: str) -> Iterator[Post]:
    """POSTs a raw, unsigned WorkMail request to the server; state is reset around it."""
    reset(server_url)
    yield functools.partial(post_unsigned, server_url)
    reset(server_url)


def _error(response: requests.Response) -> tuple[int, str, str]:
    body = response.json()
    return response.status_code, body["__type"], body["Message"]


# --- required, lengths, patterns, enums, ranges, list sizes -------------------------------


def test_required_member_missing(raw_client):
    with raises(
        "ValidationException",
        "1 validation error detected: Value null at 'alias' failed to satisfy constraint: "
        "Member must not be null",
    ):
        raw_client.create_organization()


def test_required_member_explicit_null(post):
    status, code, message = _error(post("WorkMailService.CreateOrganization", {"Alias": None}))
    assert (status, code) == (400, "ValidationException")
    assert message == (
        "1 validation error detected: Value null at 'alias' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_min_length(raw_client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value '' at 'name' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1; Value '' at 'name' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: "
        "[\\u0020-\\u00FF]+".replace("1 validation error", "2 validation errors"),
    ):
        raw_client.create_group(OrganizationId=org, Name="")


def test_max_length(raw_client):
    alias = "a" * 63
    with raises(
        "ValidationException",
        f"1 validation error detected: Value '{alias}' at 'alias' failed to satisfy "
        "constraint: Member must have length less than or equal to 62",
    ):
        raw_client.create_organization(Alias=alias)


def test_pattern_is_matched_with_search_semantics_so_a_prefix_passes(raw_client, org):
    # "abc!" is not a full match of [a-zA-Z0-9._%+@-]+, but the front end accepts it.
    with raises("EntityNotFoundException", f"Group abc! does not exist in organization {org}"):
        raw_client.describe_group(OrganizationId=org, GroupId="abc!")


def test_pattern_anchored_at_the_start(raw_client):
    with raises(
        "ValidationException",
        f"1 validation error detected: Value 'x{ORG_TAIL}' at 'organizationId' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: ^m-[0-9a-f]{32}$",
    ):
        # 34 characters holding a valid id from the second character on: ^ anchors.
        raw_client.describe_organization(OrganizationId=f"x{ORG_TAIL}")


def test_pattern_uses_ascii_word_characters(raw_client, org):
    with raises(
        "ValidationException",
        re.compile(
            r"^1 validation error detected: Value 'éé' at 'name' failed to satisfy "
            r"constraint: Member must satisfy regular expression pattern: "
        ),
    ):
        raw_client.create_resource(OrganizationId=org, Name="éé", Type="ROOM")


def test_enum(raw_client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value 'CAR' at 'type' failed to satisfy constraint: "
        "Member must satisfy enum value set: [ROOM, EQUIPMENT]",
    ):
        raw_client.create_resource(OrganizationId=org, Name="car", Type="CAR")


@pytest.mark.parametrize(
    ("value", "constraint"),
    [(0, "greater than or equal to 1"), (101, "less than or equal to 100")],
)
def test_numeric_range(raw_client, value, constraint):
    with raises(
        "ValidationException",
        f"1 validation error detected: Value '{value}' at 'maxResults' failed to satisfy "
        f"constraint: Member must have value {constraint}",
    ):
        raw_client.list_organizations(MaxResults=value)


def test_list_max_items(raw_client):
    with raises(
        "ValidationException",
        re.compile(
            r"^1 validation error detected: Value '\[.*\]' at 'domains' failed to "
            r"satisfy constraint: Member must have length less than or equal to 5$"
        ),
    ):
        raw_client.create_organization(
            Alias="acme", Domains=[{"DomainName": f"d{i}.example"} for i in range(6)]
        )


def test_nested_member_paths(raw_client):
    with raises(
        "ValidationException",
        "1 validation error detected: Value null at 'domains.1.member.domainName' failed to "
        "satisfy constraint: Member must not be null",
    ):
        raw_client.create_organization(Alias="acme", Domains=[{"HostedZoneId": "Z1"}])


def test_several_violations_are_counted_and_joined(raw_client, org):
    name = "r" * 21
    with raises(
        "ValidationException",
        f"2 validation errors detected: Value '{name}' at 'name' failed to satisfy "
        "constraint: Member must have length less than or equal to 20; Value 'CAR' at 'type' "
        "failed to satisfy constraint: Member must satisfy enum value set: [ROOM, EQUIPMENT]",
    ):
        raw_client.create_resource(OrganizationId=org, Name=name, Type="CAR")


def test_sensitive_values_are_left_out_of_messages(raw_client, org):
    secret = "s" * 65
    with raises(
        "ValidationException",
        "1 validation error detected: Value at 'description' failed to satisfy constraint: "
        "Member must have length less than or equal to 64",
    ) as info:
        raw_client.create_resource(OrganizationId=org, Name="room", Type="ROOM", Description=secret)
    assert secret not in info.value.response["Error"]["Message"]


# --- unknown members, wrong types, malformed JSON (raw HTTP) ------------------------------


def test_unknown_member(post):
    status, code, message = _error(
        post("WorkMailService.CreateOrganization", {"Alias": "acme", "Bogus": 1})
    )
    assert (status, code) == (400, "ValidationException")
    assert message == (
        "1 validation error detected: Value at 'bogus' failed to satisfy constraint: Member "
        "must be one of the known members of CreateOrganizationRequest"
    )


def test_wrong_json_type_through_the_sdk(raw_client):
    with raises("SerializationException", "Value at 'alias' must be a string, not int ('123')"):
        raw_client.create_organization(Alias=123)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"Alias": "acme", "EnableInteroperability": "yes"},
            "Value at 'enableInteroperability' must be a boolean, not str ('yes')",
        ),
        (
            {"Alias": "acme", "Domains": {"DomainName": "x.example"}},
            "Value at 'domains' must be a list, not dict",
        ),
        ({"MaxResults": "10"}, "Value at 'maxResults' must be an integer, not str ('10')"),
    ],
)
def test_wrong_json_types(post, body, message):
    target = "ListOrganizations" if "MaxResults" in body else "CreateOrganization"
    status, code, text = _error(post(f"WorkMailService.{target}", body))
    assert (status, code) == (400, "SerializationException")
    assert text.startswith(message)


def test_body_that_is_not_an_object(post):
    status, code, message = _error(post("WorkMailService.ListOrganizations", [1, 2]))
    assert (status, code) == (400, "SerializationException")
    assert message == "Value at 'body' must be a JSON object, not list ('[1, 2]')"


def test_malformed_json(post):
    status, code, message = _error(post("WorkMailService.ListOrganizations", "{", raw=True))
    assert (status, code) == (400, "SerializationException")
    assert message.startswith("The request body is not valid JSON: ")


def test_empty_body_is_an_empty_request(post):
    response = post("WorkMailService.ListOrganizations", "", raw=True)
    assert response.status_code == 200
    assert response.json() == {"OrganizationSummaries": []}


# --- operations ---------------------------------------------------------------------------


def test_unknown_target(post):
    status, code, message = _error(post("WorkMailService.Nope", {}))
    assert (status, code) == (400, "UnknownOperationException")
    assert message == (
        "X-Amz-Target 'WorkMailService.Nope' names no WorkMail operation "
        "(expected 'WorkMailService.<Operation>')"
    )


def test_unimplemented_operation(client, org, monkeypatch):
    """An operation not served answers a code of its own, not one AWS uses for a real
    condition (UnsupportedOperationException means a read-only directory). Every model
    operation is served, so one is taken out of the registry (the server runs in this
    process, so both ways in see it)."""
    monkeypatch.delitem(REGISTRY, "DeleteAccessControlRule")
    with raises(
        "NotServedByWorkMailMock",
        "workmail_mock does not serve the operation DeleteAccessControlRule yet; see the "
        "README for the operations it serves",
    ) as info:
        client.delete_access_control_rule(OrganizationId=org, Name="rule")
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert info.value.response["ResponseMetadata"]["RetryAttempts"] == 0


def test_unimplemented_operation_is_validated_first(raw_client, monkeypatch):
    monkeypatch.delitem(REGISTRY, "StartMailboxExportJob")
    # botocore fills in the idempotency token ClientToken: six required members remain.
    with raises("ValidationException", re.compile(r"^6 validation errors detected: ")):
        raw_client.start_mailbox_export_job()


def test_unsupported_region(make_client):
    with raises(
        "NotServedByWorkMailMock",
        "WorkMail is not offered in region 'ap-south-1'; it is offered in eu-west-1, "
        "us-east-1, us-west-2",
    ):
        make_client(region="ap-south-1").list_organizations()


@pytest.mark.parametrize("region", ["us-east-1", "us-west-2", "eu-west-1"])
def test_supported_regions_serve(make_client, region):
    assert make_client(region=region).list_organizations()["OrganizationSummaries"] == []


def test_responses_are_json_1_1(post):
    response = post("WorkMailService.ListOrganizations", {})
    assert response.headers["Content-Type"] == CONTENT_TYPE
    assert response.headers["x-amzn-RequestId"]
