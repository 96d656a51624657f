"""Mailboxes: GetMailboxDetails, UpdateMailboxQuota and the mailbox permissions
(PutMailboxPermissions, DeleteMailboxPermissions, ListMailboxPermissions)."""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
from botocore.client import BaseClient

from tests import support
from tests.support import MISSING_ORG, deleted_org, org_missing_message, raises

#: Mailbox tests work with entities that have a mailbox (are registered) unless told not to.
user = functools.partial(support.user, enabled=True)
group = functools.partial(support.group, enabled=True)
resource = functools.partial(support.resource, enabled=True)


def delete_user(client: BaseClient, org: str, user_id: str) -> None:
    client.deregister_from_work_mail(OrganizationId=org, EntityId=user_id)
    client.delete_user(OrganizationId=org, UserId=user_id)


def permissions(client: BaseClient, org: str, owner: str, **kwargs: Any) -> list[dict[str, Any]]:
    return list(client.list_mailbox_permissions(
        OrganizationId=org, EntityId=owner, **kwargs)["Permissions"])


def state_message(role: str, entity_id: str, kind: str, name: str, state: str,
                  needed: str = "ENABLED") -> str:
    return (f"{role} {entity_id} ({kind} {name}) is in state {state}; the operation needs "
            f"state {needed}")


# --- GetMailboxDetails ------------------------------------------------------------------


