"""Helpers shared by the test modules: the account and region the tests run in, the
``raises`` check, the messages of a missing or deleted organization, entity builders and
the paging and client helpers. Fixtures live in ``tests/conftest.py``."""

from __future__ import annotations

import contextlib
import json
import re
import socket
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests
from botocore.client import BaseClient
from botocore.exceptions import ClientError

ACCOUNT = "123456789012"
REGION = "us-east-1"
#: An organization id that no test creates.
MISSING_ORG = "m-" + "0" * 32
#: The default mail domain of the ``org`` fixture's organization (alias ``testorg``).
DOMAIN = "testorg.awsapps.com"
PENDING_DOMAIN = "pend.io"
#: The content type of WorkMail's JSON protocol.
CONTENT_TYPE = "application/x-amz-json-1.1"
#: moto state-manager model of a mail domain's verification.
VERIFICATION_MODEL = "workmail::mail-domain-verification"

ORG_ID = re.compile(r"^m-[0-9a-f]{32}$")
#: User and group ids of an organization with its own WorkMail directory: lowercase UUIDs
#: (docs/aws-behaviour.md section 4).
ENTITY_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
#: ... of an organization on a Directory Service directory: AD security identifiers.
SID = re.compile(r"^S-1-1-\d\d-\d{10}-\d{10}-\d{10}-\d{4}$")
GROUP_ID = ENTITY_ID
RESOURCE_ID = re.compile(r"^r-[0-9a-f]{32}$")


@contextlib.contextmanager
def raises(code: str, message: str | re.Pattern[str]) -> Iterator[pytest.ExceptionInfo[ClientError]]:
    """Expect a ClientError with this Code whose Message equals (or, for a compiled
    pattern, matches) the given text."""
    with pytest.raises(ClientError) as info:
        yield info
    error = info.value.response["Error"]
    assert error["Code"] == code, error
    if isinstance(message, re.Pattern):
        assert message.search(error["Message"]), error
    else:
        assert error["Message"] == message, error


# --- organizations ----------------------------------------------------------------------


def org_missing_message() -> str:
    return f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}"


def org_state_message(org: str) -> str:
    return f"Organization {org} is in state Deleted; the operation requires state Active"


def deleted_org(client: BaseClient, org: str) -> str:
    """Deletes ``org`` (directory and all); returns the message its operations now fail with."""
    client.delete_organization(OrganizationId=org, DeleteDirectory=True, ForceDelete=True)
    return org_state_message(org)


def aliases(client: Any) -> list[str]:
    return [o["Alias"] for o in client.list_organizations()["OrganizationSummaries"]]


# --- entities ---------------------------------------------------------------------------


def address(local: str) -> str:
    return f"{local}@{DOMAIN}"


def register(client: BaseClient, org: str, entity_id: str, local: str) -> str:
    email = address(local)
    client.register_to_work_mail(OrganizationId=org, EntityId=entity_id, Email=email)
    return email


def user(
    client: BaseClient, org: str, name: str = "alice", *, enabled: bool = False, **extra: Any
) -> str:
    """A user (DisplayName ``name.title()`` unless given), registered as ``name@DOMAIN``
    when ``enabled``; ``extra`` goes to CreateUser."""
    extra.setdefault("DisplayName", name.title())
    user_id = str(client.create_user(OrganizationId=org, Name=name, **extra)["UserId"])
    if enabled:
        register(client, org, user_id, name)
    return user_id


def group(client: BaseClient, org: str, name: str = "team", *, enabled: bool = False) -> str:
    group_id = str(client.create_group(OrganizationId=org, Name=name)["GroupId"])
    if enabled:
        register(client, org, group_id, name)
    return group_id


def resource(
    client: BaseClient, org: str, name: str = "room1", kind: str = "ROOM", *, enabled: bool = False
) -> str:
    made = client.create_resource(OrganizationId=org, Name=name, Type=kind)
    resource_id = str(made["ResourceId"])
    if enabled:
        register(client, org, resource_id, name)
    return resource_id


def collect(call: Any, key: str, **kwargs: Any) -> list[Any]:
    """Every item of a paginated list call, page by page."""
    items: list[Any] = []
    token = kwargs.pop("NextToken", None)
    while True:
        page = call(**kwargs, **({"NextToken": token} if token else {}))
        items.extend(page[key])
        token = page.get("NextToken")
        if not token:
            return items


# --- clients and moto's server ----------------------------------------------------------


def workmail_client(region: str = REGION, **kwargs: Any) -> Any:
    return boto3.client("workmail", region_name=region, **kwargs)


def server_client(url: str, region: str = REGION, **kwargs: Any) -> Any:
    """A WorkMail client of the moto server at ``url`` (test keys unless given)."""
    kwargs.setdefault("aws_access_key_id", "testing")
    kwargs.setdefault("aws_secret_access_key", "testing")
    return workmail_client(region, endpoint_url=url, **kwargs)


def reset(url: str) -> requests.Response:
    """Resets every backend of the moto server at ``url``."""
    return requests.post(f"{url}/moto-api/reset", timeout=10)


def post_unsigned(
    url: str, target: str, body: Any, *, raw: bool = False, headers: dict[str, str] | None = None
) -> requests.Response:
    """POSTs a raw, unsigned WorkMail request (``target`` is the whole X-Amz-Target, body
    JSON-encoded unless ``raw``) to the moto server at ``url``: no SDK in between."""
    data = body if raw else json.dumps(body)
    all_headers = {"X-Amz-Target": target, "Content-Type": CONTENT_TYPE, **(headers or {})}
    return requests.post(f"{url}/", data=data, headers=all_headers, timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
