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
from workmail_mock.backend.domains import MailDomain, check_domain_free, check_domain_name
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
_DIRECTORY_TYPES = {
    "SimpleAD": "SimpleAD",
    "ADConnector": "ADConnector",
    "MicrosoftAD": "MicrosoftAD",
}


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
    #: The progression a Describe/List read saw last (see ``observe``).
    read_before: ManagedState | None = None
    domains: OrderedStore[MailDomain] = dataclasses.field(default_factory=OrderedStore)
    entities: EntityRegistry = dataclasses.field(default_factory=EntityRegistry)

    @property
    def organization_id(self) -> str:
        return self.id

    @property
    def state(self) -> str:
        """The state now; reading it lets a time-based progression move on."""
        lifecycle = self.lifecycle.status
        if lifecycle == "Active" and self.active_since is None:
            self.active_since = utcnow()
        if self.deletion is not None:
            return self.deletion.status or "Deleted"
        return lifecycle or "Active"

    @property
    def completed_date(self) -> datetime | None:
        """When the organization became Active."""
        return self.active_since

    def observe(self) -> str:
        """The state one read (Describe/List) reports.

        A read counts towards a manual progression only once the next read starts, so the
        state stays put between reads: with ``times`` 1, successive reads show Requested,
        Creating, Active, and the operations in between see the state last reported.
        """
        machine = self.deletion or self.lifecycle
        if self.read_before is machine:
            machine.advance()
        self.read_before = machine
        return self.state

    def description(self) -> dict[str, Any]:
        """DescribeOrganization's answer, with the state of this read."""
        state = self.observe()
        return {
            "OrganizationId": self.id,
            "Alias": self.alias,
            "State": state,
            "DirectoryId": self.directory_id,
            "DirectoryType": self.directory_type,
            "DefaultMailDomain": self.default_mail_domain,
            "CompletedDate": self.completed_date,
            "ARN": self.arn,
            "InteroperabilityEnabled": self.interoperability_enabled,
        }

    def summary(self) -> dict[str, Any]:
        """ListOrganizations' entry, with the state of this read."""
        return {
            "OrganizationId": self.id,
            "Alias": self.alias,
            "DefaultMailDomain": self.default_mail_domain,
            "State": self.observe(),
        }


def _directory_backend(account_id: str, region: str) -> Any:
    from moto.ds.models import ds_backends

    return ds_backends[account_id][region]


def _kms_backend(account_id: str, region: str) -> Any:
    """moto's KMS backend of the account and region, or None when KMS was never used there."""
    module = sys.modules.get("moto.kms.models")
    if module is None:
        return None
    accounts = module.kms_backends
    if account_id not in accounts.keys() or region not in accounts[account_id].keys():
        return None
    return accounts[account_id][region]


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
            directory_id, directory_type = ids.directory_id(), WORKMAIL_DIRECTORY_TYPE
            external = False
        if kms_key_arn is not None:
            self._check_kms_key(kms_key_arn)
        names = [d["DomainName"] for d in domains]
        for name in names:
            check_domain_name(name)
            check_domain_free(self.organizations, name, None)
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
        org.state  # noqa: B018 - settles an immediate progression now, not on a later read
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
        return str(_DIRECTORY_TYPES.get(directory.directory_type, directory.directory_type))

    def _check_kms_key(self, kms_key_arn: str) -> None:
        """A key ARN (``key/ID``) or alias ARN (``alias/NAME``) of moto's KMS.

        Checked only where moto's KMS holds keys of the account and region: without them
        the test did not use KMS, and any well-formed ARN is accepted. A guess: WorkMail
        needs an enabled symmetric key in its own region, as other services using KMS do.
        """
        keys = _kms_backend(self.account_id, self.region_name)
        if keys is None or not keys.keys:
            return
        parts = kms_key_arn.split(":", 5)
        region, account, resource = parts[3], parts[4], parts[5] if len(parts) > 5 else ""
        key = None
        if region == self.region_name and account == self.account_id:
            kind, _, name = resource.partition("/")
            if kind == "key":
                key = keys.keys.get(name)
            elif kind == "alias":
                key_id = next(
                    (k.id for k in keys.keys.values() if resource in k.aliases), None
                )
                key = keys.keys.get(key_id) if key_id else None
        if key is None:
            raise InvalidParameterException(
                f"KmsKeyArn {kms_key_arn} names no KMS key of account {self.account_id} in "
                f"{self.region_name}"
            )
        if getattr(key, "key_state", "Enabled") != "Enabled":
            raise InvalidParameterException(
                f"KMS key {kms_key_arn} is {key.key_state}; WorkMail needs an enabled key"
            )

    def describe_organization(self, organization_id: str) -> dict[str, Any]:
        return self._organization(organization_id, active=False).description()

    def list_organizations(
        self, next_token: str | None = None, max_results: int | None = None
    ) -> dict[str, Any]:
        page, token = self.organizations.page(page_size(max_results), next_token)
        return {"OrganizationSummaries": [org.summary() for org in page], "NextToken": token}

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
            lambda: self._delete_organization(
                organization_id, delete_directory, bool(force_delete)
            ),
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
            directories = _directory_backend(self.account_id, self.region_name)
            if org.directory_id in directories.directories:
                directories.delete_directory(org.directory_id)
        org.deletion = _Deletion()
        org.state  # noqa: B018 - settles an immediate progression now, not on a later read
        # The answer reports the state at request time; reads then progress to Deleted.
        return {"OrganizationId": organization_id, "State": "Deleting"}