def test_get_mailbox_details(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    for identifier in (alice, "alice", "alice@testorg.awsapps.com"):
        details = client.get_mailbox_details(OrganizationId=org, UserId=identifier)
        assert details["MailboxQuota"] == 51200
        assert details["MailboxSize"] == 0.0


def test_get_mailbox_details_needs_a_mailbox(client: BaseClient, org: str) -> None:
    bob = user(client, org, "bob", enabled=False)
    with raises("EntityNotFoundException",
                f"User {bob} is in state DISABLED and has no mailbox; register it to WorkMail "
                "first"):
        client.get_mailbox_details(OrganizationId=org, UserId=bob)
    delete_user(client, org, user(client, org, "carol"))
    carol = client.list_users(OrganizationId=org, Filters={"State": "DELETED"})["Users"][0]["Id"]
    with raises("EntityNotFoundException",
                f"User {carol} is in state DELETED and has no mailbox; register it to WorkMail "
                "first"):
        client.get_mailbox_details(OrganizationId=org, UserId=carol)


def test_get_mailbox_details_not_found(client: BaseClient, org: str) -> None:
    with raises("EntityNotFoundException", f"User nobody does not exist in organization {org}"):
        client.get_mailbox_details(OrganizationId=org, UserId="nobody")
    room = resource(client, org, "room1")
    with raises("EntityNotFoundException", f"User {room} does not exist in organization {org}"):
        client.get_mailbox_details(OrganizationId=org, UserId=room)


def test_get_mailbox_details_organization_errors(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.get_mailbox_details(OrganizationId=MISSING_ORG, UserId=alice)
    message = deleted_org(client, org)
    with raises("OrganizationStateException", message):
        client.get_mailbox_details(OrganizationId=org, UserId=alice)


# --- UpdateMailboxQuota -----------------------------------------------------------------


@pytest.mark.parametrize("quota", [1, 1024, 51200])
def test_update_mailbox_quota(client: BaseClient, org: str, quota: int) -> None:
    alice = user(client, org, "alice")
    assert "ResponseMetadata" in client.update_mailbox_quota(
        OrganizationId=org, UserId="alice@testorg.awsapps.com", MailboxQuota=quota)
    assert client.get_mailbox_details(OrganizationId=org, UserId=alice)["MailboxQuota"] == quota


def test_update_mailbox_quota_range(client: BaseClient, raw_client: BaseClient, org: str) -> None:
    user(client, org, "alice")
    with raises("InvalidParameterException",
                "MailboxQuota 51201 MB exceeds the maximum of 51200 MB"):
        client.update_mailbox_quota(OrganizationId=org, UserId="alice", MailboxQuota=51201)
    with raises("ValidationException",
                "1 validation error detected: Value '0' at 'mailboxQuota' failed to satisfy "
                "constraint: Member must have value greater than or equal to 1"):
        raw_client.update_mailbox_quota(OrganizationId=org, UserId="alice", MailboxQuota=0)
    assert client.get_mailbox_details(OrganizationId=org, UserId="alice")["MailboxQuota"] == 51200


def test_update_mailbox_quota_state_errors(client: BaseClient, org: str) -> None:
    bob = user(client, org, "bob", enabled=False)
    with raises("EntityStateException",
                f"User {bob} is in state DISABLED and has no mailbox; its quota can be changed "
                "once it is registered to WorkMail"):
        client.update_mailbox_quota(OrganizationId=org, UserId="bob", MailboxQuota=10)
    client.delete_user(OrganizationId=org, UserId=bob)
    with raises("EntityStateException",
                f"User {bob} is in state DELETED and has no mailbox; its quota can be changed "
                "once it is registered to WorkMail"):
        client.update_mailbox_quota(OrganizationId=org, UserId=bob, MailboxQuota=10)


def test_update_mailbox_quota_not_found_and_org_errors(client: BaseClient, org: str) -> None:
    with raises("EntityNotFoundException", f"User nobody does not exist in organization {org}"):
        client.update_mailbox_quota(OrganizationId=org, UserId="nobody", MailboxQuota=10)
    team = group(client, org, "team")
    with raises("EntityNotFoundException", f"User {team} does not exist in organization {org}"):
        client.update_mailbox_quota(OrganizationId=org, UserId=team, MailboxQuota=10)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.update_mailbox_quota(OrganizationId=MISSING_ORG, UserId="x", MailboxQuota=10)
    message = deleted_org(client, org)
    with raises("OrganizationStateException", message):
        client.update_mailbox_quota(OrganizationId=org, UserId="x", MailboxQuota=10)


# --- PutMailboxPermissions / ListMailboxPermissions -------------------------------------


def test_put_and_list_permissions(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    bob = user(client, org, "bob")
    team = group(client, org, "team")
    assert permissions(client, org, alice) == []
    client.put_mailbox_permissions(
        OrganizationId=org, EntityId="alice", GranteeId="bob@testorg.awsapps.com",
        PermissionValues=["SEND_AS", "FULL_ACCESS", "SEND_AS"],
    )
    client.put_mailbox_permissions(
        OrganizationId=org, EntityId=alice, GranteeId="team", PermissionValues=["SEND_ON_BEHALF"]
    )
    assert permissions(client, org, "alice@testorg.awsapps.com") == [
        {"GranteeId": bob, "GranteeType": "USER", "PermissionValues": ["SEND_AS", "FULL_ACCESS"]},
        {"GranteeId": team, "GranteeType": "GROUP", "PermissionValues": ["SEND_ON_BEHALF"]},
    ]
    assert permissions(client, org, bob) == []
    # A second put replaces the grantee's set, keeping its place in the list.
    client.put_mailbox_permissions(
        OrganizationId=org, EntityId=alice, GranteeId=bob, PermissionValues=["SEND_ON_BEHALF"]
    )
    assert [p["PermissionValues"] for p in permissions(client, org, alice)] == [
        ["SEND_ON_BEHALF"], ["SEND_ON_BEHALF"]
    ]
    # An empty set revokes.
    client.put_mailbox_permissions(
        OrganizationId=org, EntityId=alice, GranteeId=bob, PermissionValues=[]
    )
    assert [p["GranteeId"] for p in permissions(client, org, alice)] == [team]


def test_permissions_on_resource_and_group_mailboxes(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    room = resource(client, org, "room1")
    team = group(client, org, "team")
    for owner in (room, team):
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId=owner, GranteeId=alice, PermissionValues=["FULL_ACCESS"]
        )
        assert permissions(client, org, owner) == [
            {"GranteeId": alice, "GranteeType": "USER", "PermissionValues": ["FULL_ACCESS"]}
        ]


def test_put_permissions_invalid_grantees(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    room = resource(client, org, "room1")
    with raises("InvalidParameterException",
                f"Grantee {room} is a room resource; only users and groups can be granted "
                "mailbox permissions"):
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId=alice, GranteeId=room, PermissionValues=["SEND_AS"]
        )
    with raises("InvalidParameterException",
                f"Entity {alice} can't be granted permissions on its own mailbox"):
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId=alice, GranteeId="alice", PermissionValues=["SEND_AS"]
        )
    assert permissions(client, org, alice) == []


def test_put_permissions_not_found(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    with raises("EntityNotFoundException",
                f"Mailbox owner nobody does not exist in organization {org}"):
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId="nobody", GranteeId=alice, PermissionValues=["SEND_AS"]
        )
    with raises("EntityNotFoundException", f"Grantee nobody does not exist in organization {org}"):
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId=alice, GranteeId="nobody", PermissionValues=["SEND_AS"]
        )


def test_put_permissions_state_errors(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    bob = user(client, org, "bob", enabled=False)
    team = group(client, org, "team", enabled=False)
    with raises("EntityStateException",
                state_message("Mailbox owner", bob, "user", "bob", "DISABLED")):
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId=bob, GranteeId=alice, PermissionValues=["SEND_AS"]
        )
    with raises("EntityStateException", state_message("Grantee", bob, "user", "bob", "DISABLED")):
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId=alice, GranteeId=bob, PermissionValues=["SEND_AS"]
        )
    with raises("EntityStateException",
                state_message("Grantee", team, "group", "team", "DISABLED")):
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId=alice, GranteeId=team, PermissionValues=["SEND_AS"]
        )
    client.delete_user(OrganizationId=org, UserId=bob)
    with raises("EntityStateException", state_message("Grantee", bob, "user", "bob", "DELETED")):
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId=alice, GranteeId=bob, PermissionValues=["SEND_AS"]
        )


