"""Mobile device access: the rules (Create/Update/Delete/ListMobileDeviceAccessRule(s)),
GetMobileDeviceAccessEffect, and the overrides (Put/Get/Delete/ListMobileDeviceAccess
Override(s)) (spec section 3)."""

from __future__ import annotations

import datetime
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

IPHONE = {
    "DeviceType": "iPhone",
    "DeviceModel": "iPhone10C1",
    "DeviceOperatingSystem": "iOS 12.3.1 16F203",
    "DeviceUserAgent": "iOS/14.2 (18B92) exchangesyncd/1.0",
}


def _rules(client: Any, org: str) -> list[dict[str, Any]]:
    return list(client.list_mobile_device_access_rules(OrganizationId=org)["Rules"])


def _create(client: Any, org: str, name: str, effect: str = "DENY", **kwargs: Any) -> str:
    return str(
        client.create_mobile_device_access_rule(
            OrganizationId=org, Name=name, Effect=effect, **kwargs
        )["MobileDeviceAccessRuleId"]
    )


def _effect(client: Any, org: str, **device: Any) -> dict[str, Any]:
    answer = client.get_mobile_device_access_effect(OrganizationId=org, **device)
    return {
        "Effect": answer["Effect"],
        "MatchedRules": [rule["Name"] for rule in answer["MatchedRules"]],
    }


def _only(client: Any, org: str) -> None:
    """Remove the default ALLOW-all rule."""
    for rule in _rules(client, org):
        client.delete_mobile_device_access_rule(
            OrganizationId=org, MobileDeviceAccessRuleId=rule["MobileDeviceAccessRuleId"]
        )


# --- the default rule -------------------------------------------------------------------


def test_a_new_organization_allows_every_device(client, org):
    rules = _rules(client, org)
    assert len(rules) == 1
    rule = rules[0]
    assert rule["Name"] == "default"
    assert rule["Effect"] == "ALLOW"
    assert ENTITY_ID.match(rule["MobileDeviceAccessRuleId"])
    assert set(rule) == {"MobileDeviceAccessRuleId", "Name", "Effect", "DateCreated", "DateModified"}
    answer = client.get_mobile_device_access_effect(OrganizationId=org, **IPHONE)
    assert answer["Effect"] == "ALLOW"
    assert answer["MatchedRules"] == [
        {"MobileDeviceAccessRuleId": rule["MobileDeviceAccessRuleId"], "Name": "default"}
    ]


def test_deleting_every_rule_denies_every_device(client, org):
    _only(client, org)
    assert _rules(client, org) == []
    assert _effect(client, org, **IPHONE) == {"Effect": "DENY", "MatchedRules": []}
    assert _effect(client, org) == {"Effect": "DENY", "MatchedRules": []}


def test_the_default_rule_can_be_edited(client, org):
    (default,) = _rules(client, org)
    client.update_mobile_device_access_rule(
        OrganizationId=org, MobileDeviceAccessRuleId=default["MobileDeviceAccessRuleId"],
        Name="default", Effect="DENY", NotDeviceTypes=["Android"],
    )
    assert _effect(client, org, **IPHONE) == {"Effect": "DENY", "MatchedRules": ["default"]}
    assert _effect(client, org, DeviceType="Android") == {"Effect": "DENY", "MatchedRules": []}


# --- Create / Update / Delete / List -----------------------------------------------------


def test_create_returns_an_id_and_lists_the_rule(client, org):
    rule_id = _create(
        client, org, "no iphones", Description="lost phones",
        DeviceTypes=["iPhone"], NotDeviceTypes=["iPad"],
        DeviceModels=["iPhone10"], NotDeviceModels=["iPhone9"],
        DeviceOperatingSystems=["iOS 12"], NotDeviceOperatingSystems=["iOS 11"],
        DeviceUserAgents=["iOS/14"], NotDeviceUserAgents=["Outlook"],
    )
    assert ENTITY_ID.match(rule_id)
    rule = _rules(client, org)[1]
    assert rule["DateCreated"] == rule["DateModified"]
    del rule["DateCreated"], rule["DateModified"]
    assert rule == {
        "MobileDeviceAccessRuleId": rule_id, "Name": "no iphones", "Effect": "DENY",
        "Description": "lost phones",
        "DeviceTypes": ["iPhone"], "NotDeviceTypes": ["iPad"],
        "DeviceModels": ["iPhone10"], "NotDeviceModels": ["iPhone9"],
        "DeviceOperatingSystems": ["iOS 12"], "NotDeviceOperatingSystems": ["iOS 11"],
        "DeviceUserAgents": ["iOS/14"], "NotDeviceUserAgents": ["Outlook"],
    }


