"""moto's IAM Identity Center (sso-admin): the instance an Identity Center application
belongs to."""

from __future__ import annotations

from workmail_mock.integrations import backend_in_use


def instance_exists(account_id: str, region: str, instance_arn: str) -> bool | None:
    """True or False when moto's sso-admin backend is in use in the account and region
    (it holds its instance from the first call); None when it is not."""
    backend = backend_in_use("moto.ssoadmin.models", "ssoadmin_backends", account_id, region)
    instances = getattr(backend, "instances", None) if backend is not None else None
    if not instances:
        return None
    return any(getattr(i, "instance_arn", None) == instance_arn for i in instances)
