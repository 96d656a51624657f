"""Mail for tests: deliver MIME to mailboxes, read what a mailbox received, create
in-transit messages, and run an email flow Lambda handler as WorkMail would.

No AWS API creates messages in WorkMail (flow rules are console-only), so these are the
documented ways in. Each function works in-process (inside ``mock_workmail`` or
``mock_aws``) or, with ``endpoint_url``, against a moto server running workmail_mock
(through its test-only ``POST /_workmail_mock/mail`` endpoint).
"""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Callable
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr
from typing import Any

from workmail_mock.state.messages import parse
from workmail_mock.state.region import LOCK
from workmail_mock.testing import _control as control_endpoint

DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"
#: The folder a MOVE_TO_JUNK action delivers to (Outlook's and WorkMail web's name).
JUNK_FOLDER = "Junk Email"
INBOX = "Inbox"
ACTIONS = ("BOUNCE", "DROP", "DEFAULT", "BYPASS_SPAM_CHECK", "MOVE_TO_JUNK")

MessageLike = bytes | str | Message


def _bytes(message: MessageLike) -> bytes:
    if isinstance(message, Message):
        return bytes(message)
    if isinstance(message, str):
        return message.encode("utf-8")
    return bytes(message)


def _control(
    request: dict[str, Any], account_id: str, region: str, endpoint_url: str | None
) -> dict[str, Any]:
    request = {**request, "AccountId": account_id, "Region": region}
    if endpoint_url is None:
        from workmail_mock.models import backend_for
        from workmail_mock.operations.mail import control

        with LOCK:
            return control(backend_for(account_id, region), request)
    return control_endpoint.post(endpoint_url, control_endpoint.MAIL_PATH, request)


@dataclasses.dataclass(frozen=True)
class DeliveryReport:
    """Accepted recipients (address -> ids of the mailboxes it reached; a group reaches
    its enabled members) and bounced recipients (unknown, disabled, or an empty group)."""

    accepted: dict[str, list[str]]
    bounced: list[str]


@dataclasses.dataclass(frozen=True)
class MailboxMessage:
    """One message a mailbox received."""

    content: bytes
    folder: str
    received: str  # ISO 8601, the mock's clock

    @property
    def message(self) -> EmailMessage:
        return parse(self.content)

    @property
    def subject(self) -> str | None:
        value = self.message.get("Subject")
        return None if value is None else str(value)


def deliver_message(
    organization_id: str,
    message: MessageLike,
    recipients: list[str] | None = None,
    *,
    folder: str = INBOX,
    account_id: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    endpoint_url: str | None = None,
) -> DeliveryReport:
    """Deliver a MIME message to recipients of an organization (default: its To and Cc
    addresses). Enabled users and resources get it, groups are expanded to their enabled
    members (at any depth), anything else bounces. A user's GetMailboxDetails
    ``MailboxSize`` (MB) counts what the mailbox holds."""
    request: dict[str, Any] = {
        "Action": "Deliver", "OrganizationId": organization_id,
        "Content": base64.b64encode(_bytes(message)).decode(), "Folder": folder,
    }
    if recipients is not None:
        request["Recipients"] = list(recipients)
    answer = _control(request, account_id, region, endpoint_url)
    return DeliveryReport(dict(answer["Accepted"]), list(answer["Bounced"]))


def mailbox_messages(
    organization_id: str,
    entity: str,
    *,
    account_id: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    endpoint_url: str | None = None,
) -> list[MailboxMessage]:
    """What the mailbox of a user or resource (id, email address or name) received,
    oldest first."""
    answer = _control(
        {"Action": "ListMailbox", "OrganizationId": organization_id, "EntityId": entity},
        account_id, region, endpoint_url,
    )
    return [
        MailboxMessage(base64.b64decode(m["Content"]), m["Folder"], m["Received"])
        for m in answer["Messages"]
    ]


def put_in_transit_message(
    organization_id: str,
    message: MessageLike,
    *,
    frozen: bool = False,
    account_id: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    endpoint_url: str | None = None,
) -> str:
    """Create an in-transit message of the organization and return its ``messageId``:
    ``workmailmessageflow`` serves it for 24 hours (the mock's clock). ``frozen`` makes it
    a message that can't be updated (a redirected one: PutRawMessageContent answers
    MessageFrozen)."""
    answer = _control(
        {
            "Action": "PutInTransit", "OrganizationId": organization_id,
            "Content": base64.b64encode(_bytes(message)).decode(), "Frozen": frozen,
        },
        account_id, region, endpoint_url,
    )
    return str(answer["MessageId"])


def _in_transit_content(
    message_id: str, account_id: str, region: str, endpoint_url: str | None
) -> bytes:
    answer = _control({"Action": "GetInTransit", "MessageId": message_id},
                      account_id, region, endpoint_url)
    return base64.b64decode(answer["Content"])


# --- the email flow harness ---------------------------------------------------------------


