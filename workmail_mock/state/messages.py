"""Mail inside an organization: in-transit messages (what ``workmailmessageflow`` serves
by ``messageId``) and the messages each mailbox received.

No API of WorkMail creates either: they come in through ``workmail_mock.testing`` (the
email flow harness, ``deliver``) and through SES under ``mock_aws``. Messages can be read
for 24 hours after they are sent or received (admin guide, "Retrieving message content
with AWS Lambda"); afterwards ``workmailmessageflow`` answers ResourceNotFoundException.
"""

from __future__ import annotations

import dataclasses
import datetime
import email
import email.policy
from email.message import EmailMessage

from workmail_mock.errors import MessageFrozen, MessageNotFound, MessageRejected
from workmail_mock.state import runtime
from workmail_mock.state.entities import Entity

READABLE_FOR = datetime.timedelta(hours=24)
MAX_LINE = 1000  # characters, CRLF included (the model's RawMessageContent documentation)
#: A guess at "required headers": the two RFC 5322 requires of every message.
REQUIRED_HEADERS = ("From", "Date")
#: A guess at "immutable headers": the ones identifying the message in transit.
IMMUTABLE_HEADERS = ("Message-ID", "Date", "From")
#: RFC 5322's headers that may appear at most once.
UNIQUE_HEADERS = (
    "Date", "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Message-ID", "In-Reply-To",
    "References", "Subject",
)


def parse(content: bytes) -> EmailMessage:
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


@dataclasses.dataclass(eq=False)
class InTransitMessage:
    message_id: str
    organization_id: str
    content: bytes
    created: datetime.datetime
    #: A redirected message can't be updated (MessageFrozen).
    frozen: bool = False

    def readable(self, now: datetime.datetime) -> bool:
        return now - self.created < READABLE_FOR


@dataclasses.dataclass(frozen=True)
class Received:
    """One message in a mailbox."""

    content: bytes
    received: datetime.datetime
    folder: str = "Inbox"

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def subject(self) -> str | None:
        value = parse(self.content).get("Subject")
        return None if value is None else str(value)


class Mail:
    """An organization's in-transit messages and mailbox contents (a part in
    ``Organization.holders``: a deleted entity's mailbox goes with it)."""

    def __init__(self) -> None:
        self.in_transit: dict[str, InTransitMessage] = {}
        self.mailboxes: dict[str, list[Received]] = {}

    def forget(self, entity: Entity) -> None:
        self.mailboxes.pop(entity.id, None)

    # --- in transit ---------------------------------------------------------------------

    def add_in_transit(
        self, organization_id: str, content: bytes, frozen: bool = False
    ) -> InTransitMessage:
        clock = runtime.current()
        message = InTransitMessage(
            clock.uuid4(), organization_id, bytes(content), clock.now(), frozen
        )
        self.in_transit[message.message_id] = message
        return message

    def readable(self, message_id: str) -> InTransitMessage | None:
        message = self.in_transit.get(message_id)
        if message is None or not message.readable(runtime.current().now()):
            return None
        return message

    # --- mailboxes ----------------------------------------------------------------------

    def deliver(self, entity_id: str, content: bytes, folder: str = "Inbox") -> Received:
        item = Received(bytes(content), runtime.current().now(), folder)
        self.mailboxes.setdefault(entity_id, []).append(item)
        return item

    def mailbox(self, entity_id: str) -> list[Received]:
        return list(self.mailboxes.get(entity_id, []))

    def mailbox_bytes(self, entity_id: str) -> int:
        return sum(item.size for item in self.mailboxes.get(entity_id, []))


def not_found(message_id: str) -> MessageNotFound:
    return MessageNotFound(
        f"Message {message_id} was not found: it does not exist, or it is older than "
        "24 hours"
    )


def check_replacement(original: bytes, replacement: bytes, message_id: str) -> None:
    """PutRawMessageContent's checks of new MIME content (the model's documentation of
    ``RawMessageContent``): every line at most 1,000 characters with its CRLF, the
    required headers present, unique headers once, immutable headers unchanged,
    well-formed MIME parts."""
    for number, line in enumerate(replacement.split(b"\n"), 1):
        length = len(line) + (1 if line.endswith(b"\r") else 2)
        if length > MAX_LINE:
            raise MessageRejected(
                f"Line {number} of the new content of message {message_id} is {length} "
                f"characters long with its CRLF; the limit is {MAX_LINE}"
            )
    new = parse(replacement)
    if new.defects or any(part.defects for part in new.walk()):
        defects = [type(d).__name__ for part in new.walk() for d in part.defects]
        raise MessageRejected(
            f"The new content of message {message_id} is not well-formed MIME: "
            + ", ".join(defects)
        )
    for name in REQUIRED_HEADERS:
        if new.get(name) is None:
            raise MessageRejected(
                f"The new content of message {message_id} lacks the required header {name}"
            )
    for name in UNIQUE_HEADERS:
        if len(new.get_all(name) or []) > 1:
            raise MessageRejected(
                f"The new content of message {message_id} has the header {name} more than once"
            )
    old = parse(original)
    for name in IMMUTABLE_HEADERS:
        before, after = old.get(name), new.get(name)
        if before is not None and str(before) != str(after):
            raise MessageRejected(
                f"The new content of message {message_id} changes the immutable header {name}"
            )


def replace(message: InTransitMessage, content: bytes) -> None:
    if message.frozen:
        raise MessageFrozen(
            f"Message {message.message_id} can't be updated: it was redirected"
        )
    check_replacement(message.content, content, message.message_id)
    message.content = bytes(content)