def test_names_need_not_be_unique(client, org):
    first = _create(client, org, "same")
    second = _create(client, org, "same")
    assert first != second
    assert [r["Name"] for r in _rules(client, org)] == ["default", "same", "same"]


def test_create_with_the_same_client_token_returns_the_same_rule(client, org):
    first = _create(client, org, "once", ClientToken="token-1")
    again = _create(client, org, "once", ClientToken="token-1")
    assert first == again
    assert len(_rules(client, org)) == 2


def test_a_client_token_reused_with_other_parameters(client, org):
    _create(client, org, "once", ClientToken="token-1")
    with raises(
        "InvalidParameterException",
        "ClientToken token-1 was already used for a CreateMobileDeviceAccessRule request "
        "with different parameters",
    ):
        _create(client, org, "twice", ClientToken="token-1")


def test_an_eleventh_rule_is_limit_exceeded(client, org):
    for i in range(9):
        _create(client, org, f"rule{i}")
    with raises(
        "LimitExceededException",
        f"Organization {org} already has 10 mobile device access rules; the quota is 10",
    ):
        _create(client, org, "rule10")


def test_an_empty_list_breaks_the_model(raw_client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value '[]' at 'deviceTypes' failed to satisfy "
        "constraint: Member must have length greater than or equal to 1",
    ):
        _create(raw_client, org, "empty", DeviceTypes=[])


def test_update_replaces_the_whole_rule(client, org):
    rule_id = _create(client, org, "r", Description="text", DeviceTypes=["iPhone"])
    before = _rules(client, org)[1]
    client.update_mobile_device_access_rule(
        OrganizationId=org, MobileDeviceAccessRuleId=rule_id, Name="renamed", Effect="ALLOW",
        DeviceModels=["Pixel"],
    )
    after = _rules(client, org)[1]
    assert after["Name"] == "renamed"
    assert after["Effect"] == "ALLOW"
    assert after["DeviceModels"] == ["Pixel"]
    assert "DeviceTypes" not in after and "Description" not in after
    assert after["DateCreated"] == before["DateCreated"]
    assert after["DateModified"] >= before["DateModified"]


def test_update_an_unknown_rule(client, org):
    with raises(
        "EntityNotFoundException",
        f"Mobile device access rule nope does not exist in organization {org}",
    ):
        client.update_mobile_device_access_rule(
            OrganizationId=org, MobileDeviceAccessRuleId="nope", Name="n", Effect="ALLOW"
        )


def test_delete_an_unknown_rule_is_a_success(client, org):
    client.delete_mobile_device_access_rule(OrganizationId=org, MobileDeviceAccessRuleId="nope")
    assert len(_rules(client, org)) == 1


# --- GetMobileDeviceAccessEffect ---------------------------------------------------------


def test_values_are_case_insensitive_prefixes(client, org):
    _create(client, org, "apple", DeviceTypes=["IPHONE", "ipad"])
    assert _effect(client, org, **IPHONE) == {"Effect": "DENY", "MatchedRules": ["apple"]}
    assert _effect(client, org, DeviceType="iPadPro")["Effect"] == "DENY"
    assert _effect(client, org, DeviceType="Android") == {
        "Effect": "ALLOW", "MatchedRules": ["default"],
    }
    assert _effect(client, org, DeviceType="i")["Effect"] == "ALLOW"  # the value is the prefix


def test_none_matches_a_device_that_does_not_report(client, org):
    _create(client, org, "anonymous", DeviceTypes=["$NONE"])
    assert _effect(client, org, DeviceModel="x")["MatchedRules"] == ["anonymous"]
    assert _effect(client, org, DeviceType="iPhone")["MatchedRules"] == ["default"]


def test_a_negative_list_never_matches_an_unreported_property(client, org):
    _create(client, org, "not-android", NotDeviceTypes=["Android"])
    assert _effect(client, org, DeviceType="iPhone")["MatchedRules"] == ["not-android"]
    assert _effect(client, org, DeviceType="android phone")["MatchedRules"] == ["default"]
    assert _effect(client, org, DeviceModel="x")["MatchedRules"] == ["default"]


def test_all_conditions_of_a_rule_must_hold(client, org):
    _create(client, org, "old-ios", DeviceTypes=["iPhone"], DeviceOperatingSystems=["iOS 12"])
    assert _effect(client, org, **IPHONE)["MatchedRules"] == ["old-ios"]
    assert _effect(client, org, DeviceType="iPhone", DeviceOperatingSystem="iOS 17")[
        "MatchedRules"
    ] == ["default"]


