"""``workmail_mock.load`` / ``dump``: the documented format, validated with errors that name
the place in the file, round-tripping ids; the server's --state / --persist and endpoints."""

from __future__ import annotations

import json
import pathlib

import boto3
import pytest
import requests

import workmail_mock
from tests.support import reset, server_client
from workmail_mock import mock_workmail
from workmail_mock.declarative import StateFileError, dump_to
from workmail_mock.testing import snapshot


def build() -> str:
    client = boto3.client("workmail", region_name="us-east-1")
    org = client.create_organization(Alias="acme", Domains=[{"DomainName": "example.com"}])[
        "OrganizationId"
    ]
    alice = client.create_user(OrganizationId=org, Name="alice", DisplayName="Alice",
                               Password="Str0ng!Passw0rd")["UserId"]
    client.register_to_work_mail(OrganizationId=org, EntityId=alice, Email="alice@example.com")
    client.create_alias(OrganizationId=org, EntityId=alice, Alias="al@example.com")
    team = client.create_group(OrganizationId=org, Name="team")["GroupId"]
    client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=alice)
    room = client.create_resource(OrganizationId=org, Name="room", Type="ROOM")["ResourceId"]
    client.associate_delegate_to_resource(OrganizationId=org, ResourceId=room, EntityId=alice)
    return str(org)


@mock_workmail
def test_load_of_dump_gives_the_same_state_ids_included(tmp_path: pathlib.Path) -> None:
    org = build()
    data = workmail_mock.dump()
    shown = json.loads(json.dumps(data))
    before = snapshot()
    workmail_mock.load(shown)
    assert workmail_mock.dump() == data
    after = snapshot()
    view = after["123456789012/us-east-1"]["organizations"][0]
    assert view["id"] == org
    assert [u["name"] for u in view["users"]] == ["alice"]
    was = before["123456789012/us-east-1"]["organizations"][0]

    assert view["members"] == was["members"]
    client = boto3.client("workmail", region_name="us-east-1")
    user = client.describe_user(OrganizationId=org, UserId="alice@example.com")
    assert user["State"] == "ENABLED"
    path = tmp_path / "state.json"
    dump_to(path)
    workmail_mock.load(path)
    assert workmail_mock.dump() == data


@mock_workmail
def test_errors_name_the_place_in_the_file() -> None:
    bad = {"format": "workmail_mock/state@1",
           "accounts": {"123456789012": {"us-east-1": {"organizations": [{"id": "m-1", "alias": "x"}]}}}}
    with pytest.raises(StateFileError, match=r"\$\.accounts\['123456789012'\]\['us-east-1'\]\.organizations\[0\]\.id"):
        workmail_mock.load(bad)
    org = "m-" + "a" * 32
    twice = {"format": "workmail_mock/state@1", "accounts": {"123456789012": {"us-east-1": {
        "organizations": [{"id": org, "alias": "acme", "users": [
            {"id": "u1", "name": "bob"}, {"id": "u2", "name": "bob"}]}]}}}}
    with pytest.raises(StateFileError, match=r"organizations\[0\]\.users\[1\]"):
        workmail_mock.load(twice)


def test_server_endpoints(server_url: str) -> None:
    reset(server_url)
    server_client(server_url).create_organization(Alias="srv")
    state = requests.get(f"{server_url}/_workmail_mock/state", timeout=10).json()
    assert state["accounts"]["123456789012"]["us-east-1"]["organizations"][0]["alias"] == "srv"
    reset(server_url)
    assert requests.post(f"{server_url}/_workmail_mock/state", json=state, timeout=10).ok
    orgs = server_client(server_url).list_organizations()["OrganizationSummaries"]
    assert [o["Alias"] for o in orgs] == ["srv"]
    bad = requests.post(f"{server_url}/_workmail_mock/state", json={"format": 1}, timeout=10)
    assert bad.status_code == 400 and "$" in bad.json()["Message"]
    reset(server_url)


