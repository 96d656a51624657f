"""Access control rules: PutAccessControlRule, DeleteAccessControlRule,
ListAccessControlRules and GetAccessControlEffect (spec section 1)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from botocore.client import BaseClient

import workmail_mock
from tests.support import (
    ACCOUNT,
    MISSING_ORG,
    REGION,
    deleted_org,
    group,
    org_missing_message,
    raises,
    user,
)

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
ACTIONS = "ActiveSync, AutoDiscover, EWS, IMAP, SMTP, WebMail, WindowsOutlook"


def _rules(client: Any, org: str) -> list[dict[str, Any]]:
    return list(client.list_access_control_rules(OrganizationId=org)["Rules"])


def _effect(client: Any, org: str, **kwargs: Any) -> dict[str, Any]:
    kwargs.setdefault("IpAddress", "192.0.2.10")
    kwargs.setdefault("Action", "IMAP")
    answer = client.get_access_control_effect(OrganizationId=org, **kwargs)
    return {"Effect": answer["Effect"], "MatchedRules": answer["MatchedRules"]}


def _put(client: Any, org: str, name: str, effect: str = "DENY", **kwargs: Any) -> None:
    kwargs.setdefault("Description", f"rule {name}")
    client.put_access_control_rule(OrganizationId=org, Name=name, Effect=effect, **kwargs)


def _role(client: Any, org: str, name: str = "auditor") -> str:
    return str(
        client.create_impersonation_role(
            OrganizationId=org, Name=name, Type="READ_ONLY", Rules=[]
        )["ImpersonationRoleId"]
    )


# --- the default rule -------------------------------------------------------------------


def test_a_new_organization_lists_the_default_rule(client, org):
    assert _rules(client, org) == [
        {
            "Name": "default",
            "Effect": "ALLOW",
            "Description": "Default WorkMail Rule",
            "DateCreated": EPOCH,
            "DateModified": EPOCH,
        }
    ]


def test_the_default_rule_allows_every_user(client, org):
    alice = user(client, org, "alice")
    assert _effect(client, org, UserId=alice) == {"Effect": "ALLOW", "MatchedRules": ["default"]}


def test_deleting_every_rule_denies_everything(client, org):
    alice = user(client, org, "alice")
    client.delete_access_control_rule(OrganizationId=org, Name="default")
    assert _rules(client, org) == []
    assert _effect(client, org, UserId=alice) == {"Effect": "DENY", "MatchedRules": []}


# --- PutAccessControlRule ----------------------------------------------------------------


def test_the_cli_example_deny_wins_and_lists_only_the_deny_rule(client, org):
    alice = user(client, org, "alice")
    _put(client, org, "myRule", UserIds=[alice])
    assert _effect(client, org, UserId=alice, IpAddress="192.0.2.0", Action="WindowsOutlook") == {
        "Effect": "DENY",
        "MatchedRules": ["myRule"],
    }


def test_put_stores_every_condition_list(client, org):
    alice = user(client, org, "alice")
    bob = user(client, org, "bob")
    role = _role(client, org)
    _put(
        client, org, "full", "ALLOW",
        IpRanges=["10.0.0.0/8"], NotIpRanges=["10.1.0.0/16"],
        Actions=["IMAP", "EWS"], NotActions=["SMTP"],
        UserIds=[alice], NotUserIds=[bob],
        ImpersonationRoleIds=[role], NotImpersonationRoleIds=[role],
    )
    rule = _rules(client, org)[1]
    assert rule["DateCreated"] == rule["DateModified"] > EPOCH
    del rule["DateCreated"], rule["DateModified"]
    assert rule == {
        "Name": "full", "Effect": "ALLOW", "Description": "rule full",
        "IpRanges": ["10.0.0.0/8"], "NotIpRanges": ["10.1.0.0/16"],
        "Actions": ["IMAP", "EWS"], "NotActions": ["SMTP"],
        "UserIds": [alice], "NotUserIds": [bob],
        "ImpersonationRoleIds": [role], "NotImpersonationRoleIds": [role],
    }


def test_put_with_the_same_name_replaces_the_whole_rule_in_place(client, org):
    _put(client, org, "office", IpRanges=["10.0.0.0/8"], Actions=["IMAP"])
    _put(client, org, "later")
    first = _rules(client, org)[1]
    _put(client, org, "office", "ALLOW", Description="new text", Actions=["EWS"])
    rules = _rules(client, org)
    assert [r["Name"] for r in rules] == ["default", "office", "later"]
    replaced = rules[1]
    assert "IpRanges" not in replaced
    assert replaced["Actions"] == ["EWS"]
    assert replaced["Effect"] == "ALLOW"
    assert replaced["Description"] == "new text"
    assert replaced["DateCreated"] == first["DateCreated"]
    assert replaced["DateModified"] >= first["DateModified"]


def test_putting_default_edits_the_default_rule(client, org):
    _put(client, org, "default", "DENY", Description="locked")
    rules = _rules(client, org)
    assert len(rules) == 1
    assert rules[0]["Effect"] == "DENY"
    assert rules[0]["DateCreated"] == EPOCH


def test_empty_lists_are_stored_as_absent(client, org):
    _put(client, org, "empty", Actions=[], IpRanges=[], UserIds=[])
    rule = _rules(client, org)[1]
    assert {"Actions", "IpRanges", "UserIds"}.isdisjoint(rule)


def test_user_ids_given_by_email_or_name_are_stored_as_ids(client, org):
    alice = user(client, org, "alice-anderson", enabled=True)
    _put(
        client, org, "byname",
        UserIds=["alice-anderson"], NotUserIds=["alice-anderson@testorg.awsapps.com"],
    )
    rule = _rules(client, org)[1]
    assert rule["UserIds"] == [alice]
    assert rule["NotUserIds"] == [alice]


def test_rule_names_are_case_sensitive(client, org):
    _put(client, org, "Office")
    _put(client, org, "office")
    assert [r["Name"] for r in _rules(client, org)] == ["default", "Office", "office"]


def test_put_an_eleventh_rule_is_limit_exceeded(client, org):
    for i in range(9):
        _put(client, org, f"rule{i}")
    with raises(
        "LimitExceededException",
        f"Organization {org} already has 10 access control rules; the quota is 10",
    ):
        _put(client, org, "rule10")
    _put(client, org, "rule3", "ALLOW")  # replacing is not adding


def test_put_an_unknown_action(client, org):
    with raises(
        "InvalidParameterException",
        f"Actions has an unknown action 'imap'; valid actions are {ACTIONS}",
    ):
        _put(client, org, "bad", Actions=["imap"])
    with raises(
        "InvalidParameterException",
        f"NotActions has an unknown action 'POP'; valid actions are {ACTIONS}",
    ):
        _put(client, org, "bad", NotActions=["POP"])
    assert len(_rules(client, org)) == 1


def test_put_a_range_that_breaks_the_model_pattern(client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value '10.0.0.0/33' at 'ipRanges.1.member' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: "
        "^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}"
        "([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])/([0-9]|[12][0-9]|3[0-2])$",
    ):
        _put(client, org, "bad", IpRanges=["10.0.0.0/33"])


def test_put_an_unknown_user(client, org):
    missing = "a" * 36
    with raises(
        "EntityNotFoundException", f"User {missing} does not exist in organization {org}"
    ):
        _put(client, org, "bad", UserIds=[missing])


def test_put_a_group_as_a_user(client, org):
    team = group(client, org, "team")
    with raises("EntityNotFoundException", f"User {team} does not exist in organization {org}"):
        _put(client, org, "bad", NotUserIds=[team])


def test_put_an_unknown_impersonation_role(client, org):
    with raises(
        "ResourceNotFoundException",
        f"Impersonation role nope does not exist in organization {org}",
    ):
        _put(client, org, "bad", ImpersonationRoleIds=["nope"])
    with raises(
        "ResourceNotFoundException",
        f"Impersonation role gone does not exist in organization {org}",
    ):
        _put(client, org, "bad", NotImpersonationRoleIds=["gone"])


def test_an_empty_description_breaks_the_model_pattern(client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value '' at 'description' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [\\u0020-\\u00FF]+",
    ):
        _put(client, org, "bad", Description="")


def test_a_rule_naming_a_deleted_user_keeps_its_id(client, org):
    alice = user(client, org, "alice")
    _put(client, org, "deny-alice", UserIds=[alice])
    client.delete_user(OrganizationId=org, UserId=alice)
    assert _rules(client, org)[1]["UserIds"] == [alice]
    assert _effect(client, org, UserId=alice)["Effect"] == "DENY"


def test_a_rule_naming_a_deleted_role_keeps_its_id(client, org):
    role = _role(client, org)
    _put(client, org, "deny-role", ImpersonationRoleIds=[role])
    client.delete_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    assert _rules(client, org)[1]["ImpersonationRoleIds"] == [role]


# --- DeleteAccessControlRule -------------------------------------------------------------


def test_delete_an_unknown_rule_is_a_success(client, org):
    client.delete_access_control_rule(OrganizationId=org, Name="never")
    client.delete_access_control_rule(OrganizationId=org, Name="default")
    client.delete_access_control_rule(OrganizationId=org, Name="default")
    assert _rules(client, org) == []


def test_delete_then_put_again_goes_last(client, org):
    _put(client, org, "a")
    _put(client, org, "b")
    client.delete_access_control_rule(OrganizationId=org, Name="a")
    _put(client, org, "a")
    assert [r["Name"] for r in _rules(client, org)] == ["default", "b", "a"]


# --- GetAccessControlEffect --------------------------------------------------------------


def test_ip_ranges_and_actions_all_must_hold(client, org):
    alice = user(client, org, "alice")
    client.delete_access_control_rule(OrganizationId=org, Name="default")
    _put(client, org, "office-imap", "ALLOW", IpRanges=["10.0.0.0/8"], Actions=["IMAP"])
    assert _effect(client, org, UserId=alice, IpAddress="10.2.3.4") == {
        "Effect": "ALLOW", "MatchedRules": ["office-imap"],
    }
    assert _effect(client, org, UserId=alice, IpAddress="11.2.3.4")["MatchedRules"] == []
    assert _effect(client, org, UserId=alice, IpAddress="10.2.3.4", Action="EWS")["Effect"] == "DENY"


def test_not_lists_are_complements(client, org):
    alice = user(client, org, "alice")
    bob = user(client, org, "bob")
    _put(client, org, "outside", NotIpRanges=["10.0.0.0/8"], NotUserIds=[bob])
    assert _effect(client, org, UserId=alice, IpAddress="192.0.2.1")["Effect"] == "DENY"
    assert _effect(client, org, UserId=alice, IpAddress="10.0.0.1")["Effect"] == "ALLOW"
    assert _effect(client, org, UserId=bob, IpAddress="192.0.2.1")["Effect"] == "ALLOW"


def test_every_matching_deny_rule_is_listed_in_rule_order(client, org):
    alice = user(client, org, "alice")
    _put(client, org, "b-imap", Actions=["IMAP"])
    _put(client, org, "a-alice", UserIds=[alice])
    _put(client, org, "smtp", Actions=["SMTP"])
    assert _effect(client, org, UserId=alice) == {
        "Effect": "DENY", "MatchedRules": ["b-imap", "a-alice"],
    }


def test_every_matching_allow_rule_is_listed(client, org):
    alice = user(client, org, "alice")
    _put(client, org, "imap", "ALLOW", Actions=["IMAP"])
    assert _effect(client, org, UserId=alice) == {
        "Effect": "ALLOW", "MatchedRules": ["default", "imap"],
    }


def test_a_user_by_email_or_name(client, org):
    alice = user(client, org, "alice-anderson", enabled=True)
    _put(client, org, "deny-alice", UserIds=[alice])
    for identifier in ("alice-anderson", "alice-anderson@testorg.awsapps.com"):
        assert _effect(client, org, UserId=identifier) == {
            "Effect": "DENY", "MatchedRules": ["deny-alice"],
        }


def test_impersonation_role_rules(client, org):
    role = _role(client, org)
    other = _role(client, org, "other")
    alice = user(client, org, "alice")
    _put(client, org, "no-auditor", ImpersonationRoleIds=[role])
    _put(client, org, "only-auditor", "ALLOW", NotImpersonationRoleIds=[role])
    assert _effect(client, org, ImpersonationRoleId=role, Action="EWS") == {
        "Effect": "DENY", "MatchedRules": ["no-auditor"],
    }
    assert _effect(client, org, ImpersonationRoleId=other, Action="EWS") == {
        "Effect": "ALLOW", "MatchedRules": ["default", "only-auditor"],
    }
    # NotImpersonationRoleIds holds for a user request, which has no role (a guess).
    assert _effect(client, org, UserId=alice)["MatchedRules"] == ["default", "only-auditor"]


def test_user_ids_never_match_a_role_request(client, org):
    alice = user(client, org, "alice")
    role = _role(client, org)
    client.delete_access_control_rule(OrganizationId=org, Name="default")
    _put(client, org, "alice", "ALLOW", UserIds=[alice])
    _put(client, org, "not-alice", "ALLOW", NotUserIds=[alice])
    assert _effect(client, org, ImpersonationRoleId=role, Action="EWS") == {
        "Effect": "ALLOW", "MatchedRules": ["not-alice"],
    }


def test_a_deleted_user_is_evaluated(client, org):
    alice = user(client, org, "alice")
    client.delete_user(OrganizationId=org, UserId=alice)
    assert _effect(client, org, UserId=alice)["Effect"] == "ALLOW"


def test_neither_user_nor_role(client, org):
    with raises(
        "InvalidParameterException", "Provide either UserId or ImpersonationRoleId, not neither"
    ):
        _effect(client, org)


def test_both_user_and_role(client, org):
    alice = user(client, org, "alice")
    role = _role(client, org)
    with raises(
        "InvalidParameterException", "Provide either UserId or ImpersonationRoleId, not both"
    ):
        _effect(client, org, UserId=alice, ImpersonationRoleId=role, Action="EWS")


def test_a_role_with_another_action_than_ews(client, org):
    role = _role(client, org)
    with raises(
        "InvalidParameterException",
        "ImpersonationRoleId can only be used with Action EWS, not IMAP",
    ):
        _effect(client, org, ImpersonationRoleId=role, Action="IMAP")


def test_an_unknown_action(client, org):
    alice = user(client, org, "alice")
    with raises(
        "InvalidParameterException", f"Action 'Pop' is not valid; valid actions are {ACTIONS}"
    ):
        _effect(client, org, UserId=alice, Action="Pop")


def test_an_unknown_user(client, org):
    with raises(
        "EntityNotFoundException", f"User nobody-at-all does not exist in organization {org}"
    ):
        _effect(client, org, UserId="nobody-at-all")


def test_an_unknown_role(client, org):
    with raises(
        "ResourceNotFoundException", f"Impersonation role nope does not exist in organization {org}"
    ):
        _effect(client, org, ImpersonationRoleId="nope", Action="EWS")


def test_an_address_that_breaks_the_model_pattern(client, org):
    alice = user(client, org, "alice")
    with raises(
        "ValidationException",
        re.compile(r"^1 validation error detected: Value '10\.0\.0\.256' at 'ipAddress' failed"),
    ):
        _effect(client, org, UserId=alice, IpAddress="10.0.0.256")


# --- organizations -----------------------------------------------------------------------

CALLS: list[tuple[str, dict[str, Any]]] = [
    ("put_access_control_rule", {"Name": "r", "Effect": "ALLOW", "Description": "d"}),
    ("delete_access_control_rule", {"Name": "r"}),
    ("list_access_control_rules", {}),
    ("get_access_control_effect", {"IpAddress": "1.2.3.4", "Action": "IMAP", "UserId": "u" * 12}),
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


def test_the_rule_quota_is_set_per_account_and_region(client, org):
    quotas = workmail_mock.backend_for(ACCOUNT, REGION).quotas
    assert quotas.access_control_rules_per_organization == 10
    quotas.access_control_rules_per_organization = 2
    _put(client, org, "second")
    with raises(
        "LimitExceededException",
        f"Organization {org} already has 2 access control rules; the quota is 2",
    ):
        _put(client, org, "third")
