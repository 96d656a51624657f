"""Impersonation roles: Create/Get/Update/Delete/ListImpersonationRole(s),
GetImpersonationRoleEffect and AssumeImpersonationRole (spec section 2)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.client import BaseClient

import workmail_mock
from tests.support import (
    ACCOUNT,
    ENTITY_ID,
    MISSING_ORG,
    REGION,
    collect,
    deleted_org,
    group,
    org_missing_message,
    raises,
    user,
)


def _create(
    client: Any, org: str, name: str = "auditor", rules: list[dict[str, Any]] | None = None,
    role_type: str = "READ_ONLY", **kwargs: Any,
) -> str:
    return str(
        client.create_impersonation_role(
            OrganizationId=org, Name=name, Type=role_type, Rules=rules or [], **kwargs
        )["ImpersonationRoleId"]
    )


def _rule(rule_id: str, effect: str = "ALLOW", **kwargs: Any) -> dict[str, Any]:
    return {"ImpersonationRuleId": rule_id, "Effect": effect, **kwargs}


def _effect(client: Any, org: str, role: str, target: str) -> dict[str, Any]:
    answer = client.get_impersonation_role_effect(
        OrganizationId=org, ImpersonationRoleId=role, TargetUser=target
    )
    answer.pop("ResponseMetadata")
    return dict(answer)


# --- Create / Get ------------------------------------------------------------------------


def test_create_then_get(client, org):
    alice = user(client, org, "alice")
    rules = [
        _rule("r1", Name="everyone but alice", Description="text", NotTargetUsers=["alice"]),
        _rule("r2", "DENY", TargetUsers=[alice]),
    ]
    role = _create(client, org, "auditor", rules, Description="compliance")
    assert ENTITY_ID.match(role)
    got = client.get_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    got.pop("ResponseMetadata")
    assert got.pop("DateCreated") == got.pop("DateModified")
    assert got == {
        "ImpersonationRoleId": role, "Name": "auditor", "Type": "READ_ONLY",
        "Description": "compliance", "Rules": rules,
    }


def test_create_with_the_same_client_token_returns_the_same_role(client, org):
    first = _create(client, org, ClientToken="t1")
    assert _create(client, org, ClientToken="t1") == first
    assert len(client.list_impersonation_roles(OrganizationId=org)["Roles"]) == 1


def test_role_names_are_unique(client, org):
    role = _create(client, org, "auditor")
    with raises(
        "InvalidParameterException",
        f"The name auditor is already used by impersonation role {role} in organization {org}",
    ):
        _create(client, org, "auditor", role_type="FULL_ACCESS")


def test_duplicate_rule_ids(client, org):
    with raises("InvalidParameterException", "Rules has the ImpersonationRuleId r1 more than once"):
        _create(client, org, rules=[_rule("r1"), _rule("r1", "DENY")])


def test_a_target_that_is_not_a_user(client, org):
    team = group(client, org, "team")
    with raises("EntityNotFoundException", f"User nobody does not exist in organization {org}"):
        _create(client, org, rules=[_rule("r1", TargetUsers=["nobody"])])
    with raises("EntityNotFoundException", f"User {team} does not exist in organization {org}"):
        _create(client, org, rules=[_rule("r1", NotTargetUsers=[team])])


def test_a_deleted_target(client, org):
    alice = user(client, org, "alice")
    client.delete_user(OrganizationId=org, UserId=alice)
    with raises(
        "EntityStateException",
        f"User {alice} is in state DELETED; CreateImpersonationRole can't be used on a "
        "deleted entity",
    ):
        _create(client, org, rules=[_rule("r1", TargetUsers=[alice])])


def test_a_twenty_first_role_is_limit_exceeded(client, org):
    for i in range(20):
        _create(client, org, f"role{i}")
    with raises(
        "LimitExceededException",
        f"Organization {org} already has 20 impersonation roles; the quota is 20",
    ):
        _create(client, org, "role20")


def test_eleven_rules_break_the_model(raw_client, org):
    with raises(
        "ValidationException",
        re.compile(r"^1 validation error detected: Value '\[.*\]' at 'rules' failed to satisfy "
                   r"constraint: Member must have length less than or equal to 10$"),
    ):
        _create(raw_client, org, rules=[_rule(f"r{i}") for i in range(11)])


def test_get_an_unknown_role(client, org):
    with raises(
        "ResourceNotFoundException", f"Impersonation role nope does not exist in organization {org}"
    ):
        client.get_impersonation_role(OrganizationId=org, ImpersonationRoleId="nope")


# --- Update / Delete / List --------------------------------------------------------------


def test_update_replaces_the_role(client, org):
    role = _create(client, org, "auditor", [_rule("r1")], Description="old")
    before = client.get_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    client.update_impersonation_role(
        OrganizationId=org, ImpersonationRoleId=role, Name="admin", Type="FULL_ACCESS",
        Rules=[_rule("r9", "DENY")],
    )
    after = client.get_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    assert after["Name"] == "admin"
    assert after["Type"] == "FULL_ACCESS"
    assert after["Rules"] == [_rule("r9", "DENY")]
    assert "Description" not in after
    assert after["DateCreated"] == before["DateCreated"]
    assert after["DateModified"] >= before["DateModified"]


def test_update_may_keep_its_own_name_but_not_take_another(client, org):
    role = _create(client, org, "auditor")
    other = _create(client, org, "admin")
    client.update_impersonation_role(
        OrganizationId=org, ImpersonationRoleId=role, Name="auditor", Type="READ_ONLY", Rules=[]
    )
    with raises(
        "InvalidParameterException",
        f"The name admin is already used by impersonation role {other} in organization {org}",
    ):
        client.update_impersonation_role(
            OrganizationId=org, ImpersonationRoleId=role, Name="admin", Type="READ_ONLY", Rules=[]
        )


def test_update_an_unknown_role(client, org):
    with raises(
        "ResourceNotFoundException", f"Impersonation role nope does not exist in organization {org}"
    ):
        client.update_impersonation_role(
            OrganizationId=org, ImpersonationRoleId="nope", Name="n", Type="READ_ONLY", Rules=[]
        )


def test_update_with_an_unknown_target_changes_nothing(client, org):
    role = _create(client, org, "auditor", [_rule("r1")])
    with raises("EntityNotFoundException", f"User ghost does not exist in organization {org}"):
        client.update_impersonation_role(
            OrganizationId=org, ImpersonationRoleId=role, Name="x", Type="READ_ONLY",
            Rules=[_rule("r2", TargetUsers=["ghost"])],
        )
    got = client.get_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    assert got["Name"] == "auditor"
    assert got["Rules"] == [_rule("r1")]


def test_delete_a_role_and_an_unknown_one(client, org):
    role = _create(client, org)
    client.delete_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    client.delete_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    assert client.list_impersonation_roles(OrganizationId=org)["Roles"] == []
    with raises(
        "ResourceNotFoundException", f"Impersonation role {role} does not exist in organization {org}"
    ):
        client.get_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)


def test_list_roles_pages_summaries(client, org):
    roles = [_create(client, org, f"role{i}", Description="d") for i in range(5)]
    first = client.list_impersonation_roles(OrganizationId=org, MaxResults=2)
    assert len(first["Roles"]) == 2
    assert set(first["Roles"][0]) == {
        "ImpersonationRoleId", "Name", "Type", "DateCreated", "DateModified",
    }
    listed = collect(client.list_impersonation_roles, "Roles", OrganizationId=org, MaxResults=2)
    assert [r["ImpersonationRoleId"] for r in listed] == roles


def test_list_roles_with_a_bad_token(client, org):
    with raises("InvalidParameterException", "The NextToken 'nope' is not valid"):
        client.list_impersonation_roles(OrganizationId=org, NextToken="nope")


# --- GetImpersonationRoleEffect ----------------------------------------------------------


def test_a_role_without_rules_impersonates_nobody(client, org):
    alice = user(client, org, "alice")
    role = _create(client, org, role_type="FULL_ACCESS")
    assert _effect(client, org, role, alice) == {
        "Type": "FULL_ACCESS", "Effect": "DENY", "MatchedRules": [],
    }


def test_an_allow_rule_without_conditions_allows_everyone(client, org):
    alice = user(client, org, "alice")
    role = _create(client, org, rules=[_rule("all", Name="everyone")])
    assert _effect(client, org, role, alice) == {
        "Type": "READ_ONLY", "Effect": "ALLOW",
        "MatchedRules": [{"ImpersonationRuleId": "all", "Name": "everyone"}],
    }


def test_deny_wins_and_lists_only_matching_deny_rules(client, org):
    alice = user(client, org, "alice", enabled=True)
    bob = user(client, org, "bob")
    role = _create(client, org, rules=[
        _rule("all"),
        _rule("no-alice", "DENY", TargetUsers=["alice@testorg.awsapps.com"]),
        _rule("no-bob", "DENY", TargetUsers=[bob]),
        _rule("not-bob", "DENY", NotTargetUsers=["bob"]),
    ])
    assert _effect(client, org, role, alice)["MatchedRules"] == [
        {"ImpersonationRuleId": "no-alice"}, {"ImpersonationRuleId": "not-bob"},
    ]
    assert _effect(client, org, role, "bob") == {
        "Type": "READ_ONLY", "Effect": "DENY", "MatchedRules": [{"ImpersonationRuleId": "no-bob"}],
    }


def test_targets_by_id_email_or_name_are_the_same_user(client, org):
    alice = user(client, org, "alice", enabled=True)
    role = _create(client, org, rules=[_rule("a", TargetUsers=["alice"])])
    for target in (alice, "alice", "alice@testorg.awsapps.com"):
        assert _effect(client, org, role, target)["Effect"] == "ALLOW"


def test_a_disabled_target_is_evaluated(client, org):
    alice = user(client, org, "alice")
    role = _create(client, org, rules=[_rule("a")])
    assert _effect(client, org, role, alice)["Effect"] == "ALLOW"


def test_effect_errors(client, org):
    alice = user(client, org, "alice")
    role = _create(client, org)
    with raises(
        "ResourceNotFoundException", f"Impersonation role nope does not exist in organization {org}"
    ):
        _effect(client, org, "nope", alice)
    with raises("EntityNotFoundException", f"User ghost does not exist in organization {org}"):
        _effect(client, org, role, "ghost")
    client.delete_user(OrganizationId=org, UserId=alice)
    with raises(
        "EntityStateException",
        f"User {alice} is in state DELETED; GetImpersonationRoleEffect can't be used on a "
        "deleted entity",
    ):
        _effect(client, org, role, alice)


# --- AssumeImpersonationRole -------------------------------------------------------------


def test_assume_a_role(client, org):
    role = _create(client, org)
    first = client.assume_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    second = client.assume_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    assert first["ExpiresIn"] == 900
    assert re.fullmatch(r"[A-Za-z0-9]{96}", first["Token"])
    assert first["Token"] != second["Token"]


def test_assume_an_unknown_role(client, org):
    with raises(
        "ResourceNotFoundException", f"Impersonation role nope does not exist in organization {org}"
    ):
        client.assume_impersonation_role(OrganizationId=org, ImpersonationRoleId="nope")


# --- organizations -----------------------------------------------------------------------

CALLS: list[tuple[str, dict[str, Any]]] = [
    ("create_impersonation_role", {"Name": "r", "Type": "READ_ONLY", "Rules": []}),
    ("get_impersonation_role", {"ImpersonationRoleId": "r"}),
    ("update_impersonation_role",
     {"ImpersonationRoleId": "r", "Name": "r", "Type": "READ_ONLY", "Rules": []}),
    ("delete_impersonation_role", {"ImpersonationRoleId": "r"}),
    ("list_impersonation_roles", {}),
    ("get_impersonation_role_effect", {"ImpersonationRoleId": "r", "TargetUser": "alice"}),
    ("assume_impersonation_role", {"ImpersonationRoleId": "r"}),
]


@pytest.mark.parametrize(("method", "params"), CALLS)
def test_an_unknown_organization(client: BaseClient, method: str, params: dict[str, Any]):
    with raises("OrganizationNotFoundException", org_missing_message()):
        getattr(client, method)(OrganizationId=MISSING_ORG, **params)


@pytest.mark.parametrize(("method", "params"), CALLS)
def test_a_deleted_organization(client: BaseClient, org: str, method: str, params: dict[str, Any]):
    message = deleted_org(client, org)
    with raises("OrganizationStateException", message):
        getattr(client, method)(OrganizationId=org, **params)


# --- quotas ------------------------------------------------------------------------------


def test_quotas_are_set_per_account_and_region(client, org):
    quotas = workmail_mock.backend_for(ACCOUNT, REGION).quotas
    assert (quotas.impersonation_roles_per_organization, quotas.rules_per_impersonation_role) == (
        20, 10,
    )
    quotas.rules_per_impersonation_role = 2
    with raises("LimitExceededException", "An impersonation role can have at most 2 rules; got 3"):
        _create(client, org, rules=[_rule("a"), _rule("b"), _rule("c")])
    role = _create(client, org, rules=[_rule("a"), _rule("b")])
    with raises("LimitExceededException", "An impersonation role can have at most 2 rules; got 3"):
        client.update_impersonation_role(
            OrganizationId=org, ImpersonationRoleId=role, Name="x", Type="READ_ONLY",
            Rules=[_rule("a"), _rule("b"), _rule("c")],
        )
    quotas.impersonation_roles_per_organization = 1
    with raises(
        "LimitExceededException",
        f"Organization {org} already has 1 impersonation roles; the quota is 1",
    ):
        _create(client, org, "second")