def test_put_permissions_validation(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    bob = user(client, org, "bob")
    with raises("ValidationException", re.compile(
            r"Value 'READ' at 'permissionValues.1.member' failed to satisfy constraint: Member "
            r"must satisfy enum value set: \[FULL_ACCESS, SEND_AS, SEND_ON_BEHALF\]")):
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId=alice, GranteeId=bob, PermissionValues=["READ"]
        )


def test_permissions_organization_errors(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    bob = user(client, org, "bob")
    calls = [
        lambda o: client.put_mailbox_permissions(
            OrganizationId=o, EntityId=alice, GranteeId=bob, PermissionValues=["SEND_AS"]),
        lambda o: client.delete_mailbox_permissions(
            OrganizationId=o, EntityId=alice, GranteeId=bob),
        lambda o: client.list_mailbox_permissions(OrganizationId=o, EntityId=alice),
    ]
    for call in calls:
        with raises("OrganizationNotFoundException", org_missing_message()):
            call(MISSING_ORG)
    message = deleted_org(client, org)
    for call in calls:
        with raises("OrganizationStateException", message):
            call(org)


# --- ListMailboxPermissions -------------------------------------------------------------


def test_list_permissions_pagination(client: BaseClient, org: str) -> None:
    owner = user(client, org, "owner")
    grantees = [user(client, org, f"g{i}") for i in range(7)]
    for grantee in grantees:
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId=owner, GranteeId=grantee, PermissionValues=["SEND_AS"]
        )
    seen: list[str] = []
    kwargs: dict[str, Any] = {"OrganizationId": org, "EntityId": owner, "MaxResults": 3}
    while True:
        page = client.list_mailbox_permissions(**kwargs)
        assert len(page["Permissions"]) <= 3
        seen += [p["GranteeId"] for p in page["Permissions"]]
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert seen == grantees
    paginator = client.get_paginator("list_mailbox_permissions")
    pages = paginator.paginate(OrganizationId=org, EntityId=owner,
                               PaginationConfig={"PageSize": 2})
    assert [p["GranteeId"] for page in pages for p in page["Permissions"]] == grantees


def test_list_permissions_errors(client: BaseClient, org: str) -> None:
    owner = user(client, org, "owner")
    with raises("InvalidParameterException", "The NextToken 'bogus' is not valid"):
        client.list_mailbox_permissions(OrganizationId=org, EntityId=owner, NextToken="bogus")
    with raises("EntityNotFoundException",
                f"Mailbox owner nobody does not exist in organization {org}"):
        client.list_mailbox_permissions(OrganizationId=org, EntityId="nobody")


