"""Organizations: create (own or Directory Service directory), describe, list, delete."""

from __future__ import annotations

import dataclasses
import sys
from datetime import datetime
from typing import Any

from moto.core.utils import utcnow
from moto.moto_api import state_manager
from moto.moto_api._internal.managed_state_model import ManagedState

from workmail_mock.backend import ids
from workmail_mock.backend.base import BackendState, page_size
from workmail_mock.backend.domains import MailDomain
from workmail_mock.backend.entities import EntityRegistry
from workmail_mock.backend.store import OrderedStore
from workmail_mock.exceptions import (
    DirectoryInUseException,
    DirectoryUnavailableException,
    InvalidParameterException,
    LimitExceededException,
    NameAvailabilityException,
    OrganizationStateException,
)
from workmail_mock.protocol.validator import fully_matches

#: State-manager model names; tests opt into realistic progressions with
#: ``state_manager.set_transition(ORGANIZATION_MODEL, {"progression": "manual", "times": 1})``.
ORGANIZATION_MODEL = "workmail::organization"
DELETION_MODEL = "workmail::organization-deletion"
state_manager.register_default_transition(ORGANIZATION_MODEL, {"progression": "immediate"})
state_manager.register_default_transition(DELETION_MODEL, {"progression": "immediate"})

#: DescribeOrganization's DirectoryType for an organization with its own directory, as
#: the AWS CLI example of describe-organization shows it (other values are undocumented).
WORKMAIL_DIRECTORY_TYPE = "VpcDirectory"
#: Directory Service types (moto ds names) -> the DirectoryType WorkMail reports.
_DIRECTORY_TYPES = {"SimpleAD": "SimpleAD", "ADConnector": "ADConnector", "MicrosoftAD": "MicrosoftAD"}


class _Lifecycle(ManagedState):
    def __init__(self) -> None:
        super().__init__(ORGANIZATION_MODEL, [("Requested", "Creating"), ("Creating", "Active")])


class _Deletion(ManagedState):
    def __init__(self) -> None:
        super().__init__(DELETION_MODEL, [("Deleting", "Deleted")])


@dataclasses.dataclass(eq=False)
class Organization:
    """A WorkMail organization and everything it holds."""

    id: str
    alias: str
    arn: str
    directory_id: str
    directory_type: str
    #: True when the directory belongs to moto's Directory Service backend.
    external_directory: bool
    default_mail_domain: str
    kms_key_arn: str | None = None
    interoperability_enabled: bool = False
    lifecycle: _Lifecycle = dataclasses.field(default_factory=_Lifecycle)
    deletion: _Deletion | None = None
    active_since: datetime | None = None
    domains: OrderedStore[MailDomain] = dataclasses.field(default_factory=OrderedStore)
    entities: EntityRegistry = dataclasses.field(default_factory=EntityRegistry)

    @property
    def organization_id(self) -> str:
        return self.id

    @property
    def state(self) -> str:
        status = (self.deletion or self.lifecycle).status
        return status or "Active"

    @property
    def completed_date(self) -> datetime | None:
        """When the organization became Active."""
        if self.active_since is None and self.lifecycle.status == "Active":
            self.active_since = utcnow()
        return self.active_since

    def advance(self) -> None:
        """One read of the organization: moves a manual progression along."""
        (self.deletion or self.lifecycle).advance()


def _directory_backend(account_id: str, region: str) -> Any:
    from moto.ds.models import ds_backends

    return ds_backends[account_id][region]


def _kms_keys(account_id: str, region: str) -> Any:
    """moto's KMS keys of the account and region, or None when KMS was never used."""
    module = sys.modules.get("moto.kms.models")
    if module is None:
        return None
    accounts = module.kms_backends
    if account_id not in accounts.keys() or region not in accounts[account_id].keys():
        return None
    return accounts[account_id][region].keys