@dataclasses.dataclass
class LambdaContext:
    """Enough of AWS Lambda's context object for a handler: names, ARN, request id and
    the remaining time."""

    function_name: str = "workmail-flow-handler"
    function_version: str = "$LATEST"
    invoked_function_arn: str = (
        "arn:aws:lambda:us-east-1:123456789012:function:workmail-flow-handler"
    )
    memory_limit_in_mb: int = 128
    aws_request_id: str = ""
    log_group_name: str = "/aws/lambda/workmail-flow-handler"
    log_stream_name: str = "mock"
    timeout_ms: int = 30_000

    def get_remaining_time_in_millis(self) -> int:
        return self.timeout_ms


@dataclasses.dataclass
class EmailFlowResult:
    """What happened to one message in the flow."""

    message_id: str
    event: dict[str, Any]
    #: What the handler returned (None when it raised).
    response: Any
    #: The exception the handler raised, or why its response was not valid.
    error: str | None
    #: True when the fallback action was applied instead of the handler's actions.
    fallback_applied: bool
    #: The action applied to each envelope recipient.
    actions: dict[str, str]
    #: The MIME message that was delivered (rewritten by PutRawMessageContent or not).
    final_message: bytes
    #: Delivery to the organization's mailboxes (None when nothing was delivered).
    delivery: DeliveryReport | None
    #: Recipients the flow bounced (BOUNCE) or dropped (DROP).
    bounced: list[str]
    dropped: list[str]
    #: OUTBOUND only: recipients outside the organization the message was sent to.
    sent: list[str]

    @property
    def final(self) -> EmailMessage:
        return parse(self.final_message)


def _addresses(values: list[str]) -> list[str]:
    return [a for _, a in getaddresses(values) if a]


def _actions_of(response: Any, recipients: list[str]) -> dict[str, str]:
    """Each recipient's action from a synchronous handler's response, or ValueError when
    the response is not in the documented shape."""
    if not isinstance(response, dict) or not isinstance(response.get("actions"), list):
        raise ValueError("the response has no 'actions' list")
    chosen: dict[str, str] = {}
    everyone: str | None = None
    lowered = {r.lower(): r for r in recipients}
    for item in response["actions"]:
        action = item.get("action") if isinstance(item, dict) else None
        kind = action.get("type") if isinstance(action, dict) else None
        if kind not in ACTIONS:
            raise ValueError(f"action type {kind!r} is not one of {', '.join(ACTIONS)}")
        if item.get("allRecipients") is True:
            if everyone is None:
                everyone = kind
            continue
        named = item.get("recipients")
        if not isinstance(named, list) or not named:
            raise ValueError("an action needs 'recipients' or 'allRecipients': true")
        for address in named:
            original = lowered.get(str(address).lower())
            if original is not None and original not in chosen:
                chosen[original] = kind
    return {r: chosen.get(r, everyone or "DEFAULT") for r in recipients}