# --- DeleteMailboxPermissions -----------------------------------------------------------


def test_delete_permissions(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    bob = user(client, org, "bob")
    carol = user(client, org, "carol")
    for grantee in (bob, carol):
        client.put_mailbox_permissions(
            OrganizationId=org, EntityId=alice, GranteeId=grantee, PermissionValues=["SEND_AS"]
        )
    assert "ResponseMetadata" in client.delete_mailbox_permissions(
        OrganizationId=org, EntityId="alice@testorg.awsapps.com", GranteeId="bob")
    assert [p["GranteeId"] for p in permissions(client, org, alice)] == [carol]
    # Nothing granted: nothing to do.
    client.delete_mailbox_permissions(OrganizationId=org, EntityId=alice, GranteeId=bob)
    client.delete_mailbox_permissions(OrganizationId=org, EntityId=bob, GranteeId=alice)
    assert [p["GranteeId"] for p in permissions(client, org, alice)] == [carol]


def test_delete_permissions_of_deregistered_entities(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    bob = user(client, org, "bob")
    client.put_mailbox_permissions(
        OrganizationId=org, EntityId=alice, GranteeId=bob, PermissionValues=["SEND_AS"]
    )
    client.deregister_from_work_mail(OrganizationId=org, EntityId=bob)
    assert [p["GranteeId"] for p in permissions(client, org, alice)] == [bob]
    client.delete_mailbox_permissions(OrganizationId=org, EntityId=alice, GranteeId=bob)
    assert permissions(client, org, alice) == []


def test_delete_permissions_errors(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    bob = user(client, org, "bob", enabled=False)
    with raises("EntityNotFoundException",
                f"Mailbox owner nobody does not exist in organization {org}"):
        client.delete_mailbox_permissions(OrganizationId=org, EntityId="nobody", GranteeId=alice)
    with raises("EntityNotFoundException", f"Grantee nobody does not exist in organization {org}"):
        client.delete_mailbox_permissions(OrganizationId=org, EntityId=alice, GranteeId="nobody")
    client.delete_user(OrganizationId=org, UserId=bob)
    with raises("EntityStateException",
                state_message("Grantee", bob, "user", "bob", "DELETED", "ENABLED or DISABLED")):
        client.delete_mailbox_permissions(OrganizationId=org, EntityId=alice, GranteeId=bob)
    with raises("EntityStateException",
                state_message("Mailbox owner", bob, "user", "bob", "DELETED",
                              "ENABLED or DISABLED")):
        client.delete_mailbox_permissions(OrganizationId=org, EntityId=bob, GranteeId=alice)


# --- deleting entities drops their permissions ------------------------------------------


def test_deleting_a_grantee_drops_its_permissions(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    room = resource(client, org, "room1")
    bob = user(client, org, "bob")
    carol = user(client, org, "carol")
    for owner in (alice, room):
        for grantee in (bob, carol):
            client.put_mailbox_permissions(
                OrganizationId=org, EntityId=owner, GranteeId=grantee,
                PermissionValues=["FULL_ACCESS"],
            )
    delete_user(client, org, bob)
    for owner in (alice, room):
        assert [p["GranteeId"] for p in permissions(client, org, owner)] == [carol]


def test_deleting_an_owner_drops_its_mailbox_permissions(client: BaseClient, org: str) -> None:
    alice = user(client, org, "alice")
    bob = user(client, org, "bob")
    client.put_mailbox_permissions(
        OrganizationId=org, EntityId=alice, GranteeId=bob, PermissionValues=["SEND_AS"]
    )
    client.put_mailbox_permissions(
        OrganizationId=org, EntityId=bob, GranteeId=alice, PermissionValues=["SEND_AS"]
    )
    delete_user(client, org, alice)
    assert permissions(client, org, alice) == []
    assert permissions(client, org, bob) == []
    # A new user of the same name starts without the old grants.
    again = user(client, org, "alice")
    assert permissions(client, org, again) == []
