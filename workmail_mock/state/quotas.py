"""WorkMail's service quotas, per backend (account and region), adjustable in tests.

Defaults follow the WorkMail quotas page of the admin guide (see docs/aws-behaviour.md).
Server mode reads overrides from ``WORKMAIL_MOCK_QUOTA_<FIELD>`` environment variables,
e.g. ``WORKMAIL_MOCK_QUOTA_ORGANIZATIONS_PER_REGION=2``. In-process, change them on the
backend: ``workmail_mock.backend_for(account, region).quotas.organizations_per_region = 2``.

A value that is not a whole number of ASCII digits (``2.5``, ``-1``, ``²``) is an
``InvalidQuotaSetting``, raised when the environment is read: ``import workmail_mock``
(and so ``python -m workmail_mock``) reads it once at start and fails with its message.
"""

from __future__ import annotations

import dataclasses
import os
import re

_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


class InvalidQuotaSetting(ValueError):
    """A ``WORKMAIL_MOCK_QUOTA_*`` environment variable holds no valid quota."""


@dataclasses.dataclass
class Quotas:
    organizations_per_region: int = 100
    mail_domains_per_organization: int = 100
    aliases_per_entity: int = 100
    #: Admin guide (mail-export): 10 concurrent export jobs per organization.
    concurrent_mailbox_export_jobs: int = 10
    #: A guess: AWS documents no number of availability configurations.
    availability_configurations_per_organization: int = 100
    #: Tags per organization (model doc of TagResource).
    tags_per_resource: int = 50
    #: The next four are guesses from the model's list maxima (docs/aws-behaviour.md).
    access_control_rules_per_organization: int = 10
    mobile_device_access_rules_per_organization: int = 10
    impersonation_roles_per_organization: int = 20
    rules_per_impersonation_role: int = 10

    @classmethod
    def from_environment(cls) -> Quotas:
        quotas = cls()
        for field in dataclasses.fields(cls):
            name = f"WORKMAIL_MOCK_QUOTA_{field.name.upper()}"
            raw = os.environ.get(name)
            if raw is None:
                continue
            if _WHOLE_NUMBER.fullmatch(raw.strip()) is None:
                raise InvalidQuotaSetting(
                    f"{name}={raw[:40]!r} is not valid: a quota is a whole number of ASCII "
                    "digits (0 to 999999999)"
                )
            setattr(quotas, field.name, int(raw.strip()))
        return quotas
