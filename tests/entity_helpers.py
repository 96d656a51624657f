"""Helpers shared by the address, membership, group and resource lifecycle tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.client import BaseClient
from moto.moto_api import state_manager

from workmail_mock.backend.domains import VERIFICATION_MODEL

MISSING_ORG = "m-" + "0" * 32
DOMAIN = "testorg.awsapps.com"
PENDING_DOMAIN = "pend.io"


def org_missing_message() -> str:
    return f"Organization {MISSING_ORG} does not exist in account 123456789012, region us-east-1"


def org_state_message(org: str) -> str:
    return f"Organization {org} is in state Deleted; the operation requires state Active"


def address(local: str) -> str:
    return f"{local}@{DOMAIN}"


def user(client: BaseClient, org: str, name: str = "alice") -> str:
    made = client.create_user(OrganizationId=org, Name=name, DisplayName=name.title())
    return str(made["UserId"])


def group(client: BaseClient, org: str, name: str = "team") -> str:
    return str(client.create_group(OrganizationId=org, Name=name)["GroupId"])


def resource(client: BaseClient, org: str, name: str = "room1", kind: str = "ROOM") -> str:
    return str(client.create_resource(OrganizationId=org, Name=name, Type=kind)["ResourceId"])


def register(client: BaseClient, org: str, entity_id: str, local: str) -> str:
    email = address(local)
    client.register_to_work_mail(OrganizationId=org, EntityId=entity_id, Email=email)
    return email


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


@pytest.fixture(name="pending_domain")
def pending_domain_fixture(client: BaseClient, org: str) -> Iterator[str]:
    """A registered mail domain of ``org`` whose verification stays PENDING."""
    state_manager.set_transition(VERIFICATION_MODEL, {"progression": "manual", "times": 10**6})
    try:
        client.register_mail_domain(OrganizationId=org, DomainName=PENDING_DOMAIN)
        yield PENDING_DOMAIN
    finally:
        state_manager.unset_transition(VERIFICATION_MODEL)