def test_deny_beats_allow_and_lists_every_applying_deny(client, org):
    _create(client, org, "b", DeviceTypes=["iPhone"])
    _create(client, org, "allow-iphone", "ALLOW", DeviceTypes=["iPhone"])
    _create(client, org, "a", DeviceUserAgents=["iOS/14"])
    assert _effect(client, org, **IPHONE) == {"Effect": "DENY", "MatchedRules": ["b", "a"]}


def test_the_mdm_pattern_default_deny_all(client, org):
    _only(client, org)
    _create(client, org, "DefaultDenyAll")
    _create(client, org, "managed", "ALLOW", DeviceUserAgents=["MDM-managed"])
    assert _effect(client, org, DeviceUserAgent="MDM-managed 1.0")["Effect"] == "DENY"
    assert _effect(client, org, DeviceUserAgent="x")["MatchedRules"] == ["DefaultDenyAll"]


# --- overrides ---------------------------------------------------------------------------


def _override(client: Any, org: str, user_id: str, device: str, effect: str = "DENY", **kw: Any):
    client.put_mobile_device_access_override(
        OrganizationId=org, UserId=user_id, DeviceId=device, Effect=effect, **kw
    )


def test_put_then_get_an_override(client, org):
    alice = user(client, org, "alice")
    _override(client, org, alice, "Dev123", Description="lost")
    got = client.get_mobile_device_access_override(OrganizationId=org, UserId=alice, DeviceId="Dev123")
    got.pop("ResponseMetadata")
    assert isinstance(got.pop("DateCreated"), datetime.datetime)
    assert isinstance(got.pop("DateModified"), datetime.datetime)
    assert got == {"UserId": alice, "DeviceId": "Dev123", "Effect": "DENY", "Description": "lost"}


def test_device_ids_are_case_insensitive_and_users_resolve_by_name(client, org):
    alice = user(client, org, "alice", enabled=True)
    _override(client, org, "alice", "dev123")
    first = client.get_mobile_device_access_override(
        OrganizationId=org, UserId="alice@testorg.awsapps.com", DeviceId="DEV123"
    )
    assert first["UserId"] == alice
    _override(client, org, alice, "DEV123", "ALLOW")
    overrides = collect(client.list_mobile_device_access_overrides, "Overrides", OrganizationId=org)
    assert len(overrides) == 1
    assert overrides[0]["DeviceId"] == "DEV123"
    assert overrides[0]["Effect"] == "ALLOW"
    assert overrides[0]["DateCreated"] == first["DateCreated"]


def test_get_an_override_that_does_not_exist(client, org):
    alice = user(client, org, "alice")
    with raises(
        "ResourceNotFoundException",
        f"No mobile device access override exists for user {alice} and device d1 in "
        f"organization {org}",
    ):
        client.get_mobile_device_access_override(OrganizationId=org, UserId=alice, DeviceId="d1")


def test_overrides_of_an_unknown_user(client, org):
    message = f"User nobody does not exist in organization {org}"
    for call, extra in (
        (client.put_mobile_device_access_override, {"Effect": "DENY"}),
        (client.get_mobile_device_access_override, {}),
        (client.delete_mobile_device_access_override, {}),
    ):
        with raises("EntityNotFoundException", message):
            call(OrganizationId=org, UserId="nobody", DeviceId="d1", **extra)
    with raises("EntityNotFoundException", message):
        client.list_mobile_device_access_overrides(OrganizationId=org, UserId="nobody")


def test_an_override_for_a_group(client, org):
    team = group(client, org, "team")
    with raises("EntityNotFoundException", f"User {team} does not exist in organization {org}"):
        _override(client, org, team, "d1")


def test_an_override_for_a_deleted_user(client, org):
    alice = user(client, org, "alice")
    client.delete_user(OrganizationId=org, UserId=alice)
    with raises(
        "EntityStateException",
        f"User {alice} is in state DELETED; PutMobileDeviceAccessOverride can't be used on a "
        "deleted entity",
    ):
        _override(client, org, alice, "d1")


def test_an_override_for_a_disabled_user_is_accepted(client, org):
    alice = user(client, org, "alice")
    assert client.describe_user(OrganizationId=org, UserId=alice)["State"] == "DISABLED"
    _override(client, org, alice, "d1")
    got = client.get_mobile_device_access_override(OrganizationId=org, UserId=alice, DeviceId="d1")
    assert (got["UserId"], got["DeviceId"]) == (alice, "d1")


