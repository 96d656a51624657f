"""Email flow Lambda functions under ``workmail_mock.testing.run_email_flow`` (issue 10,
part 4), in-process and against the server.

The handlers are written like AWS's published WorkMail Lambda templates: plain boto3
clients built from the Lambda environment, no mock-specific code. The ``lambda_env``
fixture sets that environment as Lambda would (region, the template's bucket variable)
and, in server mode, ``AWS_ENDPOINT_URL`` so boto3 talks to the server.
"""

from __future__ import annotations

import email
import os
import uuid
from email import policy
from typing import Any

import boto3
import pytest
from botocore.client import BaseClient

from tests.support import DOMAIN, REGION, raises, user
from workmail_mock.testing import mailbox_messages, register_email_flow, run_email_flow

BUCKET = "updated-emails"


def template_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Tag the subject of external mail, as the "update subject" template does."""
    workmail = boto3.client("workmailmessageflow", region_name=os.environ["AWS_REGION"])
    s3 = boto3.client("s3", region_name=os.environ["AWS_REGION"])
    message_id = event["messageId"]
    raw = workmail.get_raw_message_content(messageId=message_id)
    parsed = email.message_from_bytes(raw["messageContent"].read(), policy=policy.SMTP)
    subject = parsed["Subject"]
    del parsed["Subject"]
    parsed["Subject"] = f"[EXTERNAL] {subject}"
    key = f"updated/{uuid.uuid4()}"
    bucket = os.environ["UPDATED_EMAIL_S3_BUCKET"]
    s3.put_object(Bucket=bucket, Key=key, Body=parsed.as_bytes())
    workmail.put_raw_message_content(
        messageId=message_id, content={"s3Reference": {"bucket": bucket, "key": key}}
    )
    return {"actions": [{"allRecipients": True, "action": {"type": "DEFAULT"}}]}


def bounce_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return {
        "actions": [
            {"allRecipients": True,
             "action": {"type": "BOUNCE", "parameters": {"bounceMessage": "Not accepted"}}}
        ]
    }


def failing_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    raise RuntimeError("downstream service unavailable")


def _message(to: str, subject: str = "Hello") -> str:
    return (
        f"From: Sender <sender@example.net>\r\nTo: {to}\r\n"
        "Date: Mon, 01 Jan 2024 10:00:00 +0000\r\nMessage-ID: <m1@example.net>\r\n"
        f"Subject: {subject}\r\n\r\nHi there\r\n"
    )


@pytest.fixture
def lambda_env(
    aws: Any, mode: str, endpoint: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    aws("s3").create_bucket(Bucket=BUCKET)
    monkeypatch.setenv("AWS_REGION", REGION)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("UPDATED_EMAIL_S3_BUCKET", BUCKET)
    if endpoint is not None:
        monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")


@pytest.fixture
def alice(client: BaseClient, org: str) -> str:
    return user(client, org, "alice", enabled=True)


def test_the_event_is_the_documented_one(
    lambda_env: None, org: str, alice: str, endpoint: str | None
) -> None:
    seen: list[tuple[dict[str, Any], Any]] = []

    def handler(event: dict[str, Any], context: Any) -> None:
        seen.append((event, context))

    result = run_email_flow(handler, org, _message(f"alice@{DOMAIN}"), endpoint_url=endpoint)
    event, context = seen[0]
    assert event == {
        "summaryVersion": "2018-10-10",
        "envelope": {
            "mailFrom": {"address": "sender@example.net"},
            "recipients": [{"address": f"alice@{DOMAIN}"}],
        },
        "sender": {"address": "sender@example.net"},
        "subject": "Hello",
        "messageId": result.message_id,
        "invocationId": event["invocationId"],
        "flowDirection": "INBOUND",
        "truncated": False,
    }
    assert len(event["invocationId"]) == 32
    uuid.UUID(event["messageId"])
    assert context.get_remaining_time_in_millis() > 0
    # None is not a valid synchronous response: the fallback action (DEFAULT) delivers
    assert result.fallback_applied
    assert result.actions == {f"alice@{DOMAIN}": "DEFAULT"}


def test_a_template_handler_rewrites_the_subject_through_s3(
    lambda_env: None, client: BaseClient, org: str, alice: str, endpoint: str | None
) -> None:
    result = run_email_flow(
        template_handler, org, _message(f"alice@{DOMAIN}"), endpoint_url=endpoint
    )
    assert result.error is None and not result.fallback_applied
    assert result.actions == {f"alice@{DOMAIN}": "DEFAULT"}
    assert str(result.final["Subject"]) == "[EXTERNAL] Hello"
    assert result.delivery is not None
    assert result.delivery.accepted == {f"alice@{DOMAIN}": [alice]}
    received = mailbox_messages(org, alice, endpoint_url=endpoint)
    assert [m.subject for m in received] == ["[EXTERNAL] Hello"]
    assert client.get_mailbox_details(OrganizationId=org, UserId=alice)["MailboxSize"] > 0
    # the message stays readable through the API, updated
    flow = boto3.client("workmailmessageflow", region_name=REGION)
    content = flow.get_raw_message_content(messageId=result.message_id)["messageContent"].read()
    assert b"Subject: [EXTERNAL] Hello" in content


def test_a_bouncing_handler_delivers_nothing(
    lambda_env: None, org: str, alice: str, endpoint: str | None
) -> None:
    result = run_email_flow(bounce_handler, org, _message(f"alice@{DOMAIN}"), endpoint_url=endpoint)
    assert result.bounced == [f"alice@{DOMAIN}"]
    assert result.delivery is None
    assert mailbox_messages(org, alice, endpoint_url=endpoint) == []


def test_actions_apply_per_recipient(
    lambda_env: None, client: BaseClient, org: str, alice: str, endpoint: str | None
) -> None:
    bob = user(client, org, "bob", enabled=True)
    carol = user(client, org, "carol", enabled=True)
    dave = user(client, org, "dave", enabled=True)
    to = ", ".join(f"{name}@{DOMAIN}" for name in ("alice", "bob", "carol", "dave"))

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {"actions": [
            {"recipients": [f"alice@{DOMAIN}"], "action": {"type": "BOUNCE"}},
            {"recipients": [f"bob@{DOMAIN}"], "action": {"type": "MOVE_TO_JUNK"}},
            {"recipients": [f"carol@{DOMAIN}"], "action": {"type": "DROP"}},
            {"allRecipients": True, "action": {"type": "BYPASS_SPAM_CHECK"}},
        ]}

    result = run_email_flow(handler, org, _message(to), endpoint_url=endpoint)
    assert result.actions == {
        f"alice@{DOMAIN}": "BOUNCE", f"bob@{DOMAIN}": "MOVE_TO_JUNK",
        f"carol@{DOMAIN}": "DROP", f"dave@{DOMAIN}": "BYPASS_SPAM_CHECK",
    }
    assert result.bounced == [f"alice@{DOMAIN}"]
    assert result.dropped == [f"carol@{DOMAIN}"]
    assert mailbox_messages(org, alice, endpoint_url=endpoint) == []
    assert [m.folder for m in mailbox_messages(org, bob, endpoint_url=endpoint)] == ["Junk Email"]
    assert mailbox_messages(org, carol, endpoint_url=endpoint) == []
    assert [m.folder for m in mailbox_messages(org, dave, endpoint_url=endpoint)] == ["Inbox"]


def test_a_failing_handler_gets_the_rules_fallback_action(
    lambda_env: None, org: str, alice: str, endpoint: str | None
) -> None:
    result = run_email_flow(failing_handler, org, _message(f"alice@{DOMAIN}"),
                            endpoint_url=endpoint)
    assert result.error == "RuntimeError: downstream service unavailable"
    assert result.fallback_applied
    assert result.actions == {f"alice@{DOMAIN}": "DEFAULT"}
    assert len(mailbox_messages(org, alice, endpoint_url=endpoint)) == 1

    bounced = run_email_flow(failing_handler, org, _message(f"alice@{DOMAIN}", "Second"),
                             fallback_action="BOUNCE", endpoint_url=endpoint)
    assert bounced.bounced == [f"alice@{DOMAIN}"]
    assert len(mailbox_messages(org, alice, endpoint_url=endpoint)) == 1


def test_an_invalid_response_gets_the_fallback_action(
    lambda_env: None, org: str, alice: str, endpoint: str | None
) -> None:
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {"actions": [{"allRecipients": True, "action": {"type": "ARCHIVE"}}]}

    result = run_email_flow(handler, org, _message(f"alice@{DOMAIN}"), fallback_action="DROP",
                            endpoint_url=endpoint)
    assert result.error == (
        "invalid response: action type 'ARCHIVE' is not one of BOUNCE, DROP, DEFAULT, "
        "BYPASS_SPAM_CHECK, MOVE_TO_JUNK"
    )
    assert result.dropped == [f"alice@{DOMAIN}"]


def test_an_asynchronous_rule_never_changes_delivery(
    lambda_env: None, org: str, alice: str, endpoint: str | None
) -> None:
    result = run_email_flow(
        template_handler, org, _message(f"alice@{DOMAIN}"), synchronous=False,
        endpoint_url=endpoint,
    )
    # the update is stored (GetRawMessageContent shows it) but the mail is unchanged
    flow = boto3.client("workmailmessageflow", region_name=REGION)
    content = flow.get_raw_message_content(messageId=result.message_id)["messageContent"].read()
    assert b"[EXTERNAL]" in content
    assert [m.subject for m in mailbox_messages(org, alice, endpoint_url=endpoint)] == ["Hello"]


def test_outbound_mail_reaches_internal_recipients_and_is_sent_to_others(
    lambda_env: None, org: str, alice: str, endpoint: str | None
) -> None:
    message = _message(f"alice@{DOMAIN}, partner@example.org").replace(
        "Sender <sender@example.net>", f"alice@{DOMAIN}"
    )
    result = run_email_flow(template_handler, org, message, direction="OUTBOUND",
                            endpoint_url=endpoint)
    assert result.event["flowDirection"] == "OUTBOUND"
    assert result.sent == ["partner@example.org"]
    assert result.bounced == []
    assert [m.subject for m in mailbox_messages(org, alice, endpoint_url=endpoint)] == [
        "[EXTERNAL] Hello"
    ]


def test_the_message_expires_after_24_hours(
    lambda_env: None, org: str, alice: str, endpoint: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import datetime

    from workmail_mock.state import runtime

    result = run_email_flow(bounce_handler, org, _message(f"alice@{DOMAIN}"),
                            endpoint_url=endpoint)
    clock = runtime.current()
    later = clock.now() + datetime.timedelta(hours=24, seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    flow = boto3.client("workmailmessageflow", region_name=REGION)
    with raises(
        "ResourceNotFoundException",
        f"Message {result.message_id} was not found: it does not exist, or it is older "
        "than 24 hours",
    ):
        flow.get_raw_message_content(messageId=result.message_id)


def test_ses_mail_goes_through_a_registered_inbound_flow(
    lambda_env: None, aws: Any, org: str, alice: str, endpoint: str | None
) -> None:
    ses = aws("ses")
    with register_email_flow(org, template_handler) as rule:
        ses.send_email(
            Source=f"news@{DOMAIN}", Destination={"ToAddresses": [f"alice@{DOMAIN}"]},
            Message={"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}}},
        )
    assert [r.actions for r in rule.results] == [{f"alice@{DOMAIN}": "DEFAULT"}]
    assert [m.subject for m in mailbox_messages(org, alice, endpoint_url=endpoint)] == [
        "[EXTERNAL] Hello"
    ]
    # once the rule is removed, SES mail goes straight to the mailbox again
    ses.send_email(
        Source=f"news@{DOMAIN}", Destination={"ToAddresses": [f"alice@{DOMAIN}"]},
        Message={"Subject": {"Data": "Plain"}, "Body": {"Text": {"Data": "Hi"}}},
    )
    assert [m.subject for m in mailbox_messages(org, alice, endpoint_url=endpoint)] == [
        "[EXTERNAL] Hello", "Plain"
    ]
