"""A security team's policy script, end to end, in-process and against the server: lock
IMAP to the office network, deny one lost device of one user, and let a compliance tool
impersonate a group's users read-only. The effects are those AWS documents, read back
through the Get...Effect operations."""

from __future__ import annotations

from typing import Any

from botocore.client import BaseClient

from tests.support import ACCOUNT, REGION, collect, raises
from workmail_mock.testing import device_access

OFFICE = "203.0.113.0/24"
IPHONE = {"DeviceType": "iPhone", "DeviceModel": "iPhone15C2", "DeviceOperatingSystem": "iOS 17.1"}


def _users(client: BaseClient, org: str, *names: str) -> dict[str, str]:
    return {
        name: client.create_user(OrganizationId=org, Name=name, DisplayName=name.title())["UserId"]
        for name in names
    }


def _access(client: BaseClient, org: str, **kwargs: Any) -> dict[str, Any]:
    answer = client.get_access_control_effect(OrganizationId=org, **kwargs)
    return {"Effect": answer["Effect"], "MatchedRules": answer["MatchedRules"]}


def test_lock_imap_deny_a_device_and_impersonate_a_group(client: BaseClient, org: str) -> None:
    people = _users(client, org, "alice", "bob", "carol", "dave")
    finance = client.create_group(OrganizationId=org, Name="finance")["GroupId"]
    for name in ("alice", "bob", "carol"):
        client.associate_member_to_group(OrganizationId=org, GroupId=finance, MemberId=people[name])

    # 1. IMAP only from the office: a DENY rule for IMAP outside the office range.
    client.put_access_control_rule(
        OrganizationId=org, Name="imap-office-only", Effect="DENY",
        Description="IMAP only from the office network", Actions=["IMAP"], NotIpRanges=[OFFICE],
    )
    alice = people["alice"]
    assert _access(client, org, UserId=alice, Action="IMAP", IpAddress="203.0.113.7") == {
        "Effect": "ALLOW", "MatchedRules": ["default"],
    }
    assert _access(client, org, UserId=alice, Action="IMAP", IpAddress="198.51.100.7") == {
        "Effect": "DENY", "MatchedRules": ["imap-office-only"],
    }
    assert _access(client, org, UserId=alice, Action="WebMail", IpAddress="198.51.100.7") == {
        "Effect": "ALLOW", "MatchedRules": ["default"],
    }

    # 2. Bob lost his phone: deny that device, for him only.
    bob = people["bob"]
    client.put_mobile_device_access_override(
        OrganizationId=org, UserId=bob, DeviceId="LOSTPHONE01", Effect="DENY",
        Description="reported lost",
    )
    got = client.get_mobile_device_access_override(
        OrganizationId=org, UserId="bob", DeviceId="lostphone01"
    )
    assert (got["UserId"], got["Effect"]) == (bob, "DENY")
    rules_say = client.get_mobile_device_access_effect(OrganizationId=org, **IPHONE)
    assert rules_say["Effect"] == "ALLOW"  # the rules alone still allow iPhones
    assert device_access(ACCOUNT, REGION, org, bob, "lostphone01", **IPHONE) == {
        "Effect": "DENY", "MatchedRules": [], "ByOverride": True,
    }
    assert device_access(ACCOUNT, REGION, org, bob, "NEWPHONE02", **IPHONE) == {
        "Effect": "ALLOW", "MatchedRules": rules_say["MatchedRules"], "ByOverride": False,
    }
    assert device_access(ACCOUNT, REGION, org, alice, "LOSTPHONE01", **IPHONE)["Effect"] == "ALLOW"

    # 3. A compliance tool reads the finance group's mailboxes, and nobody else's.
    members = [
        m["Id"] for m in collect(client.list_group_members, "Members", OrganizationId=org, GroupId=finance)
    ]
    role = client.create_impersonation_role(
        OrganizationId=org, Name="compliance", Type="READ_ONLY", Description="finance audit",
        Rules=[{"ImpersonationRuleId": "finance", "Name": "finance", "Effect": "ALLOW",
                "TargetUsers": members}],
    )["ImpersonationRoleId"]
    for name in ("alice", "bob", "carol"):
        effect = client.get_impersonation_role_effect(
            OrganizationId=org, ImpersonationRoleId=role, TargetUser=people[name]
        )
        assert (effect["Type"], effect["Effect"], effect["MatchedRules"]) == (
            "READ_ONLY", "ALLOW", [{"ImpersonationRuleId": "finance", "Name": "finance"}],
        )
    outsider = client.get_impersonation_role_effect(
        OrganizationId=org, ImpersonationRoleId=role, TargetUser="dave"
    )
    assert (outsider["Effect"], outsider["MatchedRules"]) == ("DENY", [])
    # The role reaches mailboxes over EWS only, from anywhere the rules allow.
    assert _access(client, org, ImpersonationRoleId=role, Action="EWS", IpAddress="198.51.100.7") == {
        "Effect": "ALLOW", "MatchedRules": ["default"],
    }
    with raises(
        "InvalidParameterException", "ImpersonationRoleId can only be used with Action EWS, not IMAP"
    ):
        _access(client, org, ImpersonationRoleId=role, Action="IMAP", IpAddress="203.0.113.7")
    token = client.assume_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    assert token["ExpiresIn"] == 900

    # Offboarding bob removes his override; the rules that name him keep his id.
    client.delete_user(OrganizationId=org, UserId=bob)
    assert client.list_mobile_device_access_overrides(OrganizationId=org)["Overrides"] == []
    stored = client.get_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    assert stored["Rules"][0]["TargetUsers"] == members

    # Tightening: the role is no longer allowed at all.
    client.put_access_control_rule(
        OrganizationId=org, Name="no-compliance", Effect="DENY", Description="audit over",
        ImpersonationRoleIds=[role],
    )
    assert _access(client, org, ImpersonationRoleId=role, Action="EWS", IpAddress="203.0.113.7") == {
        "Effect": "DENY", "MatchedRules": ["no-compliance"],
    }
    assert [r["Name"] for r in client.list_access_control_rules(OrganizationId=org)["Rules"]] == [
        "default", "imap-office-only", "no-compliance",
    ]
