"""``workmailmessageflow`` (issue 10, part 2): GetRawMessageContent and
PutRawMessageContent, in-process and against the server, with every modelled error."""

from __future__ import annotations

import datetime
from typing import Any

import boto3
import pytest
from botocore.client import BaseClient
from botocore.config import Config

from tests.support import DOMAIN, REGION, raises
from workmail_mock.state import runtime
from workmail_mock.testing import put_in_transit_message

ORIGINAL = (
    f"From: sender@example.net\r\nTo: alice@{DOMAIN}\r\n"
    "Date: Mon, 01 Jan 2024 10:00:00 +0000\r\nMessage-ID: <m1@example.net>\r\n"
    "Subject: Hello\r\n\r\nOriginal body\r\n"
)
UPDATED = ORIGINAL.replace("Subject: Hello", "Subject: [EXTERNAL] Hello")
BUCKET = "flow-bucket"


def _not_found(message_id: str) -> str:
    return (
        f"Message {message_id} was not found: it does not exist, or it is older than 24 hours"
    )


@pytest.fixture
def s3(aws: Any) -> Any:
    client = aws("s3")
    client.create_bucket(Bucket=BUCKET)
    return client


@pytest.fixture
def message_id(org: str, endpoint: str | None) -> str:
    return put_in_transit_message(org, ORIGINAL, endpoint_url=endpoint)


def _put(messageflow: BaseClient, message_id: str, key: str = "new", **extra: Any) -> None:
    messageflow.put_raw_message_content(
        messageId=message_id, content={"s3Reference": {"bucket": BUCKET, "key": key, **extra}}
    )


def _read(messageflow: BaseClient, message_id: str) -> bytes:
    return bytes(messageflow.get_raw_message_content(messageId=message_id)["messageContent"].read())


def test_get_raw_message_content_returns_the_mime_bytes(
    messageflow: BaseClient, message_id: str
) -> None:
    response = messageflow.get_raw_message_content(messageId=message_id)
    assert response["messageContent"].read() == ORIGINAL.encode()
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_an_unknown_message_is_not_found_with_404(messageflow: BaseClient, org: str) -> None:
    with raises("ResourceNotFoundException", _not_found("no-such-message")) as info:
        messageflow.get_raw_message_content(messageId="no-such-message")
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_messages_can_be_read_for_24_hours_only(
    messageflow: BaseClient, message_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = runtime.current()
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start + datetime.timedelta(hours=23, minutes=59))
    assert _read(messageflow, message_id) == ORIGINAL.encode()
    monkeypatch.setattr(clock, "now", lambda: start + datetime.timedelta(hours=24))
    with raises("ResourceNotFoundException", _not_found(message_id)):
        messageflow.get_raw_message_content(messageId=message_id)
    with raises("ResourceNotFoundException", _not_found(message_id)):
        _put(messageflow, message_id)


def test_put_raw_message_content_replaces_the_message_from_s3(
    s3: Any, messageflow: BaseClient, message_id: str
) -> None:
    s3.put_object(Bucket=BUCKET, Key="new", Body=UPDATED.encode())
    response = messageflow.put_raw_message_content(
        messageId=message_id, content={"s3Reference": {"bucket": BUCKET, "key": "new"}}
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert _read(messageflow, message_id) == UPDATED.encode()


def test_put_reads_the_object_version_named(
    s3: Any, messageflow: BaseClient, message_id: str
) -> None:
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket=BUCKET, Key="new", Body=UPDATED.encode())["VersionId"]
    s3.put_object(Bucket=BUCKET, Key="new", Body=ORIGINAL.replace("Hello", "Other").encode())
    _put(messageflow, message_id, objectVersion=first)
    assert _read(messageflow, message_id) == UPDATED.encode()


def test_put_of_an_unknown_message_is_not_found(s3: Any, messageflow: BaseClient, org: str) -> None:
    s3.put_object(Bucket=BUCKET, Key="new", Body=UPDATED.encode())
    with raises("ResourceNotFoundException", _not_found("gone")):
        _put(messageflow, "gone")


