"""moto's S3: the bucket a mailbox export job writes its ``.zip`` into.

S3 is global: moto keeps one S3 backend per account (keyed by the partition, ``aws``),
so "in use" here means the account's S3 backend holds a bucket (section 0 of the spec:
S3 is checked per account, not per region).
"""

from __future__ import annotations

from typing import Any

from workmail_mock.integrations import backend_in_use

_PARTITION = "aws"


def _backend(account_id: str) -> Any:
    backend = backend_in_use("moto.s3.models", "s3_backends", account_id, _PARTITION)
    if backend is None or not getattr(backend, "buckets", None):
        return None
    return backend


def in_use(account_id: str) -> bool:
    """Whether moto's S3 holds any bucket of the account."""
    return _backend(account_id) is not None


def bucket_exists(account_id: str, bucket: str) -> bool | None:
    """True or False when S3 is in use for the account; None when it is not."""
    backend = _backend(account_id)
    if backend is None:
        return None
    return bucket in backend.buckets


def put_encrypted(account_id: str, bucket: str, key: str, body: bytes, kms_key_arn: str) -> bool:
    """Write an object with SSE-KMS by ``kms_key_arn`` through moto's S3 backend API;
    False when the bucket is not there (or S3 is not in use)."""
    backend = _backend(account_id)
    if backend is None or bucket not in backend.buckets:
        return False
    backend.put_object(
        bucket, key, body, encryption="aws:kms", kms_key_id=kms_key_arn
    )
    return True


def read_object(
    account_id: str, region: str, bucket: str, key: str, version: str | None = None
) -> bytes | None:
    """The bytes of an object of the account's bucket in ``region``, or None when WorkMail
    could not read it: no such bucket, key or version in this account, or the bucket is
    in another region (PutRawMessageContent's InvalidContentLocation)."""
    backend = _backend(account_id)
    if backend is None:
        return None
    found = backend.buckets.get(bucket)
    if found is None or getattr(found, "region_name", region) != region:
        return None
    try:
        obj = backend.get_object(bucket, key, version_id=version)
    except Exception:  # moto raises its own errors for a bad version id
        return None
    if obj is None or getattr(obj, "is_delete_marker", False):
        return None
    return bytes(obj.value)
