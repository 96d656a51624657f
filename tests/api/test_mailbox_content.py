"""Mailboxes with content (issue 10, part 3): ``workmail_mock.testing.deliver_message``
delivers MIME to an organization's recipients, in-process and through the server's mail
endpoint; GetMailboxDetails counts it and mailbox export jobs put it in their zip."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from botocore.client import BaseClient

from tests.support import ACCOUNT, DOMAIN, REGION, group, resource, user
from workmail_mock.errors import EntityNotFoundException, OrganizationNotFoundException
from workmail_mock.testing import deliver_message, mailbox_messages

MESSAGE = (
    f"From: sender@example.net\r\nTo: alice@{DOMAIN}\r\n"
    "Date: Mon, 01 Jan 2024 10:00:00 +0000\r\nSubject: Quarterly report\r\n\r\nNumbers.\r\n"
)


def _size(client: BaseClient, org: str, user_id: str) -> float:
    return float(client.get_mailbox_details(OrganizationId=org, UserId=user_id)["MailboxSize"])


def test_a_user_receives_the_message_and_its_size_counts(
    client: BaseClient, org: str, endpoint: str | None
) -> None:
    alice = user(client, org, "alice", enabled=True)
    assert _size(client, org, alice) == 0
    report = deliver_message(org, MESSAGE, endpoint_url=endpoint)
    assert report.accepted == {f"alice@{DOMAIN}": [alice]}
    assert report.bounced == []
    deliver_message(org, MESSAGE.replace("Quarterly", "Annual"), [f"alice@{DOMAIN}"],
                    endpoint_url=endpoint)
    received = mailbox_messages(org, f"alice@{DOMAIN}", endpoint_url=endpoint)
    assert [m.subject for m in received] == ["Quarterly report", "Annual report"]
    assert [m.folder for m in received] == ["Inbox", "Inbox"]
    total = sum(len(m.content) for m in received)
    assert _size(client, org, alice) == pytest.approx(total / 1024 / 1024)


def test_groups_are_expanded_to_their_enabled_members(
    client: BaseClient, org: str, endpoint: str | None
) -> None:
    alice = user(client, org, "alice", enabled=True)
    bob = user(client, org, "bob", enabled=True)
    carol = user(client, org, "carol")  # not registered: no mailbox
    team = group(client, org, "team", enabled=True)
    inner = group(client, org, "inner", enabled=True)
    client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=alice)
    client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=inner)
    client.associate_member_to_group(OrganizationId=org, GroupId=inner, MemberId=bob)
    client.associate_member_to_group(OrganizationId=org, GroupId=inner, MemberId=carol)
    report = deliver_message(org, MESSAGE, [f"team@{DOMAIN}", f"alice@{DOMAIN}"],
                             endpoint_url=endpoint)
    assert sorted(report.accepted[f"team@{DOMAIN}"]) == sorted([alice, bob])
    # alice is reached twice but receives one copy
    assert len(mailbox_messages(org, alice, endpoint_url=endpoint)) == 1
    assert len(mailbox_messages(org, bob, endpoint_url=endpoint)) == 1
    assert mailbox_messages(org, carol, endpoint_url=endpoint) == []


def test_resources_receive_and_unknown_recipients_bounce(
    client: BaseClient, org: str, endpoint: str | None
) -> None:
    room = resource(client, org, "room1", enabled=True)
    alice = user(client, org, "alice", enabled=True)
    client.deregister_from_work_mail(OrganizationId=org, EntityId=alice)
    empty = group(client, org, "empty", enabled=True)
    assert empty
    report = deliver_message(
        org, MESSAGE,
        [f"room1@{DOMAIN}", f"nobody@{DOMAIN}", f"alice@{DOMAIN}", f"empty@{DOMAIN}",
         "someone@example.net"],
        endpoint_url=endpoint,
    )
    assert report.accepted == {f"room1@{DOMAIN}": [room]}
    assert report.bounced == [
        f"nobody@{DOMAIN}", f"alice@{DOMAIN}", f"empty@{DOMAIN}", "someone@example.net"
    ]
    assert [m.subject for m in mailbox_messages(org, room, endpoint_url=endpoint)] == [
        "Quarterly report"
    ]


def test_an_alias_reaches_the_mailbox(client: BaseClient, org: str, endpoint: str | None) -> None:
    alice = user(client, org, "alice", enabled=True)
    client.create_alias(OrganizationId=org, EntityId=alice, Alias=f"al@{DOMAIN}")
    deliver_message(org, MESSAGE, [f"al@{DOMAIN}"], endpoint_url=endpoint)
    assert len(mailbox_messages(org, alice, endpoint_url=endpoint)) == 1


def test_unknown_organization_and_entity_raise_the_api_errors(
    client: BaseClient, org: str, endpoint: str | None
) -> None:
    missing = "m-" + "0" * 32
    with pytest.raises(OrganizationNotFoundException):
        deliver_message(missing, MESSAGE, endpoint_url=endpoint)
    with pytest.raises(EntityNotFoundException):
        mailbox_messages(org, "nobody", endpoint_url=endpoint)


def test_an_export_job_puts_the_delivered_messages_in_its_zip(
    aws: Any, client: BaseClient, org: str, endpoint: str | None
) -> None:
    s3 = aws("s3")
    s3.create_bucket(Bucket="exports")
    key = aws("kms").create_key()["KeyMetadata"]["Arn"]
    alice = user(client, org, "alice", enabled=True)
    deliver_message(org, MESSAGE, endpoint_url=endpoint)
    deliver_message(org, MESSAGE.replace("Quarterly", "Annual"), folder="Archive",
                    endpoint_url=endpoint)
    job = client.start_mailbox_export_job(
        OrganizationId=org, EntityId=alice, KmsKeyArn=key, S3BucketName="exports",
        S3Prefix="backup", RoleArn=f"arn:aws:iam::{ACCOUNT}:role/export",
    )["JobId"]
    body = s3.get_object(Bucket="exports", Key=f"backup/{job}.zip")["Body"].read()
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.namelist() == ["Inbox/1.eml", "Archive/2.eml"]
    assert archive.read("Inbox/1.eml") == MESSAGE.encode()
    log = json.loads(s3.get_object(Bucket="exports", Key=f"backup/{job}.log.json")["Body"].read())
    assert (log["totalMessages"], log["totalFolders"]) == (2, 2)


def test_mail_is_per_region(client: BaseClient, org: str, make_client: Any,
                            endpoint: str | None) -> None:
    user(client, org, "alice", enabled=True)
    other = make_client("eu-west-1")
    far = other.create_organization(Alias="far")["OrganizationId"]
    with pytest.raises(OrganizationNotFoundException):
        deliver_message(far, MESSAGE, endpoint_url=endpoint, region=REGION)
    bob = user(other, far, "bob")
    other.register_to_work_mail(OrganizationId=far, EntityId=bob, Email="bob@far.awsapps.com")
    report = deliver_message(far, MESSAGE, ["bob@far.awsapps.com"], region="eu-west-1",
                             endpoint_url=endpoint)
    assert report.accepted == {"bob@far.awsapps.com": [bob]}
