"""Users: CreateUser, DescribeUser, UpdateUser, ListUsers, DeleteUser, ResetPassword."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from botocore.client import BaseClient
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import (
    ENTITY_ID,
    MISSING_ORG,
    SID,
    deleted_org,
    org_missing_message,
    org_state_message,
    raises,
    register,
)
from tests.support import user as create
from tests.support.directories import ad_connector, simple_ad

PASSWORD = "Corr3ct-Horse"
IDP_USER = "0123456789-12345678-1234-1234-1234-123456789012"


# --- CreateUser -------------------------------------------------------------------------


def test_create_user_with_every_parameter(client: BaseClient, org: str) -> None:
    user_id = client.create_user(
        OrganizationId=org, Name="alice", DisplayName="Alice Liddell", Password=PASSWORD,
        Role="REMOTE_USER", FirstName="Alice", LastName="Liddell",
        HiddenFromGlobalAddressList=True, IdentityProviderUserId=IDP_USER,
    )["UserId"]
    user = client.describe_user(OrganizationId=org, UserId=user_id)
    user.pop("ResponseMetadata")
    assert user == {
        "UserId": user_id, "Name": "alice", "DisplayName": "Alice Liddell",
        "State": "DISABLED", "UserRole": "REMOTE_USER", "FirstName": "Alice",
        "LastName": "Liddell", "HiddenFromGlobalAddressList": True,
        "IdentityProviderUserId": IDP_USER, "IdentityProviderIdentityStoreId": "d-0123456789",
    }


def test_create_user_defaults(client: BaseClient, org: str) -> None:
    user_id = create(client, org, "bob")
    user = client.describe_user(OrganizationId=org, UserId=user_id)
    assert user["UserRole"] == "USER"
    assert user["State"] == "DISABLED"
    assert user["HiddenFromGlobalAddressList"] is False
    for absent in ("Email", "EnabledDate", "DisabledDate", "MailboxProvisionedDate",
                   "MailboxDeprovisionedDate", "FirstName", "IdentityProviderUserId",
                   "IdentityProviderIdentityStoreId"):
        assert absent not in user
    assert ENTITY_ID.match(user_id)


def test_create_user_idp_id_without_store_prefix(client: BaseClient, org: str) -> None:
    bare = IDP_USER.split("-", 1)[1]
    user_id = create(client, org, IdentityProviderUserId=bare)
    user = client.describe_user(OrganizationId=org, UserId=user_id)
    assert user["IdentityProviderUserId"] == bare
    assert "IdentityProviderIdentityStoreId" not in user


def test_create_user_idp_id_taken(client: BaseClient, org: str) -> None:
    first = create(client, org, "alice", IdentityProviderUserId=IDP_USER)
    with raises("InvalidParameterException",
                f"IdentityProviderUserId {IDP_USER.upper()} is already used by user {first}"):
        create(client, org, "bob", IdentityProviderUserId=IDP_USER.upper())


@pytest.mark.parametrize("role", ["SYSTEM_USER", "RESOURCE"])
def test_create_user_refuses_directory_roles(client: BaseClient, org: str, role: str) -> None:
    with raises("InvalidParameterException",
                f"Role {role} can't be set through the API; use USER or REMOTE_USER"):
        create(client, org, Role=role)
    assert client.list_users(OrganizationId=org)["Users"] == []


def test_create_user_name_taken(client: BaseClient, org: str) -> None:
    first = create(client, org, "alice")
    with raises("NameAvailabilityException",
                f"The name ALICE is already used by entity {first} in this organization"):
        create(client, org, "ALICE")
    group = client.create_group(OrganizationId=org, Name="team")["GroupId"]
    with raises("NameAvailabilityException",
                f"The name team is already used by entity {group} in this organization"):
        create(client, org, "team")


@pytest.mark.parametrize("name", ["administrator", "Guest", "krbtgt"])
def test_create_user_reserved_name(client: BaseClient, org: str, name: str) -> None:
    with raises("ReservedNameException", f"The name {name} is reserved by WorkMail"):
        create(client, org, name)


def test_create_user_email_like_name(client: BaseClient, org: str) -> None:
    user_id = create(client, org, "carol@example.com")
    assert client.describe_user(OrganizationId=org, UserId=user_id)["Name"] == "carol@example.com"


def test_create_user_organization_errors(client: BaseClient, org: str) -> None:
    with raises("OrganizationNotFoundException", org_missing_message()):
        create(client, MISSING_ORG)
    deleted_org(client, org)
    with raises("OrganizationStateException", org_state_message(org)):
        create(client, org)


def test_create_user_validation(client: BaseClient, org: str) -> None:
    with raises("ValidationException", re.compile(
            r"Value '.{65}' at 'name' failed to satisfy constraint: Member must have length "
            r"less than or equal to 64")):
        create(client, org, "a" * 65)


def test_create_user_long_name_in_external_directory(client: BaseClient, aws: Any) -> None:
    directory = simple_ad(aws, alias="corp")
    org = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    create(client, org, "a" * 20)
    with raises("InvalidParameterException",
                "User name " + "b" * 21 + " has 21 characters; users of a SimpleAD directory "
                "can have at most 20"):
        create(client, org, "b" * 21)


def test_entity_ids_are_uuids_in_own_directories_and_sids_in_directory_service(
    client: BaseClient, org: str, aws: Any
) -> None:
    """A WorkMail directory issues lowercase UUIDs; an Active Directory issues SIDs
    (docs/aws-behaviour.md section 4)."""
    own = [create(client, org, "alice"),
           client.create_group(OrganizationId=org, Name="staff")["GroupId"]]
    assert all(ENTITY_ID.match(i) for i in own), own
    directory = simple_ad(aws, alias="corp")
    corp = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    ad = [create(client, corp, "bob"),
          client.create_group(OrganizationId=corp, Name="staff")["GroupId"]]
    assert all(SID.match(i) for i in ad), ad


def test_create_user_ad_connector_is_read_only(client: BaseClient, aws: Any) -> None:
    directory = ad_connector(aws, alias="onprem")
    org = client.create_organization(Alias="onprem", DirectoryId=directory)["OrganizationId"]
    with raises("UnsupportedOperationException", re.compile(
            rf"^Organization {org} uses AD Connector directory {directory}, which is read-only")):
        create(client, org)


def test_create_user_directory_gone(client: BaseClient, aws: Any) -> None:
    directory = simple_ad(aws, alias="corp")
    org = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    user_id = create(client, org)
    aws("ds").delete_directory(DirectoryId=directory)
    gone = f"Directory {directory} of organization {org} is no longer available"
    with raises("DirectoryUnavailableException", gone):
        create(client, org, "bob")
    with raises("DirectoryUnavailableException", gone):
        client.describe_user(OrganizationId=org, UserId=user_id)
    with raises("DirectoryUnavailableException", gone):
        client.update_user(OrganizationId=org, UserId=user_id, City="Paris")
    with raises("DirectoryUnavailableException", gone):
        client.delete_user(OrganizationId=org, UserId=user_id)
    with raises("DirectoryUnavailableException", gone):
        client.reset_password(OrganizationId=org, UserId=user_id, Password=PASSWORD)


# --- password policy --------------------------------------------------------------------

POLICY = (
    "The supplied password doesn't match the minimum security constraints: it must be 8 to "
    "63 Basic Latin or Latin-1 characters long and contain characters of at least 3 of these "
    "groups: uppercase letters, lowercase letters, digits, special characters, Latin-1 "
    "supplement characters"
)

BAD_PASSWORDS = [
    ("Ab1!xyz", "(the password has 7 characters)"),
    ("Ab1!" * 16, "(the password has 64 characters)"),
    ("abcdefgh1", "(the password uses characters of 2 groups)"),
    ("ABCDEFGH", "(the password uses characters of 1 groups)"),
    ("Passw0rd\u20ac", "(the password has characters outside Basic Latin and Latin-1)"),
]
GOOD_PASSWORDS = ["Passw0rd", "passw0rd!", "p\u00e4ssw\u00f6rd1", "PASS WORD9", "Ab1!" * 15 + "xyz"]


@pytest.mark.parametrize(("password", "why"), BAD_PASSWORDS)
def test_create_user_password_policy(client: BaseClient, org: str, password: str, why: str) -> None:
    with raises("InvalidPasswordException", f"{POLICY} {why}"):
        create(client, org, Password=password)
    assert client.list_users(OrganizationId=org)["Users"] == []


@pytest.mark.parametrize("password", GOOD_PASSWORDS)
def test_create_user_accepts_policy_passwords(client: BaseClient, org: str, password: str) -> None:
    create(client, org, Password=password)


@pytest.mark.parametrize(("password", "why"), BAD_PASSWORDS)
def test_reset_password_policy(client: BaseClient, org: str, password: str, why: str) -> None:
    user_id = create(client, org)
    with raises("InvalidPasswordException", f"{POLICY} {why}"):
        client.reset_password(OrganizationId=org, UserId=user_id, Password=password)


def test_password_stored_hashed(client: BaseClient, org: str, mode: str) -> None:
    user_id = create(client, org, Password=PASSWORD)
    if mode != "inprocess":
        pytest.skip("inspects the in-process backend")
    from workmail_mock import backend_for

    user = backend_for("123456789012", "us-east-1").organizations.get(org).directory.get(user_id)
    assert PASSWORD not in repr(vars(user))
    assert user.password_matches(PASSWORD) and not user.password_matches("other")
    client.reset_password(OrganizationId=org, UserId=user_id, Password="N3w-password")
    assert user.password_matches("N3w-password") and not user.password_matches(PASSWORD)


def test_passwords_never_in_any_response(client: BaseClient, org: str) -> None:
    bodies: list[bytes] = []
    client.meta.events.register(
        "before-parse.workmail.*",
        lambda response_dict, **_: bodies.append(response_dict.get("body") or b""),
    )
    first, second, bad = "Fir5t-secret", "Sec0nd-secret", "weaksecret"
    user_id = create(client, org, Password=first)
    client.describe_user(OrganizationId=org, UserId=user_id)
    client.list_users(OrganizationId=org)
    client.update_user(OrganizationId=org, UserId=user_id, City="Oxford")
    client.reset_password(OrganizationId=org, UserId=user_id, Password=second)
    register(client, org, user_id, "alice")
    client.get_mailbox_details(OrganizationId=org, UserId=user_id)
    client.describe_user(OrganizationId=org, UserId=user_id)
    for password in (bad, "x" * 300):
        with pytest.raises(ClientError):
            client.reset_password(OrganizationId=org, UserId=user_id, Password=password)
    with pytest.raises(ClientError):
        client.create_user(OrganizationId=org, Name="alice", DisplayName="A", Password=first)
    assert len(bodies) == 11
    for body in bodies:
        for secret in (first, second, bad, "x" * 300):
            assert secret.encode() not in body


def test_sensitive_validation_message_hides_password(client: BaseClient, org: str) -> None:
    user_id = create(client, org)
    with raises("ValidationException",
                "1 validation error detected: Value at 'password' failed to satisfy "
                "constraint: Member must have length less than or equal to 256"):
        client.reset_password(OrganizationId=org, UserId=user_id, Password="Ab1!" * 70)


# --- DescribeUser -----------------------------------------------------------------------


def test_describe_user_by_id_name_and_email(client: BaseClient, org: str) -> None:
    user_id = create(client, org, "alice")
    email = register(client, org, user_id, "alice.l")
    by_id = client.describe_user(OrganizationId=org, UserId=user_id)
    for identifier in ("alice", "ALICE", email, email.upper()):
        assert client.describe_user(OrganizationId=org, UserId=identifier)["UserId"] == user_id
    assert by_id["Email"] == email
    assert by_id["State"] == "ENABLED"
    assert by_id["EnabledDate"] == by_id["MailboxProvisionedDate"]
    assert "MailboxDeprovisionedDate" not in by_id


def test_describe_user_after_deregistration(client: BaseClient, org: str) -> None:
    user_id = create(client, org)
    register(client, org, user_id, "alice")
    client.deregister_from_work_mail(OrganizationId=org, EntityId=user_id)
    user = client.describe_user(OrganizationId=org, UserId=user_id)
    assert user["State"] == "DISABLED"
    assert user["MailboxDeprovisionedDate"] == user["DisabledDate"]


def test_describe_user_not_found(client: BaseClient, org: str) -> None:
    with raises("EntityNotFoundException", f"User nobody does not exist in organization {org}"):
        client.describe_user(OrganizationId=org, UserId="nobody")
    group = client.create_group(OrganizationId=org, Name="team")["GroupId"]
    with raises("EntityNotFoundException", f"User {group} does not exist in organization {org}"):
        client.describe_user(OrganizationId=org, UserId=group)


def test_describe_user_organization_errors(client: BaseClient, org: str) -> None:
    user_id = create(client, org)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.describe_user(OrganizationId=MISSING_ORG, UserId=user_id)
    deleted_org(client, org)
    with raises("OrganizationStateException", org_state_message(org)):
        client.describe_user(OrganizationId=org, UserId=user_id)


def test_describe_user_ad_connector_org(client: BaseClient, aws: Any) -> None:
    directory = ad_connector(aws, alias="onprem")
    org = client.create_organization(Alias="onprem", DirectoryId=directory)["OrganizationId"]
    with raises("EntityNotFoundException", f"User bob does not exist in organization {org}"):
        client.describe_user(OrganizationId=org, UserId="bob")


# --- UpdateUser -------------------------------------------------------------------------

ATTRIBUTES = ["DisplayName", "FirstName", "LastName", "Initials", "Telephone", "Street",
              "JobTitle", "City", "Company", "ZipCode", "Department", "Country", "Office"]


def test_update_user_every_attribute(client: BaseClient, org: str) -> None:
    user_id = create(client, org)
    values = {name: f"{name} value" for name in ATTRIBUTES}
    client.update_user(
        OrganizationId=org, UserId=user_id, Role="REMOTE_USER",
        HiddenFromGlobalAddressList=True, IdentityProviderUserId=IDP_USER, **values,
    )
    user = client.describe_user(OrganizationId=org, UserId=user_id)
    assert {name: user[name] for name in ATTRIBUTES} == values
    assert user["UserRole"] == "REMOTE_USER"
    assert user["HiddenFromGlobalAddressList"] is True
    assert user["IdentityProviderUserId"] == IDP_USER
    assert user["IdentityProviderIdentityStoreId"] == "d-0123456789"

    client.update_user(OrganizationId=org, UserId="alice", City="Oxford")
    again = client.describe_user(OrganizationId=org, UserId=user_id)
    assert again["City"] == "Oxford"
    assert again["Office"] == "Office value"
    assert again["UserRole"] == "REMOTE_USER"

    client.update_user(OrganizationId=org, UserId=user_id, Role="USER",
                       HiddenFromGlobalAddressList=False)
    assert client.describe_user(OrganizationId=org, UserId=user_id)["UserRole"] == "USER"


def test_update_user_clears_with_empty_strings(client: BaseClient, org: str) -> None:
    user_id = create(client, org, FirstName="Alice", IdentityProviderUserId=IDP_USER)
    client.update_user(OrganizationId=org, UserId=user_id, Telephone="123")
    client.update_user(OrganizationId=org, UserId=user_id, FirstName="", Telephone="",
                       IdentityProviderUserId="")
    user = client.describe_user(OrganizationId=org, UserId=user_id)
    for cleared in ("FirstName", "Telephone", "IdentityProviderUserId",
                    "IdentityProviderIdentityStoreId"):
        assert cleared not in user
    assert user["DisplayName"] == "Alice"


def test_update_user_by_email(client: BaseClient, org: str) -> None:
    user_id = create(client, org)
    email = register(client, org, user_id, "alice")
    client.update_user(OrganizationId=org, UserId=email, JobTitle="Engineer")
    assert client.describe_user(OrganizationId=org, UserId=user_id)["JobTitle"] == "Engineer"


@pytest.mark.parametrize("role", ["SYSTEM_USER", "RESOURCE"])
def test_update_user_refuses_directory_roles(client: BaseClient, org: str, role: str) -> None:
    user_id = create(client, org)
    with raises("InvalidParameterException",
                f"Role {role} can't be set through the API; use USER or REMOTE_USER"):
        client.update_user(OrganizationId=org, UserId=user_id, Role=role, City="x")
    user = client.describe_user(OrganizationId=org, UserId=user_id)
    assert user["UserRole"] == "USER" and "City" not in user


def test_update_user_idp_id_taken(client: BaseClient, org: str) -> None:
    first = create(client, org, "alice", IdentityProviderUserId=IDP_USER)
    second = create(client, org, "bob")
    client.update_user(OrganizationId=org, UserId=first, IdentityProviderUserId=IDP_USER)
    with raises("InvalidParameterException",
                f"IdentityProviderUserId {IDP_USER} is already used by user {first}"):
        client.update_user(OrganizationId=org, UserId=second, IdentityProviderUserId=IDP_USER)


def test_update_user_errors(client: BaseClient, org: str) -> None:
    with raises("EntityNotFoundException", f"User nobody does not exist in organization {org}"):
        client.update_user(OrganizationId=org, UserId="nobody", City="x")
    user_id = create(client, org)
    client.delete_user(OrganizationId=org, UserId=user_id)
    with raises("EntityStateException",
                f"User {user_id} is in state DELETED; UpdateUser can't be used on a deleted entity"):
        client.update_user(OrganizationId=org, UserId=user_id, City="x")
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.update_user(OrganizationId=MISSING_ORG, UserId=user_id)
    deleted_org(client, org)
    with raises("OrganizationStateException", org_state_message(org)):
        client.update_user(OrganizationId=org, UserId=user_id)


def test_update_user_ad_connector(client: BaseClient, aws: Any) -> None:
    directory = ad_connector(aws, alias="onprem")
    org = client.create_organization(Alias="onprem", DirectoryId=directory)["OrganizationId"]
    read_only = re.compile(rf"^Organization {org} uses AD Connector directory {directory}")
    with raises("UnsupportedOperationException", read_only):
        client.update_user(OrganizationId=org, UserId="bob", City="x")
    with raises("UnsupportedOperationException", read_only):
        client.delete_user(OrganizationId=org, UserId="bob")
    with raises("UnsupportedOperationException", read_only):
        client.reset_password(OrganizationId=org, UserId="S-1-1-12-bob", Password=PASSWORD)


# --- ListUsers --------------------------------------------------------------------------


def test_list_users_summaries(client: BaseClient, org: str) -> None:
    alice = create(client, org, "alice", Role="REMOTE_USER", IdentityProviderUserId=IDP_USER)
    bob = create(client, org, "bob")
    email = register(client, org, bob, "bob")
    users = client.list_users(OrganizationId=org)["Users"]
    assert [u["Id"] for u in users] == [alice, bob]
    assert users[0] == {
        "Id": alice, "Name": "alice", "DisplayName": "Alice", "State": "DISABLED",
        "UserRole": "REMOTE_USER", "IdentityProviderUserId": IDP_USER,
        "IdentityProviderIdentityStoreId": "d-0123456789",
    }
    assert users[1]["Email"] == email
    assert users[1]["State"] == "ENABLED"
    assert "EnabledDate" in users[1]
    assert "NextToken" not in client.list_users(OrganizationId=org)


def test_list_users_filters(client: BaseClient, org: str) -> None:
    alice = create(client, org, "alice", DisplayName="Alice Liddell",
                   IdentityProviderUserId=IDP_USER)
    alfred = create(client, org, "alfred", DisplayName="Alfred")
    bob = create(client, org, "bob", DisplayName="Bob")
    register(client, org, bob, "bob")
    client.delete_user(OrganizationId=org, UserId=alfred)

    def ids(**filters: str) -> list[str]:
        users = client.list_users(OrganizationId=org, Filters=filters)["Users"]
        return [u["Id"] for u in users]

    assert ids(UsernamePrefix="al") == [alice, alfred]  # a deleted user keeps its name
    assert ids(DisplayNamePrefix="Al") == [alice, alfred]
    assert ids(PrimaryEmailPrefix="bo") == [bob]
    assert ids(State="ENABLED") == [bob]
    assert ids(State="DISABLED") == [alice]
    assert ids(State="DELETED") == [alfred]
    assert ids(IdentityProviderUserIdPrefix="0123456789-1234") == [alice]
    assert ids(IdentityProviderUserIdPrefix="ff") == []
    assert ids() == [alice, alfred, bob]


def test_list_users_one_filter_only(client: BaseClient, org: str) -> None:
    with raises("InvalidParameterException",
                "ListUsers accepts one filter per request; got 2: State, UsernamePrefix"):
        client.list_users(OrganizationId=org, Filters={"UsernamePrefix": "a", "State": "ENABLED"})


def test_list_users_paginates_with_filter(client: BaseClient, org: str) -> None:
    made = [create(client, org, f"user{i}") for i in range(7)]
    seen: list[str] = []
    kwargs: dict[str, Any] = {"OrganizationId": org, "MaxResults": 2,
                              "Filters": {"UsernamePrefix": "user"}}
    while True:
        page = client.list_users(**kwargs)
        assert len(page["Users"]) <= 2
        seen += [u["Id"] for u in page["Users"]]
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert seen == made
    paginated = client.get_paginator("list_users").paginate(
        OrganizationId=org, PaginationConfig={"PageSize": 3})
    assert [u["Id"] for page in paginated for u in page["Users"]] == made


def test_list_users_errors(client: BaseClient, org: str) -> None:
    with raises("InvalidParameterException", "The NextToken 'bogus' is not valid"):
        client.list_users(OrganizationId=org, NextToken="bogus")
    with raises("ValidationException",
                re.compile("Member must have value less than or equal to 100")):
        client.list_users(OrganizationId=org, MaxResults=101)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.list_users(OrganizationId=MISSING_ORG)
    deleted_org(client, org)
    with raises("OrganizationStateException", org_state_message(org)):
        client.list_users(OrganizationId=org)


_aliases = itertools.count()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(min_value=0, max_value=60),
       size=st.integers(min_value=1, max_value=100),
       other=st.integers(min_value=1, max_value=100))
def test_list_users_pagination_property(
    client: BaseClient, count: int, size: int, other: int
) -> None:
    """Each example uses a fresh organization: pages of any size add up to the users
    created, once each, in creation order."""
    org = client.create_organization(Alias=f"page{next(_aliases)}")["OrganizationId"]
    made = [create(client, org, f"u{i}") for i in range(count)]

    def walk(page_size: int) -> list[str]:
        out: list[str] = []
        kwargs: dict[str, Any] = {"OrganizationId": org, "MaxResults": page_size}
        while True:
            page = client.list_users(**kwargs)
            assert len(page["Users"]) <= page_size
            out += [u["Id"] for u in page["Users"]]
            if "NextToken" not in page:
                return out
            assert len(page["Users"]) == page_size
            kwargs["NextToken"] = page["NextToken"]

    first = walk(size)
    assert len(first) == len(set(first))
    assert set(first) == set(made)
    assert first == made == walk(other)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)


# --- DeleteUser -------------------------------------------------------------------------


def test_delete_user(client: BaseClient, org: str) -> None:
    user_id = create(client, org, "alice", Password=PASSWORD)
    client.delete_user(OrganizationId=org, UserId=user_id)
    user = client.describe_user(OrganizationId=org, UserId=user_id)
    assert user["State"] == "DELETED"
    assert [u["State"] for u in client.list_users(OrganizationId=org)["Users"]] == ["DELETED"]
    # The name is free again, for any kind of entity.
    again = create(client, org, "alice")
    assert again != user_id
    client.delete_user(OrganizationId=org, UserId="alice")
    client.create_group(OrganizationId=org, Name="alice")


def test_delete_user_after_deregistration_frees_addresses(client: BaseClient, org: str) -> None:
    user_id = create(client, org, "alice")
    register(client, org, user_id, "alice")
    client.deregister_from_work_mail(OrganizationId=org, EntityId=user_id)
    client.delete_user(OrganizationId=org, UserId=user_id)
    other = create(client, org, "bob")
    register(client, org, other, "alice")
    assert "Email" not in client.describe_user(OrganizationId=org, UserId=user_id)


def test_delete_enabled_user(client: BaseClient, org: str) -> None:
    user_id = create(client, org)
    email = register(client, org, user_id, "alice")
    message = (f"User {user_id} is in state ENABLED; only a DISABLED user can be deleted "
               "(deregister it from WorkMail first)")
    for identifier in (user_id, "alice", email):
        with raises("EntityStateException", message):
            client.delete_user(OrganizationId=org, UserId=identifier)
    assert client.describe_user(OrganizationId=org, UserId=user_id)["State"] == "ENABLED"


def test_delete_deleted_user(client: BaseClient, org: str) -> None:
    user_id = create(client, org)
    client.delete_user(OrganizationId=org, UserId=user_id)
    with raises("EntityStateException",
                f"User {user_id} is in state DELETED; only a DISABLED user can be deleted "
                "(deregister it from WorkMail first)"):
        client.delete_user(OrganizationId=org, UserId=user_id)


def test_delete_user_unknown_is_a_no_op(client: BaseClient, org: str) -> None:
    client.delete_user(OrganizationId=org, UserId="nobody")
    client.delete_user(OrganizationId=org, UserId="S-1-1-11-1111111111-2222222222-3333333333-4444")


def test_delete_user_on_a_group(client: BaseClient, org: str) -> None:
    group = client.create_group(OrganizationId=org, Name="team")["GroupId"]
    with raises("InvalidParameterException", "Entity team is a group, not a user"):
        client.delete_user(OrganizationId=org, UserId="team")
    assert client.describe_group(OrganizationId=org, GroupId=group)["State"] == "DISABLED"


def test_delete_user_organization_errors(client: BaseClient, org: str) -> None:
    user_id = create(client, org)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.delete_user(OrganizationId=MISSING_ORG, UserId=user_id)
    deleted_org(client, org)
    with raises("OrganizationStateException", org_state_message(org)):
        client.delete_user(OrganizationId=org, UserId=user_id)


# --- ResetPassword ----------------------------------------------------------------------


def test_reset_password(client: BaseClient, org: str) -> None:
    user_id = create(client, org)
    assert "ResponseMetadata" in client.reset_password(
        OrganizationId=org, UserId=user_id, Password=PASSWORD)
    register(client, org, user_id, "alice")
    client.reset_password(OrganizationId=org, UserId=user_id, Password="An0ther-one")


def test_reset_password_errors(client: BaseClient, raw_client: BaseClient, org: str) -> None:
    user_id = create(client, org, "alice_the_user")
    with raises("EntityNotFoundException",
                f"User alice_the_user does not exist in organization {org}"):
        client.reset_password(OrganizationId=org, UserId="alice_the_user", Password=PASSWORD)
    group = client.create_group(OrganizationId=org, Name="team")["GroupId"]
    with raises("EntityNotFoundException", f"User {group} does not exist in organization {org}"):
        client.reset_password(OrganizationId=org, UserId=group, Password=PASSWORD)
    with raises("ValidationException", re.compile(
            "Value 'short' at 'userId' failed to satisfy constraint: Member must have length "
            "greater than or equal to 12")):
        raw_client.reset_password(OrganizationId=org, UserId="short", Password=PASSWORD)
    client.delete_user(OrganizationId=org, UserId=user_id)
    with raises("EntityStateException",
                f"User {user_id} is in state DELETED; ResetPassword can't be used on a deleted "
                "entity"):
        client.reset_password(OrganizationId=org, UserId=user_id, Password=PASSWORD)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.reset_password(OrganizationId=MISSING_ORG, UserId=user_id, Password=PASSWORD)
    deleted_org(client, org)
    with raises("OrganizationStateException", org_state_message(org)):
        client.reset_password(OrganizationId=org, UserId=user_id, Password=PASSWORD)
