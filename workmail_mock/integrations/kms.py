"""moto's KMS: the key that encrypts an organization's mail."""

from __future__ import annotations

import dataclasses

from workmail_mock.integrations import backend_in_use


@dataclasses.dataclass(frozen=True)
class KeyCheck:
    """What moto's KMS says of a key ARN: ``known`` False when it names no key; ``arn``
    the key's own ARN (an alias ARN resolved), as S3 reports an object's SSEKMSKeyId."""

    known: bool
    state: str = "Enabled"
    arn: str | None = None


def check_key(account_id: str, region: str, key_arn: str) -> KeyCheck | None:
    """A key ARN (``key/ID``) or alias ARN (``alias/NAME``) of moto's KMS, or None when
    KMS holds no keys in the account and region (KMS not in use: accepted as given)."""
    keys = backend_in_use("moto.kms.models", "kms_backends", account_id, region)
    if keys is None or not keys.keys:
        return None
    parts = key_arn.split(":", 5)
    arn_region, arn_account = parts[3], parts[4]
    resource = parts[5] if len(parts) > 5 else ""
    key = None
    if arn_region == region and arn_account == account_id:
        kind, _, name = resource.partition("/")
        if kind == "key":
            key = keys.keys.get(name)
        elif kind == "alias":
            key_id = next((k.id for k in keys.keys.values() if resource in k.aliases), None)
            key = keys.keys.get(key_id) if key_id else None
    if key is None:
        return KeyCheck(known=False)
    return KeyCheck(
        known=True, state=str(getattr(key, "key_state", "Enabled")), arn=str(key.arn)
    )