class OrganizationsMixin(BackendState):
    """CreateOrganization, DescribeOrganization, ListOrganizations, DeleteOrganization."""

    def create_organization(
        self,
        alias: str,
        client_token: str | None = None,
        directory_id: str | None = None,
        domains: list[dict[str, str]] | None = None,
        kms_key_arn: str | None = None,
        enable_interoperability: bool | None = None,
    ) -> dict[str, str]:
        domain_key = tuple((d.get("DomainName"), d.get("HostedZoneId")) for d in domains or [])
        parameters = (alias, directory_id, domain_key, kms_key_arn, bool(enable_interoperability))
        return self._idempotent(
            "CreateOrganization",
            client_token,
            parameters,
            lambda: self._create_organization(
                alias, directory_id, domains or [], kms_key_arn, bool(enable_interoperability)
            ),
        )

    def _create_organization(
        self,
        alias: str,
        directory_id: str | None,
        domains: list[dict[str, str]],
        kms_key_arn: str | None,
        interoperability: bool,
    ) -> dict[str, str]:
        # The front end matches the pattern as a prefix; the alias becomes the DNS label of
        # ALIAS.awsapps.com, so the service needs all of it to match (our reading).
        if not fully_matches("CreateOrganization", "Alias", alias):
            raise InvalidParameterException(
                f"Alias {alias!r} is not valid: use letters, digits and single hyphens, "
                "not starting with 'd-'"
            )
        active = [o for o in self.organizations if o.state not in ("Deleting", "Deleted")]
        if len(active) >= self.quotas.organizations_per_region:
            raise LimitExceededException(
                f"Account {self.account_id} already has {len(active)} organizations in "
                f"{self.region_name}; the quota is {self.quotas.organizations_per_region}"
            )
        self._check_alias_available(alias)
        if directory_id is not None:
            directory_type = self._check_directory(alias, directory_id, interoperability)
            external = True
        else:
            if interoperability:
                raise InvalidParameterException(
                    "EnableInteroperability can only be true with the DirectoryId of an "
                    "AD Connector directory"
                )
            directory_id, directory_type, external = ids.directory_id(), WORKMAIL_DIRECTORY_TYPE, False
        if kms_key_arn is not None:
            self._check_kms_key(kms_key_arn)
        names = [d["DomainName"] for d in domains]
        for name in names:
            self._check_domain_free(name, None)
        if len(set(n.lower() for n in names)) != len(names):
            raise InvalidParameterException(f"Domains lists a domain twice: {names}")

        org_id = ids.organization_id()
        test_domain = f"{alias}.awsapps.com"
        org = Organization(
            id=org_id,
            alias=alias,
            arn=f"arn:aws:workmail:{self.region_name}:{self.account_id}:organization/{org_id}",
            directory_id=directory_id,
            directory_type=directory_type,
            external_directory=external,
            default_mail_domain=test_domain,
            kms_key_arn=kms_key_arn,
            interoperability_enabled=interoperability,
        )
        org.domains.add(test_domain.lower(), MailDomain.test_domain(test_domain))
        for domain in domains:
            name = domain["DomainName"]
            org.domains.add(
                name.lower(), MailDomain.custom(name, self.region_name, domain.get("HostedZoneId"))
            )
        self.organizations.add(org_id, org)
        return {"OrganizationId": org_id}

    def _check_alias_available(self, alias: str) -> None:
        from workmail_mock.models import workmail_backends

        wanted = alias.lower()
        for _account, _region, backend in workmail_backends.iter_backends():
            for org in backend.organizations:  # type: ignore[attr-defined]
                if org.alias.lower() == wanted and org.state not in ("Deleting", "Deleted"):
                    raise NameAvailabilityException(
                        f"The alias {alias} is already in use by organization {org.id} "
                        "(aliases are unique across all of WorkMail)"
                    )

    def _check_directory(self, alias: str, directory_id: str, interoperability: bool) -> str:
        directory = _directory_backend(self.account_id, self.region_name).directories.get(
            directory_id
        )
        if directory is None:
            raise DirectoryUnavailableException(
                f"Directory {directory_id} does not exist in account {self.account_id}, "
                f"region {self.region_name}"
            )
        if directory.stage != "Active":
            raise DirectoryUnavailableException(
                f"Directory {directory_id} is in stage {directory.stage}, not Active"
            )
        for org in self.organizations:
            if org.directory_id == directory_id and org.state not in ("Deleting", "Deleted"):
                raise DirectoryInUseException(
                    f"Directory {directory_id} is already used by organization {org.id}"
                )
        if directory.alias != alias:
            raise InvalidParameterException(
                f"Alias {alias} does not match the alias {directory.alias} of directory "
                f"{directory_id}"
            )
        if interoperability and directory.directory_type != "ADConnector":
            raise InvalidParameterException(
                f"EnableInteroperability needs an AD Connector directory; {directory_id} is "
                f"a {directory.directory_type} directory"
            )
        return _DIRECTORY_TYPES.get(directory.directory_type, directory.directory_type)

    def _check_kms_key(self, kms_key_arn: str) -> None:
        keys = _kms_keys(self.account_id, self.region_name)
        if not keys:
            return  # KMS unused in this test: accept any well-formed ARN
        key_id = kms_key_arn.rsplit("/", 1)[-1] if ":key/" in kms_key_arn else None
        if key_id is None or key_id not in keys:
            raise InvalidParameterException(
                f"KmsKeyArn {kms_key_arn} names no KMS key of account {self.account_id} in "
                f"{self.region_name}"
            )

    def describe_organization(self, organization_id: str) -> Organization:
        org = self._organization(organization_id, active=False)
        org.advance()
        return org

    def list_organizations(
        self, next_token: str | None = None, max_results: int | None = None
    ) -> dict[str, Any]:
        page, token = self.organizations.page(page_size(max_results), next_token)
        for org in page:
            org.advance()
        return {"OrganizationSummaries": page, "NextToken": token}

    def delete_organization(
        self,
        organization_id: str,
        delete_directory: bool,
        client_token: str | None = None,
        force_delete: bool | None = None,
        delete_identity_center_application: bool | None = None,
    ) -> dict[str, str]:
        parameters = (
            organization_id, delete_directory, bool(force_delete),
            bool(delete_identity_center_application),
        )
        return self._idempotent(
            "DeleteOrganization",
            client_token,
            parameters,
            lambda: self._delete_organization(organization_id, delete_directory, bool(force_delete)),
        )

    def _delete_organization(
        self, organization_id: str, delete_directory: bool, force_delete: bool
    ) -> dict[str, str]:
        org = self._organization(organization_id, active=False)
        state = org.state
        if state != "Active":
            raise OrganizationStateException(
                f"Organization {organization_id} is in state {state} and can't be deleted"
            )
        enabled = org.entities.enabled_users()
        if enabled and not force_delete:
            # A guess at the error: the reference only says ForceDelete "deletes an
            # organization even if the organization has enabled users".
            raise InvalidParameterException(
                f"Organization {organization_id} has {enabled} enabled users; deregister "
                "them first or set ForceDelete"
            )
        if delete_directory and org.external_directory:
            directories = _directory_backend(self.account_id, self.region_name).directories
            directories.pop(org.directory_id, None)
        org.deletion = _Deletion()
        # The answer reports the state at request time; reads then progress to Deleted.
        return {"OrganizationId": organization_id, "State": "Deleting"}