@pytest.mark.parametrize("bucket, key", [("missing-bucket", "new"), (BUCKET, "missing-key")])
def test_a_missing_object_is_an_invalid_content_location(
    s3: Any, messageflow: BaseClient, message_id: str, bucket: str, key: str
) -> None:
    with raises(
        "InvalidContentLocation",
        f"WorkMail could not read s3://{bucket}/{key}: the object does not exist in account "
        f"123456789012, or its bucket is not in {REGION}",
    ):
        messageflow.put_raw_message_content(
            messageId=message_id, content={"s3Reference": {"bucket": bucket, "key": key}}
        )
    assert _read(messageflow, message_id) == ORIGINAL.encode()


def test_a_bucket_in_another_region_is_an_invalid_content_location(
    s3: Any, messageflow: BaseClient, message_id: str
) -> None:
    s3.create_bucket(
        Bucket="far-bucket", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    s3.put_object(Bucket="far-bucket", Key="new", Body=UPDATED.encode())
    with raises("InvalidContentLocation", f"WorkMail could not read s3://far-bucket/new: the "
                f"object does not exist in account 123456789012, or its bucket is not in {REGION}"):
        messageflow.put_raw_message_content(
            messageId=message_id, content={"s3Reference": {"bucket": "far-bucket", "key": "new"}}
        )


@pytest.mark.parametrize(
    "content, message",
    [
        (
            ORIGINAL.replace("Original body", "x" * 999),
            "Line 7 of the new content of message {id} is 1001 characters long with its CRLF; "
            "the limit is 1000",
        ),
        (
            ORIGINAL.replace("From: sender@example.net\r\n", ""),
            "The new content of message {id} lacks the required header From",
        ),
        (
            ORIGINAL.replace("Message-ID: <m1@example.net>", "Message-ID: <other@example.net>"),
            "The new content of message {id} changes the immutable header Message-ID",
        ),
        (
            ORIGINAL.replace("Subject: Hello", "Subject: Hello\r\nSubject: Again"),
            "The new content of message {id} has the header Subject more than once",
        ),
        (
            ORIGINAL.replace(
                "Subject: Hello\r\n",
                "Subject: Hello\r\nMIME-Version: 1.0\r\n"
                "Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n",
            ),
            "The new content of message {id} is not well-formed MIME: "
            "StartBoundaryNotFoundDefect, MultipartInvariantViolationDefect",
        ),
    ],
    ids=["long-line", "missing-from", "changed-message-id", "subject-twice", "broken-mime"],
)
def test_invalid_mime_is_rejected(
    s3: Any, messageflow: BaseClient, message_id: str, content: str, message: str
) -> None:
    s3.put_object(Bucket=BUCKET, Key="bad", Body=content.encode())
    with raises("MessageRejected", message.format(id=message_id)):
        _put(messageflow, message_id, key="bad")
    assert _read(messageflow, message_id) == ORIGINAL.encode()


def test_a_redirected_message_is_frozen(
    s3: Any, messageflow: BaseClient, org: str, endpoint: str | None
) -> None:
    frozen = put_in_transit_message(org, ORIGINAL, frozen=True, endpoint_url=endpoint)
    s3.put_object(Bucket=BUCKET, Key="new", Body=UPDATED.encode())
    with raises("MessageFrozen", f"Message {frozen} can't be updated: it was redirected"):
        _put(messageflow, frozen)


def test_the_model_constraints_are_validated(
    mode: str, messageflow: BaseClient, message_id: str
) -> None:
    unchecked = boto3.client(  # botocore's own validation off: the mock must validate
        "workmailmessageflow", region_name=REGION, config=Config(parameter_validation=False),
        endpoint_url=messageflow.meta.endpoint_url if mode == "server" else None,
        aws_access_key_id="testing", aws_secret_access_key="testing",
    )
    with raises(
        "ValidationException",
        "1 validation error detected: Value 'b' at 'content.s3Reference.bucket' failed to "
        "satisfy constraint: Member must have length greater than or equal to 3",
    ):
        unchecked.put_raw_message_content(
            messageId=message_id, content={"s3Reference": {"bucket": "b", "key": "k"}}
        )
    with raises(
        "ValidationException",
        "1 validation error detected: Value null at 'content' failed to satisfy constraint: "
        "Member must not be null",
    ):
        unchecked.put_raw_message_content(messageId=message_id)
