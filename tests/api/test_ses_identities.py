"""WorkMail's domains are SES identities (issue 10, part 1) and SES mail reaches WorkMail
mailboxes (part 5): through moto's SES, in-process (``mock_aws``) and against the server.

``aws`` comes first in each test's arguments: in-process it opens ``mock_aws``, whose
start resets moto's other services, before the organization registers its identities.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.client import BaseClient
from moto.moto_api import state_manager

from tests.support import DOMAIN, VERIFICATION_MODEL, raises, user
from workmail_mock.testing import mailbox_messages

CUSTOM = "example.com"


@pytest.fixture
def ses(aws: Any) -> Any:
    return aws("ses")


@pytest.fixture
def realistic() -> Iterator[None]:
    """Domain verification stays PENDING for one read (the opt-in progression)."""
    state_manager.set_transition(VERIFICATION_MODEL, {"progression": "manual", "times": 1})
    yield
    state_manager.unset_transition(VERIFICATION_MODEL)


def _status(ses: Any, identity: str) -> str:
    attributes = ses.get_identity_verification_attributes(Identities=[identity])
    return str(attributes["VerificationAttributes"][identity]["VerificationStatus"])


def test_create_organization_registers_its_test_domain(ses: Any, client: BaseClient, org: str) -> None:
    assert DOMAIN in ses.list_identities(IdentityType="Domain")["Identities"]
    assert _status(ses, DOMAIN) == "Success"


def test_register_mail_domain_registers_the_domain_with_workmail_records(
    ses: Any, client: BaseClient, org: str
) -> None:
    client.register_mail_domain(OrganizationId=org, DomainName=CUSTOM)
    assert CUSTOM in ses.list_identities()["Identities"]
    records = client.get_mail_domain(OrganizationId=org, DomainName=CUSTOM)["Records"]
    txt = next(r["Value"] for r in records if r["Hostname"] == f"_amazonses.{CUSTOM}")
    tokens = sorted(
        r["Hostname"].split("._domainkey.")[0] for r in records if "._domainkey." in r["Hostname"]
    )
    verification = ses.get_identity_verification_attributes(Identities=[CUSTOM])
    assert verification["VerificationAttributes"][CUSTOM] == {
        "VerificationStatus": "Success", "VerificationToken": txt,
    }
    dkim = ses.get_identity_dkim_attributes(Identities=[CUSTOM])["DkimAttributes"][CUSTOM]
    assert dkim["DkimVerificationStatus"] == "Success"
    assert dkim["DkimEnabled"] is True
    assert sorted(dkim["DkimTokens"]) == tokens


def test_domains_given_to_create_organization_become_identities(
    ses: Any, client: BaseClient
) -> None:
    client.create_organization(Alias="other", Domains=[{"DomainName": "given.org"}])
    assert {"other.awsapps.com", "given.org"} <= set(ses.list_identities()["Identities"])


def test_ses_follows_the_realistic_verification_progression(
    ses: Any, client: BaseClient, org: str, realistic: None
) -> None:
    client.register_mail_domain(OrganizationId=org, DomainName=CUSTOM)
    assert _status(ses, CUSTOM) == "Pending"
    dkim = ses.get_identity_dkim_attributes(Identities=[CUSTOM])["DkimAttributes"][CUSTOM]
    assert dkim["DkimVerificationStatus"] == "Pending"
    assert _status(ses, CUSTOM) == "Success"
    domain = client.get_mail_domain(OrganizationId=org, DomainName=CUSTOM)
    assert domain["OwnershipVerificationStatus"] == "VERIFIED"


def test_a_pending_domain_cannot_send_yet(
    ses: Any, client: BaseClient, org: str, pending_domain: str
) -> None:
    assert _status(ses, pending_domain) == "Pending"
    with raises("MessageRejected", f"Email address not verified hello@{pending_domain}"):
        ses.send_email(
            Source=f"hello@{pending_domain}", Destination={"ToAddresses": ["x@example.net"]},
            Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}},
        )


def test_a_pending_domain_cannot_send_raw_mail_yet_but_can_be_deleted_in_ses(
    ses: Any, client: BaseClient, org: str, pending_domain: str
) -> None:
    raw = f"From: hello@{pending_domain}\r\nTo: x@example.net\r\nSubject: s\r\n\r\nb\r\n"
    with raises("MessageRejected", f"Did not have authority to send from email hello@{pending_domain}"):
        ses.send_raw_email(RawMessage={"Data": raw})
    ses.delete_identity(Identity=pending_domain)
    assert pending_domain not in ses.list_identities()["Identities"]


def test_deregister_mail_domain_leaves_the_ses_identity(
    ses: Any, client: BaseClient, org: str
) -> None:
    client.register_mail_domain(OrganizationId=org, DomainName=CUSTOM)
    client.deregister_mail_domain(OrganizationId=org, DomainName=CUSTOM)
    assert CUSTOM in ses.list_identities()["Identities"]
    assert _status(ses, CUSTOM) == "Success"  # SES's own identity now


def test_welcome_mail_through_ses_lands_in_the_mailbox(
    ses: Any, client: BaseClient, org: str, endpoint: str | None
) -> None:
    client.register_mail_domain(OrganizationId=org, DomainName=CUSTOM)
    bob = client.create_user(
        OrganizationId=org, Name="bob", DisplayName="Bob", Password="Str0ng!Passw0rd"
    )["UserId"]
    client.register_to_work_mail(OrganizationId=org, EntityId=bob, Email=f"bob@{CUSTOM}")
    assert _status(ses, CUSTOM) == "Success"
    ses.send_email(
        Source=f"welcome@{CUSTOM}", Destination={"ToAddresses": [f"bob@{CUSTOM}"]},
        Message={"Subject": {"Data": "Welcome, Bob"}, "Body": {"Text": {"Data": "Hello!"}}},
    )
    received = mailbox_messages(org, bob, endpoint_url=endpoint)
    assert [m.subject for m in received] == ["Welcome, Bob"]
    assert received[0].message.get_content().strip() == "Hello!"
    details = client.get_mailbox_details(OrganizationId=org, UserId=bob)
    assert details["MailboxSize"] == pytest.approx(len(received[0].content) / 1024 / 1024)
    assert details["MailboxSize"] > 0
    # moto's own record of the sent message is kept
    assert ses.get_send_quota()["SentLast24Hours"] == 1


def test_send_raw_email_reaches_group_members_and_skips_outsiders(
    ses: Any, client: BaseClient, org: str, endpoint: str | None
) -> None:
    alice = user(client, org, "alice", enabled=True)
    carol = user(client, org, "carol", enabled=True)
    team = client.create_group(OrganizationId=org, Name="team")["GroupId"]
    client.register_to_work_mail(OrganizationId=org, EntityId=team, Email=f"team@{DOMAIN}")
    for member in (alice, carol):
        client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=member)
    raw = (
        f"From: news@{DOMAIN}\r\nTo: team@{DOMAIN}, someone@example.net\r\n"
        "Subject: Raw news\r\n\r\nbody\r\n"
    )
    ses.send_raw_email(RawMessage={"Data": raw})
    for member in (alice, carol):
        assert [m.subject for m in mailbox_messages(org, member, endpoint_url=endpoint)] == [
            "Raw news"
        ]


def test_mail_to_a_disabled_user_is_not_delivered(
    ses: Any, client: BaseClient, org: str, endpoint: str | None
) -> None:
    alice = user(client, org, "alice", enabled=True)
    client.deregister_from_work_mail(OrganizationId=org, EntityId=alice)
    ses.send_email(
        Source=f"hello@{DOMAIN}", Destination={"ToAddresses": [f"alice@{DOMAIN}"]},
        Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}},
    )
    assert mailbox_messages(org, alice, endpoint_url=endpoint) == []
