"""Addresses: RegisterToWorkMail, DeregisterFromWorkMail, UpdatePrimaryEmailAddress,
CreateAlias, DeleteAlias, ListAliases, DescribeEntity."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.client import BaseClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workmail_mock
from tests.support import (
    MISSING_ORG,
    REGION,
    address,
    collect,
    group,
    org_missing_message,
    org_state_message,
    raises,
    register,
    resource,
    user,
)
from tests.support.directories import simple_ad

ENTITY_MAKERS = {"user": user, "group": group, "resource": resource}


def _make(client: BaseClient, org: str, kind: str, name: str = "thing") -> str:
    return ENTITY_MAKERS[kind](client, org, name)


def _describe(client: BaseClient, org: str, kind: str, entity_id: str) -> dict[str, Any]:
    if kind == "user":
        return dict(client.describe_user(OrganizationId=org, UserId=entity_id))
    if kind == "group":
        return dict(client.describe_group(OrganizationId=org, GroupId=entity_id))
    return dict(client.describe_resource(OrganizationId=org, ResourceId=entity_id))


# --- RegisterToWorkMail -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["user", "group", "resource"])
def test_register_enables_with_email(client: BaseClient, org: str, kind: str) -> None:
    entity_id = _make(client, org, kind)
    before = _describe(client, org, kind, entity_id)
    assert before["State"] == "DISABLED"
    assert "Email" not in before and "EnabledDate" not in before
    # By name, as the model documents for EntityId.
    client.register_to_work_mail(OrganizationId=org, EntityId="thing", Email=address("Thing"))
    after = _describe(client, org, kind, entity_id)
    assert after["State"] == "ENABLED"
    assert after["Email"] == address("Thing")
    assert "EnabledDate" in after and "DisabledDate" not in after
    if kind == "user":
        assert after["MailboxProvisionedDate"] == after["EnabledDate"]


def test_register_in_custom_domain(client: BaseClient, org: str) -> None:
    client.register_mail_domain(OrganizationId=org, DomainName="example.com")
    group_id = group(client, org)
    client.register_to_work_mail(OrganizationId=org, EntityId=group_id, Email="team@example.com")
    with raises("MailDomainInUseException", re.compile("still used by 1 email addresses")):
        client.deregister_mail_domain(OrganizationId=org, DomainName="example.com")


def test_register_enabled_entity_same_email_is_a_no_op(client: BaseClient, org: str) -> None:
    group_id = group(client, org)
    email = register(client, org, group_id, "team")
    first = client.describe_group(OrganizationId=org, GroupId=group_id)
    client.register_to_work_mail(OrganizationId=org, EntityId=group_id, Email=email.upper())
    again = client.describe_group(OrganizationId=org, GroupId=group_id)
    assert (again["Email"], again["EnabledDate"]) == (first["Email"], first["EnabledDate"])


def test_register_enabled_entity_other_email(client: BaseClient, org: str) -> None:
    group_id = group(client, org)
    register(client, org, group_id, "team")
    with raises("EntityAlreadyRegisteredException",
                f"Group {group_id} is already registered to WorkMail with the email address "
                f"{address('team')}; use UpdatePrimaryEmailAddress to change it"):
        client.register_to_work_mail(OrganizationId=org, EntityId=group_id, Email=address("x"))


def test_register_address_in_use(client: BaseClient, org: str) -> None:
    first = group(client, org, "first")
    register(client, org, first, "shared")
    client.create_alias(OrganizationId=org, EntityId=first, Alias=address("alias"))
    second = resource(client, org, "second")
    for taken in (address("SHARED"), address("alias")):
        with raises("EmailAddressInUseException",
                    f"The email address {taken} is already used by entity {first} in "
                    f"organization {org}"):
            client.register_to_work_mail(OrganizationId=org, EntityId=second, Email=taken)
    assert client.describe_resource(OrganizationId=org, ResourceId=second)["State"] == "DISABLED"


def test_register_domain_errors(client: BaseClient, org: str, pending_domain: str) -> None:
    group_id = group(client, org)
    with raises("MailDomainNotFoundException",
                f"Domain elsewhere.com of team@elsewhere.com is not a mail domain of "
                f"organization {org}"):
        client.register_to_work_mail(
            OrganizationId=org, EntityId=group_id, Email="team@elsewhere.com")
    with raises("MailDomainStateException",
                f"Domain {pending_domain} of team@{pending_domain} is PENDING; it must be "
                "verified before addresses in it can be used"):
        client.register_to_work_mail(
            OrganizationId=org, EntityId=group_id, Email=f"team@{pending_domain}")
    assert client.describe_group(OrganizationId=org, GroupId=group_id)["State"] == "DISABLED"


def test_register_invalid_address(client: BaseClient, org: str) -> None:
    group_id = group(client, org)
    # The model's pattern is matched as a prefix by the front end; the service wants all.
    with raises("InvalidParameterException",
                f"not an@{'testorg.awsapps.com'} is not a valid email address"):
        client.register_to_work_mail(
            OrganizationId=org, EntityId=group_id, Email="not an@testorg.awsapps.com")


def test_register_entity_errors(client: BaseClient, org: str) -> None:
    with raises("EntityNotFoundException", f"Entity nobody does not exist in organization {org}"):
        client.register_to_work_mail(OrganizationId=org, EntityId="nobody", Email=address("x"))
    group_id = group(client, org)
    client.delete_group(OrganizationId=org, GroupId=group_id)
    with raises("EntityStateException",
                f"Group {group_id} is in state DELETED; RegisterToWorkMail can't be used on a "
                "deleted entity"):
        client.register_to_work_mail(OrganizationId=org, EntityId=group_id, Email=address("x"))


def test_register_organization_errors(client: BaseClient, org: str) -> None:
    group_id = group(client, org)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.register_to_work_mail(
            OrganizationId=MISSING_ORG, EntityId=group_id, Email=address("x"))
    client.delete_organization(OrganizationId=org, DeleteDirectory=True, ForceDelete=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.register_to_work_mail(OrganizationId=org, EntityId=group_id, Email=address("x"))


def test_register_directory_gone(client: BaseClient, aws: Any) -> None:
    directory = simple_ad(aws, alias="corp")
    org = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    group_id = group(client, org)
    client.register_to_work_mail(OrganizationId=org, EntityId=group_id,
                                 Email="team@corp.awsapps.com")
    aws("ds").delete_directory(DirectoryId=directory)
    gone = f"Directory {directory} of organization {org} is no longer available"
    with raises("DirectoryUnavailableException", gone):
        client.register_to_work_mail(OrganizationId=org, EntityId=group_id,
                                     Email="team@corp.awsapps.com")
    with raises("DirectoryUnavailableException", gone):
        client.update_primary_email_address(OrganizationId=org, EntityId=group_id,
                                            Email="team2@corp.awsapps.com")


# --- DeregisterFromWorkMail -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["user", "group", "resource"])
def test_deregister_disables_and_releases_addresses(
    client: BaseClient, org: str, kind: str
) -> None:
    client.register_mail_domain(OrganizationId=org, DomainName="example.com")
    entity_id = _make(client, org, kind)
    client.register_to_work_mail(OrganizationId=org, EntityId=entity_id, Email="t@example.com")
    client.create_alias(OrganizationId=org, EntityId=entity_id, Alias="alias@example.com")
    # By email, as the model documents for EntityId.
    client.deregister_from_work_mail(OrganizationId=org, EntityId="t@example.com")
    described = _describe(client, org, kind, entity_id)
    assert described["State"] == "DISABLED"
    assert "DisabledDate" in described and "Email" not in described
    assert client.list_aliases(OrganizationId=org, EntityId=entity_id)["Aliases"] == []
    # The addresses are free again, and so is their domain.
    other = group(client, org, "other")
    client.register_to_work_mail(OrganizationId=org, EntityId=other, Email="alias@example.com")
    client.deregister_from_work_mail(OrganizationId=org, EntityId=other)
    client.deregister_mail_domain(OrganizationId=org, DomainName="example.com")
    # Registering again starts without aliases.
    register(client, org, entity_id, "back")
    assert _describe(client, org, kind, entity_id)["State"] == "ENABLED"
    assert "DisabledDate" not in _describe(client, org, kind, entity_id)


def test_deregister_errors(client: BaseClient, org: str) -> None:
    with raises("EntityNotFoundException", f"Entity nobody does not exist in organization {org}"):
        client.deregister_from_work_mail(OrganizationId=org, EntityId="nobody")
    group_id = group(client, org)
    with raises("EntityStateException",
                f"Group {group_id} is in state DISABLED; only an ENABLED entity can be "
                "deregistered from WorkMail"):
        client.deregister_from_work_mail(OrganizationId=org, EntityId=group_id)
    client.delete_group(OrganizationId=org, GroupId=group_id)
    with raises("EntityStateException",
                f"Group {group_id} is in state DELETED; DeregisterFromWorkMail can't be used "
                "on a deleted entity"):
        client.deregister_from_work_mail(OrganizationId=org, EntityId=group_id)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.deregister_from_work_mail(OrganizationId=MISSING_ORG, EntityId=group_id)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True, ForceDelete=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.deregister_from_work_mail(OrganizationId=org, EntityId=group_id)


def test_deregistered_user_no_longer_counts_as_enabled(client: BaseClient, org: str) -> None:
    user_id = user(client, org)
    register(client, org, user_id, "alice")
    client.deregister_from_work_mail(OrganizationId=org, EntityId="alice")
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)


# --- UpdatePrimaryEmailAddress ----------------------------------------------------------


@pytest.mark.parametrize("kind", ["user", "group", "resource"])
def test_update_primary_keeps_old_address_as_alias(
    client: BaseClient, org: str, kind: str
) -> None:
    entity_id = _make(client, org, kind)
    register(client, org, entity_id, "first")
    client.update_primary_email_address(
        OrganizationId=org, EntityId=address("first"), Email=address("second"))
    assert _describe(client, org, kind, entity_id)["Email"] == address("second")
    aliases = client.list_aliases(OrganizationId=org, EntityId=entity_id)["Aliases"]
    assert aliases == [address("second"), address("first")]
    # Swapping with an existing alias.
    client.update_primary_email_address(
        OrganizationId=org, EntityId="thing", Email=address("first"))
    assert _describe(client, org, kind, entity_id)["Email"] == address("first")
    assert client.list_aliases(OrganizationId=org, EntityId=entity_id)["Aliases"] == [
        address("first"), address("second")]
    for email in (address("first"), address("second")):
        found = client.describe_entity(OrganizationId=org, Email=email)
        assert found["EntityId"] == entity_id


def test_update_primary_same_address(client: BaseClient, org: str) -> None:
    group_id = group(client, org)
    register(client, org, group_id, "team")
    client.update_primary_email_address(
        OrganizationId=org, EntityId=group_id, Email=address("TEAM"))
    assert client.describe_group(OrganizationId=org, GroupId=group_id)["Email"] == address("TEAM")
    assert client.list_aliases(OrganizationId=org, EntityId=group_id)["Aliases"] == [
        address("TEAM")]


def test_update_primary_errors(client: BaseClient, org: str, pending_domain: str) -> None:
    group_id = group(client, org)
    with raises("EntityStateException",
                f"Group {group_id} is in state DISABLED; UpdatePrimaryEmailAddress needs an "
                "entity registered to WorkMail (ENABLED)"):
        client.update_primary_email_address(
            OrganizationId=org, EntityId=group_id, Email=address("x"))
    register(client, org, group_id, "team")
    other = resource(client, org)
    register(client, org, other, "room")
    with raises("EmailAddressInUseException",
                f"The email address {address('room')} is already used by entity {other} in "
                f"organization {org}"):
        client.update_primary_email_address(
            OrganizationId=org, EntityId=group_id, Email=address("room"))
    with raises("MailDomainNotFoundException",
                f"Domain nowhere.com of x@nowhere.com is not a mail domain of organization {org}"):
        client.update_primary_email_address(
            OrganizationId=org, EntityId=group_id, Email="x@nowhere.com")
    with raises("MailDomainStateException", re.compile(f"^Domain {pending_domain} .* PENDING")):
        client.update_primary_email_address(
            OrganizationId=org, EntityId=group_id, Email=f"x@{pending_domain}")
    with raises("InvalidParameterException", "a b@x.com is not a valid email address"):
        client.update_primary_email_address(
            OrganizationId=org, EntityId=group_id, Email="a b@x.com")
    with raises("EntityNotFoundException", f"Entity nobody does not exist in organization {org}"):
        client.update_primary_email_address(
            OrganizationId=org, EntityId="nobody", Email=address("x"))
    assert client.describe_group(OrganizationId=org, GroupId=group_id)["Email"] == address("team")
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.update_primary_email_address(
            OrganizationId=MISSING_ORG, EntityId=group_id, Email=address("x"))
    client.deregister_from_work_mail(OrganizationId=org, EntityId=other)
    client.delete_resource(OrganizationId=org, ResourceId=other)
    with raises("EntityStateException",
                f"Resource {other} is in state DELETED; UpdatePrimaryEmailAddress can't be used "
                "on a deleted entity"):
        client.update_primary_email_address(OrganizationId=org, EntityId=other, Email=address("x"))
    client.delete_organization(OrganizationId=org, DeleteDirectory=True, ForceDelete=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.update_primary_email_address(
            OrganizationId=org, EntityId=group_id, Email=address("x"))


# --- CreateAlias / DeleteAlias / ListAliases --------------------------------------------


@pytest.mark.parametrize("kind", ["user", "group", "resource"])
def test_aliases_round_trip(client: BaseClient, org: str, kind: str) -> None:
    entity_id = _make(client, org, kind)
    register(client, org, entity_id, "main")
    for local in ("one", "two", "three"):
        client.create_alias(OrganizationId=org, EntityId=entity_id, Alias=address(local))
    client.create_alias(OrganizationId=org, EntityId=entity_id, Alias=address("TWO"))  # no-op
    listed = client.list_aliases(OrganizationId=org, EntityId=entity_id)
    # The primary address comes first (docs/aws-behaviour.md section 8).
    assert listed["Aliases"] == [address("main"), address("one"), address("two"), address("three")]
    assert "NextToken" not in listed
    client.delete_alias(OrganizationId=org, EntityId=entity_id, Alias=address("TWO"))
    client.delete_alias(OrganizationId=org, EntityId=entity_id, Alias=address("never"))  # no-op
    assert client.list_aliases(OrganizationId=org, EntityId=entity_id)["Aliases"] == [
        address("main"), address("one"), address("three")]
    # The deleted alias is free for another entity.
    other = group(client, org, "other")
    register(client, org, other, "two")


def test_list_aliases_pages(client: BaseClient, org: str) -> None:
    group_id = group(client, org)
    register(client, org, group_id, "team")
    made = [address(f"a{i}") for i in range(5)]
    for alias in made:
        client.create_alias(OrganizationId=org, EntityId=group_id, Alias=alias)
    first = client.list_aliases(OrganizationId=org, EntityId=group_id, MaxResults=2)
    assert first["Aliases"] == [address("team"), made[0]]
    # A token stays valid when aliases before it are removed.
    client.delete_alias(OrganizationId=org, EntityId=group_id, Alias=made[0])
    rest = collect(client.list_aliases, "Aliases", OrganizationId=org, EntityId=group_id,
                   MaxResults=2, NextToken=first["NextToken"])
    assert rest == made[1:]
    single = client.list_aliases(OrganizationId=org, EntityId=group_id, MaxResults=1)
    assert single["Aliases"] == [address("team")]
    assert collect(client.list_aliases, "Aliases", OrganizationId=org, EntityId=group_id,
                   MaxResults=1, NextToken=single["NextToken"]) == made[1:]
    with raises("InvalidParameterException", "The NextToken 'bogus' is not valid"):
        client.list_aliases(OrganizationId=org, EntityId=group_id, NextToken="bogus")


def test_alias_quota(client: BaseClient, org: str, mode: str) -> None:
    group_id = group(client, org)
    register(client, org, group_id, "team")
    workmail_mock.backend_for("123456789012", REGION).quotas.aliases_per_entity = 2
    client.create_alias(OrganizationId=org, EntityId=group_id, Alias=address("a1"))
    client.create_alias(OrganizationId=org, EntityId=group_id, Alias=address("a2"))
    with raises("LimitExceededException",
                f"Group {group_id} already has 2 aliases; the quota is 2 per entity"):
        client.create_alias(OrganizationId=org, EntityId=group_id, Alias=address("a3"))
    client.create_alias(OrganizationId=org, EntityId=group_id, Alias=address("A2"))  # held: no-op


def test_create_alias_errors(
    client: BaseClient, raw_client: BaseClient, org: str, pending_domain: str
) -> None:
    group_id = group(client, org)
    with raises("EntityStateException",
                f"Group {group_id} is in state DISABLED; CreateAlias needs an entity registered "
                "to WorkMail (ENABLED)"):
        client.create_alias(OrganizationId=org, EntityId=group_id, Alias=address("x"))
    register(client, org, group_id, "team")
    with raises("EmailAddressInUseException",
                f"The email address {address('TEAM')} is already the primary address of group "
                f"{group_id}"):
        client.create_alias(OrganizationId=org, EntityId=group_id, Alias=address("TEAM"))
    other = user(client, org)
    register(client, org, other, "alice")
    with raises("EmailAddressInUseException",
                f"The email address {address('alice')} is already used by entity {other} in "
                f"organization {org}"):
        client.create_alias(OrganizationId=org, EntityId=group_id, Alias=address("alice"))
    with raises("MailDomainNotFoundException",
                f"Domain nowhere.com of x@nowhere.com is not a mail domain of organization {org}"):
        client.create_alias(OrganizationId=org, EntityId=group_id, Alias="x@nowhere.com")
    with raises("MailDomainStateException", re.compile(f"^Domain {pending_domain} .* PENDING")):
        client.create_alias(OrganizationId=org, EntityId=group_id, Alias=f"x@{pending_domain}")
    with raises("InvalidParameterException", "a b@x.com is not a valid email address"):
        client.create_alias(OrganizationId=org, EntityId=group_id, Alias="a b@x.com")
    missing = "S-1-1-11-1111111111-2222222222-3333333333-4444"
    with raises("EntityNotFoundException",
                f"Entity {missing} does not exist in organization {org}"):
        client.create_alias(OrganizationId=org, EntityId=missing, Alias=address("x"))
    with raises("ValidationException", re.compile(
            "Value 'short' at 'entityId' failed to satisfy constraint: Member must have length "
            "greater than or equal to 12")):
        raw_client.create_alias(OrganizationId=org, EntityId="short", Alias=address("x"))
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.create_alias(OrganizationId=MISSING_ORG, EntityId=group_id, Alias=address("x"))
    client.delete_organization(OrganizationId=org, DeleteDirectory=True, ForceDelete=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.create_alias(OrganizationId=org, EntityId=group_id, Alias=address("x"))


def test_delete_and_list_alias_errors(client: BaseClient, org: str) -> None:
    group_id = group(client, org)
    register(client, org, group_id, "team")
    with raises("InvalidParameterException",
                f"{address('team')} is the primary email address of group {group_id}, not an "
                "alias; use UpdatePrimaryEmailAddress to replace it"):
        client.delete_alias(OrganizationId=org, EntityId=group_id, Alias=address("team"))
    missing = "S-1-1-11-1111111111-2222222222-3333333333-4444"
    for call in (
        lambda: client.delete_alias(OrganizationId=org, EntityId=missing, Alias=address("x")),
        lambda: client.list_aliases(OrganizationId=org, EntityId=missing),
    ):
        with raises("EntityNotFoundException",
                    f"Entity {missing} does not exist in organization {org}"):
            call()
    client.deregister_from_work_mail(OrganizationId=org, EntityId=group_id)
    client.delete_group(OrganizationId=org, GroupId=group_id)
    with raises("EntityStateException",
                f"Group {group_id} is in state DELETED; DeleteAlias can't be used on a deleted "
                "entity"):
        client.delete_alias(OrganizationId=org, EntityId=group_id, Alias=address("x"))
    with raises("EntityStateException",
                f"Group {group_id} is in state DELETED; ListAliases can't be used on a deleted "
                "entity"):
        client.list_aliases(OrganizationId=org, EntityId=group_id)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.delete_alias(OrganizationId=MISSING_ORG, EntityId=group_id, Alias=address("x"))
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.list_aliases(OrganizationId=MISSING_ORG, EntityId=group_id)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True, ForceDelete=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.delete_alias(OrganizationId=org, EntityId=group_id, Alias=address("x"))
    with raises("OrganizationStateException", org_state_message(org)):
        client.list_aliases(OrganizationId=org, EntityId=group_id)


def test_alias_keeps_domain_in_use(client: BaseClient, org: str) -> None:
    client.register_mail_domain(OrganizationId=org, DomainName="example.com")
    group_id = group(client, org)
    register(client, org, group_id, "team")
    client.create_alias(OrganizationId=org, EntityId=group_id, Alias="team@example.com")
    with raises("MailDomainInUseException", re.compile("^Domain example.com is still used by 1")):
        client.deregister_mail_domain(OrganizationId=org, DomainName="example.com")
    client.delete_alias(OrganizationId=org, EntityId=group_id, Alias="TEAM@example.com")
    client.deregister_mail_domain(OrganizationId=org, DomainName="example.com")


def test_deleting_a_user_releases_its_aliases(client: BaseClient, org: str) -> None:
    user_id = user(client, org)
    register(client, org, user_id, "alice")
    client.create_alias(OrganizationId=org, EntityId=user_id, Alias=address("al"))
    client.deregister_from_work_mail(OrganizationId=org, EntityId=user_id)
    client.delete_user(OrganizationId=org, UserId=user_id)
    bob = user(client, org, "bob")
    register(client, org, bob, "al")
    assert client.describe_entity(OrganizationId=org, Email=address("al"))["EntityId"] == bob


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(0, 12), size=st.integers(1, 5), drop=st.sets(st.integers(0, 11)))
def test_list_aliases_pagination_property(
    client: BaseClient, count: int, size: int, drop: set[int]
) -> None:
    """Pages of any size, read to the end, give every alias once, in creation order."""
    org = client.create_organization(Alias=f"pg{count}x{size}x{len(drop)}")["OrganizationId"]
    domain = f"pg{count}x{size}x{len(drop)}.awsapps.com"
    group_id = group(client, org)
    client.register_to_work_mail(OrganizationId=org, EntityId=group_id, Email=f"team@{domain}")
    made = [f"a{i}@{domain}" for i in range(count)]
    for alias in made:
        client.create_alias(OrganizationId=org, EntityId=group_id, Alias=alias)
    for i in sorted(drop):
        if i < count:
            client.delete_alias(OrganizationId=org, EntityId=group_id, Alias=made[i])
    expected = [f"team@{domain}"] + [a for i, a in enumerate(made) if i not in drop]
    listed = collect(client.list_aliases, "Aliases", OrganizationId=org, EntityId=group_id,
                     MaxResults=size)
    assert listed == expected
    client.delete_organization(OrganizationId=org, DeleteDirectory=True, ForceDelete=True)


# --- DescribeEntity ---------------------------------------------------------------------


def test_describe_entity(client: BaseClient, org: str) -> None:
    ids = {
        "USER": user(client, org, "alice"),
        "GROUP": group(client, org, "team"),
        "RESOURCE": resource(client, org, "room1"),
    }
    for kind, entity_id in ids.items():
        register(client, org, entity_id, kind.lower())
    client.create_alias(OrganizationId=org, EntityId=ids["GROUP"], Alias=address("crew"))
    for kind, email, name in (
        ("USER", address("user"), "alice"),
        ("GROUP", address("GROUP"), "team"),
        ("GROUP", address("crew"), "team"),
        ("RESOURCE", address("resource"), "room1"),
    ):
        found = client.describe_entity(OrganizationId=org, Email=email)
        assert (found["EntityId"], found["Name"], found["Type"]) == (ids[kind], name, kind)


def test_describe_entity_errors(client: BaseClient, org: str) -> None:
    with raises("EntityNotFoundException",
                f"No user, group or resource of organization {org} has the email address "
                f"{address('nobody')}"):
        client.describe_entity(OrganizationId=org, Email=address("nobody"))
    with raises("InvalidParameterException", "a b@x.com is not a valid email address"):
        client.describe_entity(OrganizationId=org, Email="a b@x.com")
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.describe_entity(OrganizationId=MISSING_ORG, Email=address("x"))
    client.delete_organization(OrganizationId=org, DeleteDirectory=True, ForceDelete=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.describe_entity(OrganizationId=org, Email=address("x"))
