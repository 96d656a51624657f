"""Who is asking, and where: the account and region of a request, as moto decides them.

``headers`` is any mapping answering lower-case names (botocore's headers are
case-insensitive; the server adapter lower-cases werkzeug's).
"""

from __future__ import annotations

import os
import re
from typing import Any

from workmail_mock.errors import UnrecognizedClientException
from workmail_mock.integrations import iam

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"

_HOST_REGION = re.compile(r"^https?://workmail\.([a-z0-9-]+)\.amazonaws\.com")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def credential_scope(authorization: str | None) -> tuple[str, str, str] | None:
    """(access key, region, service) from a SigV4 Authorization header, or None."""
    if not authorization:
        return None
    start = authorization.find("Credential=")
    if start < 0:
        return None
    end = authorization.find(",", start)
    parts = authorization[start + 11 : end if end >= 0 else None].strip().split("/")
    if len(parts) != 5:
        return None
    return parts[0], parts[2], parts[3]


def region_of(headers: Any, url: str) -> str:
    """The signing region; else the one in a ``workmail.REGION.amazonaws.com`` host."""
    scope = credential_scope(_text(headers.get("authorization")))
    if scope is not None:
        return scope[1]
    match = _HOST_REGION.match(url)
    return match.group(1) if match else DEFAULT_REGION


def check_account(account: str) -> None:
    """An account id is 12 ASCII digits; anything else (an empty or path-like
    ``x-moto-account-id``, say) would silently become an account of its own."""
    if len(account) != 12 or not account.isascii() or not account.isdigit():
        raise UnrecognizedClientException(
            f"The account id {account[:40]!r} is not valid: an AWS account id is 12 digits"
        )


def account_of(headers: Any) -> str:
    """``MOTO_ACCOUNT_ID``, then the ``x-moto-account-id`` header, then the account moto's
    IAM/STS maps the access key to, then 123456789012."""
    env = os.environ.get("MOTO_ACCOUNT_ID")
    if env:
        return env
    header = _text(headers.get("x-moto-account-id"))
    if header:
        return header
    scope = credential_scope(_text(headers.get("authorization")))
    if scope is not None:
        mapped = iam.account_of_access_key(scope[0])
        if mapped is not None:
            return mapped
    return DEFAULT_ACCOUNT_ID
