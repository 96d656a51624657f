"""state.messages: PutRawMessageContent's MIME checks and mailbox bookkeeping."""

from __future__ import annotations

import pytest

from workmail_mock.errors import MessageFrozen, MessageRejected
from workmail_mock.state.messages import Mail, check_replacement, replace

HEAD = "From: a@example.net\r\nDate: Mon, 01 Jan 2024 10:00:00 +0000\r\nSubject: s\r\n\r\n"


def test_a_line_of_exactly_1000_characters_with_its_crlf_is_accepted() -> None:
    check_replacement(HEAD.encode(), (HEAD + "x" * 998 + "\r\n").encode(), "m")
    with pytest.raises(MessageRejected):
        check_replacement(HEAD.encode(), (HEAD + "x" * 999 + "\r\n").encode(), "m")


def test_a_bare_lf_line_counts_as_if_it_ended_in_crlf() -> None:
    check_replacement(HEAD.encode(), (HEAD + "x" * 998 + "\n").encode(), "m")
    with pytest.raises(MessageRejected):
        check_replacement(HEAD.encode(), (HEAD + "x" * 999 + "\n").encode(), "m")


def test_an_immutable_header_the_original_lacks_may_be_added() -> None:
    new = HEAD.replace("Subject: s", "Subject: s\r\nMessage-ID: <new@example.net>")
    check_replacement(HEAD.encode(), new.encode(), "m")


def test_the_date_is_required_and_immutable() -> None:
    with pytest.raises(MessageRejected, match="lacks the required header Date"):
        check_replacement(HEAD.encode(), HEAD.replace(
            "Date: Mon, 01 Jan 2024 10:00:00 +0000\r\n", "").encode(), "m")
    with pytest.raises(MessageRejected, match="changes the immutable header Date"):
        check_replacement(HEAD.encode(), HEAD.replace("10:00", "11:00").encode(), "m")


def test_a_frozen_message_is_not_replaced() -> None:
    mail = Mail()
    message = mail.add_in_transit("m-org", HEAD.encode(), frozen=True)
    with pytest.raises(MessageFrozen):
        replace(message, HEAD.replace("Subject: s", "Subject: t").encode())
    assert message.content == HEAD.encode()


def test_mailbox_bytes_add_up_and_go_with_the_entity() -> None:
    mail = Mail()
    mail.deliver("u-1", b"12345")
    mail.deliver("u-1", b"678", folder="Junk Email")
    assert mail.mailbox_bytes("u-1") == 8
    assert [m.folder for m in mail.mailbox("u-1")] == ["Inbox", "Junk Email"]

    class _Entity:
        id = "u-1"

    mail.forget(_Entity())  # type: ignore[arg-type]
    assert mail.mailbox("u-1") == []