def test_deleting_a_user_removes_its_overrides(client, org):
    alice = user(client, org, "alice")
    bob = user(client, org, "bob")
    _override(client, org, alice, "d1")
    _override(client, org, alice, "d2")
    _override(client, org, bob, "d1")
    client.delete_user(OrganizationId=org, UserId=alice)
    overrides = collect(client.list_mobile_device_access_overrides, "Overrides", OrganizationId=org)
    assert [(o["UserId"], o["DeviceId"]) for o in overrides] == [(bob, "d1")]
    with raises(
        "ResourceNotFoundException",
        f"No mobile device access override exists for user {alice} and device d1 in "
        f"organization {org}",
    ):
        client.get_mobile_device_access_override(OrganizationId=org, UserId=alice, DeviceId="d1")


def test_delete_an_override(client, org):
    alice = user(client, org, "alice")
    _override(client, org, alice, "d1")
    client.delete_mobile_device_access_override(OrganizationId=org, UserId=alice, DeviceId="D1")
    client.delete_mobile_device_access_override(OrganizationId=org, UserId=alice, DeviceId="D1")
    assert client.list_mobile_device_access_overrides(OrganizationId=org)["Overrides"] == []


def test_list_overrides_pages_and_filters(client, org):
    alice = user(client, org, "alice")
    bob = user(client, org, "bob")
    for i in range(5):
        _override(client, org, alice, f"dev{i}")
        _override(client, org, bob, f"dev{i}", "ALLOW")
    first = client.list_mobile_device_access_overrides(OrganizationId=org, MaxResults=3)
    assert len(first["Overrides"]) == 3
    assert "NextToken" in first
    every = collect(
        client.list_mobile_device_access_overrides, "Overrides", OrganizationId=org, MaxResults=3
    )
    assert len(every) == 10
    of_bob = collect(
        client.list_mobile_device_access_overrides, "Overrides", OrganizationId=org, UserId="bob",
        MaxResults=2,
    )
    assert [o["DeviceId"] for o in of_bob] == [f"dev{i}" for i in range(5)]
    assert {o["UserId"] for o in of_bob} == {bob}
    dev3 = client.list_mobile_device_access_overrides(OrganizationId=org, DeviceId="DEV3")
    assert [(o["UserId"], o["DeviceId"]) for o in dev3["Overrides"]] == [
        (alice, "dev3"), (bob, "dev3"),
    ]
    both = client.list_mobile_device_access_overrides(
        OrganizationId=org, DeviceId="dev3", UserId=alice
    )
    assert [(o["UserId"], o["Effect"]) for o in both["Overrides"]] == [(alice, "DENY")]


def test_list_overrides_with_a_bad_token(client, org):
    with raises("InvalidParameterException", "The NextToken 'nope' is not valid"):
        client.list_mobile_device_access_overrides(OrganizationId=org, NextToken="nope")


def test_overrides_do_not_change_the_simulated_effect(client, org):
    alice = user(client, org, "alice")
    _override(client, org, alice, "d1")
    assert _effect(client, org, **IPHONE)["Effect"] == "ALLOW"


# --- organizations -----------------------------------------------------------------------

CALLS: list[tuple[str, dict[str, Any]]] = [
    ("create_mobile_device_access_rule", {"Name": "r", "Effect": "ALLOW"}),
    ("update_mobile_device_access_rule",
     {"MobileDeviceAccessRuleId": "r", "Name": "r", "Effect": "ALLOW"}),
    ("delete_mobile_device_access_rule", {"MobileDeviceAccessRuleId": "r"}),
    ("list_mobile_device_access_rules", {}),
    ("get_mobile_device_access_effect", {"DeviceType": "iPhone"}),
    ("put_mobile_device_access_override", {"UserId": "alice", "DeviceId": "d1", "Effect": "DENY"}),
    ("get_mobile_device_access_override", {"UserId": "alice", "DeviceId": "d1"}),
    ("delete_mobile_device_access_override", {"UserId": "alice", "DeviceId": "d1"}),
    ("list_mobile_device_access_overrides", {}),
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
    assert quotas.mobile_device_access_rules_per_organization == 10
    quotas.mobile_device_access_rules_per_organization = 1
    with raises(
        "LimitExceededException",
        f"Organization {org} already has 1 mobile device access rules; the quota is 1",
    ):
        _create(client, org, "second")
