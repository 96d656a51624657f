"""WorkMail's service quotas, per backend (account and region), adjustable in tests.

Defaults follow the WorkMail quotas page of the admin guide (see docs/aws-behaviour.md).
Server mode reads overrides from ``WORKMAIL_MOCK_QUOTA_<FIELD>`` environment variables,
e.g. ``WORKMAIL_MOCK_QUOTA_ORGANIZATIONS_PER_REGION=2``. In-process, change them on the
backend: ``workmail_mock.backend_for(account, region).quotas.organizations_per_region = 2``.
"""

from __future__ import annotations

import dataclasses
import os


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
            raw = os.environ.get(f"WORKMAIL_MOCK_QUOTA_{field.name.upper()}")
            if raw is not None and raw.strip().isdigit():
                setattr(quotas, field.name, int(raw))
        return quotas