def test_cli_state_and_persist(tmp_path: pathlib.Path) -> None:
    """--state loads at start; --persist writes the state on stop and loads it again."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.support import free_port

    def serve(*options: str) -> tuple[subprocess.Popen[bytes], str]:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "workmail_mock", "--port", str(port), *options],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                requests.get(f"{url}/moto-api/data.json", timeout=1)
                return process, url
            except requests.ConnectionError:
                time.sleep(0.1)
        process.kill()
        raise AssertionError("the server did not start")

    org = "m-" + "b" * 32
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"format": "workmail_mock/state@1", "accounts": {
        "123456789012": {"us-east-1": {"organizations": [{"id": org, "alias": "seeded"}]}}}}))
    persist = tmp_path / "persist.json"
    process, url = serve("--state", str(seed), "--persist", str(persist))
    try:
        client = server_client(url)
        assert [o["OrganizationId"] for o in client.list_organizations()["OrganizationSummaries"]] == [org]
        client.create_organization(Alias="later")
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    saved = json.loads(persist.read_text())
    aliases = [o["alias"] for o in saved["accounts"]["123456789012"]["us-east-1"]["organizations"]]
    assert aliases == ["seeded", "later"]
    process, url = serve("--persist", str(persist))
    try:
        listed = server_client(url).list_organizations()["OrganizationSummaries"]
        assert sorted(o["Alias"] for o in listed) == ["later", "seeded"]
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


ROOT = "arn:aws:iam::123456789012:role"


def build_everything() -> dict[str, str]:
    """One of everything the API (and the testing helpers) can create."""
    from workmail_mock.testing import (
        deliver_message,
        issue_personal_access_token,
        put_in_transit_message,
    )

    org = build()
    client = boto3.client("workmail", region_name="us-east-1")
    ids = {"org": org}
    users = client.list_users(OrganizationId=org)["Users"]
    alice = next(u["Id"] for u in users if u["Name"] == "alice")
    ids["alice"] = alice
    bob = client.create_user(OrganizationId=org, Name="bob", DisplayName="Bob",
                             Password="Str0ng!Passw0rd")["UserId"]
    client.register_to_work_mail(OrganizationId=org, EntityId=bob, Email="bob@example.com")
    client.update_user(OrganizationId=org, UserId=bob, JobTitle="boss", City="Paris")
    client.update_mailbox_quota(OrganizationId=org, UserId=bob, MailboxQuota=2048)
    ids["bob"] = bob
    gone = client.create_user(OrganizationId=org, Name="carl", DisplayName="Carl",
                              Password="Str0ng!Passw0rd")["UserId"]
    client.update_user(OrganizationId=org, UserId=gone, Office="B2")
    client.delete_user(OrganizationId=org, UserId=gone)
    ids["gone"] = gone
    ids["carl"] = client.create_user(OrganizationId=org, Name="carl", DisplayName="Carl 2",
                                     Password="Str0ng!Passw0rd")["UserId"]
    client.put_mailbox_permissions(OrganizationId=org, EntityId=bob, GranteeId=alice,
                                   PermissionValues=["FULL_ACCESS", "SEND_AS"])
    client.put_retention_policy(OrganizationId=org, Name="keep", Description="d",
                                FolderConfigurations=[{"Name": "INBOX", "Action": "NONE"}])
    client.create_availability_configuration(
        OrganizationId=org, DomainName="partner.example",
        EwsProvider={"EwsEndpoint": "https://ews.partner.example/EWS/Exchange.asmx",
                     "EwsUsername": "svc", "EwsPassword": "pw"})
    client.put_email_monitoring_configuration(
        OrganizationId=org, RoleArn=f"{ROOT}/events",
        LogGroupArn="arn:aws:logs:us-east-1:123456789012:log-group:/aws/workmail/acme:*")
    client.put_inbound_dmarc_settings(OrganizationId=org, Enforced=False)
    instance = "arn:aws:sso:::instance/ssoins-1111111111111111"
    app = client.create_identity_center_application(Name="wm", InstanceArn=instance)[
        "ApplicationArn"]
    client.put_identity_provider_configuration(
        OrganizationId=org, AuthenticationMode="IDENTITY_PROVIDER_AND_DIRECTORY",
        IdentityCenterConfiguration={"InstanceArn": instance, "ApplicationArn": app},
        PersonalAccessTokenConfiguration={"Status": "ACTIVE", "LifetimeInDays": 30})
    client.put_access_control_rule(OrganizationId=org, Name="imap", Effect="DENY",
                                   Description="no IMAP", Actions=["IMAP"],
                                   NotIpRanges=["203.0.113.0/24"])
    ids["device_rule"] = client.create_mobile_device_access_rule(
        OrganizationId=org, Name="no-android", Effect="DENY",
        DeviceOperatingSystems=["Android"])["MobileDeviceAccessRuleId"]
    client.put_mobile_device_access_override(OrganizationId=org, UserId=bob,
                                             DeviceId="PHONE1", Effect="DENY")
    role = client.create_impersonation_role(
        OrganizationId=org, Name="audit", Type="READ_ONLY",
        Rules=[{"ImpersonationRuleId": "r1", "Effect": "ALLOW", "TargetUsers": [bob]}],
    )["ImpersonationRoleId"]
    ids["role"] = role
    client.assume_impersonation_role(OrganizationId=org, ImpersonationRoleId=role)
    arn = f"arn:aws:workmail:us-east-1:123456789012:organization/{org}"
    ids["arn"] = arn
    client.tag_resource(ResourceARN=arn, Tags=[{"Key": "team", "Value": "mail"}])
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="exports")
    key = boto3.client("kms", region_name="us-east-1").create_key()["KeyMetadata"]["Arn"]
    ids["job"] = client.start_mailbox_export_job(
        OrganizationId=org, EntityId=bob, RoleArn=f"{ROOT}/export", KmsKeyArn=key,
        S3BucketName="exports", S3Prefix="out")["JobId"]
    ids["token"] = issue_personal_access_token(org, bob, name="phone")
    deliver_message(org, "From: x@example.net\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n"
                    "Subject: hello\r\n\r\nbody\r\n", ["bob@example.com"])
    ids["message"] = put_in_transit_message(
        org, "From: x@example.net\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n\r\nhi\r\n")
    workmail_mock.backend_for("123456789012", "us-west-2").quotas.tags_per_resource = 7
    return ids


def test_load_of_dump_round_trips_every_part() -> None:
    from moto import mock_aws

    with mock_aws():
        ids = build_everything()
        data = json.loads(json.dumps(workmail_mock.dump()))
        before = snapshot()
        workmail_mock.load(data)
        assert workmail_mock.dump() == data
        assert snapshot() == before
        org = data["accounts"]["123456789012"]["us-east-1"]["organizations"][0]
        for part in ("mailbox_permissions", "export_jobs", "personal_access_tokens", "tags"):
            assert org[part], part
        assert org["mail"]["in_transit"] and org["mail"]["mailboxes"]
        assert org["policies"]["impersonation_tokens"]
        assert data["accounts"]["123456789012"]["us-west-2"]["quotas"]["tags_per_resource"] == 7
        assert data["accounts"]["123456789012"]["us-east-1"]["identity_center_applications"]

        client = boto3.client("workmail", region_name="us-east-1")
        o = ids["org"]
        perms = client.list_mailbox_permissions(OrganizationId=o, EntityId=ids["bob"])
        assert [p["GranteeId"] for p in perms["Permissions"]] == [ids["alice"]]
        assert client.get_default_retention_policy(OrganizationId=o)["Name"] == "keep"
        assert not client.describe_inbound_dmarc_settings(OrganizationId=o)["Enforced"]
        rules = client.list_mobile_device_access_rules(OrganizationId=o)["Rules"]
        assert ids["device_rule"] in [r["MobileDeviceAccessRuleId"] for r in rules]
        role = client.get_impersonation_role(OrganizationId=o, ImpersonationRoleId=ids["role"])
        assert role["Name"] == "audit"
        effect = client.get_impersonation_role_effect(
            OrganizationId=o, ImpersonationRoleId=ids["role"], TargetUser=ids["bob"])
        assert effect["Effect"] == "ALLOW"
        assert client.list_tags_for_resource(ResourceARN=ids["arn"])["Tags"] == [
            {"Key": "team", "Value": "mail"}]
        tokens = client.list_personal_access_tokens(OrganizationId=o)
        assert [t["PersonalAccessTokenId"] for t in tokens["PersonalAccessTokenSummaries"]] == [
            ids["token"]]
        job = client.describe_mailbox_export_job(OrganizationId=o, JobId=ids["job"])
        assert job["EntityId"] == ids["bob"]
        assert client.describe_user(OrganizationId=o, UserId=ids["gone"])["State"] == "DELETED"
        again = client.describe_user(OrganizationId=o, UserId="carl")
        assert (again["UserId"], again["DisplayName"]) == (ids["carl"], "Carl 2")
        user = client.describe_user(OrganizationId=o, UserId=ids["bob"])
        assert (user["JobTitle"], user["City"]) == ("boss", "Paris")
        flow = boto3.client("workmailmessageflow", region_name="us-east-1")
        content = flow.get_raw_message_content(messageId=ids["message"])["messageContent"]
        assert b"hi" in content.read()
        assert client.list_access_control_rules(OrganizationId=o)["Rules"][0]["Name"] in (
            "imap", "default")


@mock_workmail
def test_new_parts_are_validated_with_their_path() -> None:
    org = "m-" + "c" * 32
    bad = {"format": "workmail_mock/state@1", "accounts": {"123456789012": {"us-east-1": {
        "organizations": [{"id": org, "alias": "acme",
                           "export_jobs": [{"id": "j", "state": "DONE"}]}]}}}}
    with pytest.raises(StateFileError, match=r"organizations\[0\]\.export_jobs\[0\]"):
        workmail_mock.load(bad)
    missing = {"format": "workmail_mock/state@1", "accounts": {"123456789012": {"us-east-1": {
        "organizations": [{"id": org, "alias": "acme", "mailbox_permissions": [
            {"owner": "u1", "grantee": "u2", "permissions": ["FULL_ACCESS"]}]}]}}}}
    with pytest.raises(StateFileError, match=r"organizations\[0\]\.mailbox_permissions\[0\]: no entity u1"):
        workmail_mock.load(missing)


def test_yaml_dates_round_trip(tmp_path: pathlib.Path) -> None:
    yaml = pytest.importorskip("yaml")
    with mock_workmail():
        build()
        data = workmail_mock.dump()
        path = tmp_path / "state.yaml"
        path.write_text(yaml.safe_dump(json.loads(json.dumps(data))))
        workmail_mock.load(path)
        assert workmail_mock.dump() == data