def run_email_flow(
    handler: Callable[[dict[str, Any], Any], Any],
    organization_id: str,
    message: MessageLike,
    direction: str = "INBOUND",
    synchronous: bool = True,
    *,
    recipients: list[str] | None = None,
    mail_from: str | None = None,
    fallback_action: str = "DEFAULT",
    context: Any = None,
    account_id: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    endpoint_url: str | None = None,
) -> EmailFlowResult:
    """Run an email flow rule's Lambda handler on a message, as WorkMail's "Run Lambda"
    action does, and deliver the outcome.

    The message becomes an in-transit message (``workmailmessageflow`` serves it by the
    event's ``messageId``); the handler is called in-process with the event AWS documents
    (``summaryVersion`` 2018-10-10) and a Lambda-like context. For a synchronous rule its
    ``{"actions": [...]}`` are applied per recipient (``BOUNCE``, ``DROP``, ``DEFAULT``,
    ``BYPASS_SPAM_CHECK``, ``MOVE_TO_JUNK``; ``recipients`` or ``allRecipients``); a
    recipient no action names gets ``DEFAULT``. When the handler raises or answers
    something else, ``fallback_action`` (the rule's fallback, ``DEFAULT`` unless set)
    applies to every recipient. An asynchronous rule never changes delivery, and
    content changes take effect only in a synchronous rule.

    INBOUND delivers to the organization's mailboxes (unknown recipients bounce);
    OUTBOUND delivers to recipients inside the organization and reports the others in
    ``sent``.
    """
    if direction not in ("INBOUND", "OUTBOUND"):
        raise ValueError("direction must be 'INBOUND' or 'OUTBOUND'")
    if fallback_action not in ACTIONS:
        raise ValueError(f"fallback_action must be one of {', '.join(ACTIONS)}")
    content = _bytes(message)
    parsed = parse(content)
    sender = parseaddr(str(parsed.get("From", "")))[1]
    envelope_from = mail_from or sender
    if recipients is None:
        recipients = _addresses(
            [str(v) for name in ("To", "Cc", "Bcc") for v in parsed.get_all(name) or []]
        )
    message_id = put_in_transit_message(
        organization_id, content, account_id=account_id, region=region,
        endpoint_url=endpoint_url,
    )
    from workmail_mock.state import runtime

    invocation_id = runtime.current().random_hex(32)
    subject = parsed.get("Subject")
    event: dict[str, Any] = {
        "summaryVersion": "2018-10-10",
        "envelope": {
            "mailFrom": {"address": envelope_from},
            "recipients": [{"address": r} for r in recipients],
        },
        "sender": {"address": sender},
        "subject": "" if subject is None else str(subject),
        "messageId": message_id,
        "invocationId": invocation_id,
        "flowDirection": direction,
        "truncated": False,
    }
    if context is None:
        context = LambdaContext(aws_request_id=invocation_id)
    response: Any = None
    error: str | None = None
    try:
        response = handler(event, context)
    except Exception as exc:  # a failed Lambda is an outcome to report
        error = f"{type(exc).__name__}: {exc}"
    fallback = False
    if not synchronous:
        actions = dict.fromkeys(recipients, "DEFAULT")
    elif error is not None:
        actions, fallback = dict.fromkeys(recipients, fallback_action), True
    else:
        try:
            actions = _actions_of(response, recipients)
        except ValueError as invalid:
            error = f"invalid response: {invalid}"
            actions, fallback = dict.fromkeys(recipients, fallback_action), True
    final = (
        _in_transit_content(message_id, account_id, region, endpoint_url)
        if synchronous else content
    )
    bounced = [r for r, a in actions.items() if a == "BOUNCE"]
    dropped = [r for r, a in actions.items() if a == "DROP"]
    inbox = [r for r, a in actions.items() if a in ("DEFAULT", "BYPASS_SPAM_CHECK")]
    junk = [r for r, a in actions.items() if a == "MOVE_TO_JUNK"]
    accepted: dict[str, list[str]] = {}
    not_delivered: list[str] = []
    for folder, group in ((INBOX, inbox), (JUNK_FOLDER, junk)):
        if group:
            report = deliver_message(
                organization_id, final, group, folder=folder, account_id=account_id,
                region=region, endpoint_url=endpoint_url,
            )
            accepted.update(report.accepted)
            not_delivered.extend(report.bounced)
    sent: list[str] = []
    if direction == "OUTBOUND":
        sent, not_delivered = not_delivered, []
    delivery = DeliveryReport(accepted, not_delivered) if inbox or junk else None
    return EmailFlowResult(
        message_id=message_id, event=event, response=response, error=error,
        fallback_applied=fallback, actions=actions, final_message=final,
        delivery=delivery, bounced=bounced + not_delivered, dropped=dropped, sent=sent,
    )


class EmailFlowRule:
    """An inbound "Run Lambda" email flow rule registered for a test
    (``register_email_flow``): mail that reaches the organization through moto's SES runs
    through ``run_email_flow`` with this handler; ``results`` collects what happened."""

    def __init__(
        self,
        organization_id: str,
        handler: Callable[[dict[str, Any], Any], Any],
        synchronous: bool,
        fallback_action: str,
        account_id: str,
        region: str,
    ) -> None:
        self.organization_id = organization_id
        self.handler = handler
        self.synchronous = synchronous
        self.fallback_action = fallback_action
        self.account_id = account_id
        self.region = region
        self.results: list[EmailFlowResult] = []

    def __call__(
        self, account_id: str, region: str, organization_id: str, content: bytes,
        recipients: list[str],
    ) -> bool:
        if (account_id, region, organization_id) != (
            self.account_id, self.region, self.organization_id
        ):
            return False
        self.results.append(run_email_flow(
            self.handler, organization_id, content, "INBOUND", self.synchronous,
            recipients=recipients, fallback_action=self.fallback_action,
            account_id=account_id, region=region,
        ))
        return True

    def __enter__(self) -> EmailFlowRule:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.remove()

    def remove(self) -> None:
        from workmail_mock.operations.mail import inbound_flow, install_inbound_flow

        if inbound_flow() is self:
            install_inbound_flow(None)


def register_email_flow(
    organization_id: str,
    handler: Callable[[dict[str, Any], Any], Any],
    *,
    synchronous: bool = True,
    fallback_action: str = "DEFAULT",
    account_id: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
) -> EmailFlowRule:
    """Send the organization's inbound mail from moto's SES through ``handler`` (one rule
    at a time; it replaces an earlier one). Use it as a context manager, or call
    ``remove()``. In-process only: the rule lives in the test's process, which is also the
    server's with ``ThreadedMotoServer``."""
    from workmail_mock.operations.mail import install_inbound_flow

    if fallback_action not in ACTIONS:
        raise ValueError(f"fallback_action must be one of {', '.join(ACTIONS)}")
    rule = EmailFlowRule(
        organization_id, handler, synchronous, fallback_action, account_id, region
    )
    install_inbound_flow(rule)
    return rule
