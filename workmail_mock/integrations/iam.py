"""moto's IAM: the roles WorkMail assumes (export jobs, email monitoring). IAM is global:
moto keeps one backend per account and partition (``aws``)."""

from __future__ import annotations

import sys

from workmail_mock.integrations import backend_in_use


def role_exists(account_id: str, role_arn: str) -> bool | None:
    """True or False when moto's IAM holds roles in the account; None when it holds none
    (IAM not in use: the role is accepted as given). A role of another account is not
    looked up (None)."""
    backend = backend_in_use("moto.iam.models", "iam_backends", account_id, "aws")
    if backend is None or not getattr(backend, "roles", None):
        return None
    if role_arn.split(":")[4:5] != [account_id]:
        return None
    try:
        backend.get_role_by_arn(role_arn)
    except Exception:  # moto's NotFoundException
        return False
    return True


def account_of_access_key(access_key: str) -> str | None:
    """The account moto's IAM/STS maps an access key to (an IAM user's key, or the keys of
    ``sts.assume_role``), or None when the test never used IAM or STS: then no key is
    mapped. The mapping is moto's module-level ``get_account_id_from``."""
    module = sys.modules.get("moto.iam.models")
    if module is None:
        return None
    return str(module.get_account_id_from(access_key))
