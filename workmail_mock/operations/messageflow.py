"""``workmailmessageflow``: the raw MIME of an in-transit (or recently delivered) message,
read and replaced by email flow Lambda functions (spec section 12)."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import InvalidContentLocation
from workmail_mock.integrations import s3
from workmail_mock.operations.registry import Call, Org, operation
from workmail_mock.state.messages import InTransitMessage, not_found, replace
from workmail_mock.state.region import RegionState


def find_message(region: RegionState, message_id: str) -> InTransitMessage:
    """A readable message of any organization of the account and region, or the 404."""
    for org in region.organizations:
        message = org.mail.readable(message_id)
        if message is not None:
            return message
    raise not_found(message_id)


@operation("GetRawMessageContent", org=Org.NONE)
def get_raw_message_content(call: Call, message_id: str) -> dict[str, Any]:
    return {"messageContent": find_message(call.region, message_id).content}


@operation("PutRawMessageContent", org=Org.NONE)
def put_raw_message_content(call: Call, message_id: str, content: dict[str, Any]) -> None:
    message = find_message(call.region, message_id)
    reference = content["s3Reference"]
    bucket, key = reference["bucket"], reference["key"]
    data = s3.read_object(
        call.account_id, call.region_name, bucket, key, reference.get("objectVersion")
    )
    if data is None:
        raise InvalidContentLocation(
            f"WorkMail could not read s3://{bucket}/{key}: the object does not exist in "
            f"account {call.account_id}, or its bucket is not in {call.region_name}"
        )
    replace(message, data)
