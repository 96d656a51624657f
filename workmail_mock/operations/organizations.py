"""Organizations: create (own or Directory Service directory), describe, list, delete."""

from __future__ import annotations

from typing import Any

from workmail_mock import spec
from workmail_mock.errors import (
    DirectoryInUseException,
    DirectoryUnavailableException,
    InvalidParameterException,
    LimitExceededException,
    NameAvailabilityException,
    OrganizationStateException,
)
from workmail_mock.integrations import directory_service, kms, ses
from workmail_mock.operations.registry import Call, Org, operation, page_size
from workmail_mock.state import ids
from workmail_mock.state.domains import MailDomain, check_domain_name
from workmail_mock.state.kinds import OrganizationState
from workmail_mock.state.organization import GONE, WORKMAIL_DIRECTORY_TYPE, Organization


@operation("CreateOrganization", org=Org.NONE)
def create_organization(
    call: Call,
    alias: str,
    directory_id: str | None = None,
    domains: list[dict[str, str]] | None = None,
    kms_key_arn: str | None = None,
    enable_interoperability: bool | None = None,
) -> dict[str, str]:
    region = call.region
    interoperability = bool(enable_interoperability)
    # The front end matches the pattern in part; the alias becomes the DNS label of
    # ALIAS.awsapps.com, so the service needs all of it to match (our reading).
    if not spec.fully_matches("CreateOrganization", "Alias", alias):
        raise InvalidParameterException(
            f"Alias {alias!r} is not valid: use letters, digits and single hyphens, "
            "not starting with 'd-'"
        )
    live = region.live_organizations()
    if live >= region.quotas.organizations_per_region:
        raise LimitExceededException(
            f"Account {call.account_id} already has {live} organizations in "
            f"{call.region_name}; the quota is {region.quotas.organizations_per_region}"
        )
    holder = region.aliases.holder(alias)
    if holder is not None:
        raise NameAvailabilityException(
            f"The alias {alias} is already in use by organization {holder.id} "
            "(aliases are unique across all of WorkMail)"
        )
    if directory_id is not None:
        directory_type = _check_directory(call, alias, directory_id, interoperability)
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
        _check_kms_key(call, kms_key_arn)
    names = [d["DomainName"] for d in domains or []]
    for name in names:
        check_domain_name(name)
        other = region.domain_holder(name, None)
        if other is not None:
            # CreateOrganization's model error list has no MailDomainInUseException; the
            # closest listed error is InvalidParameterException (docs/aws-behaviour.md 7).
            raise InvalidParameterException(
                f"Domain {name} is already registered to organization {other.id}"
            )
    if len({n.lower() for n in names}) != len(names):
        raise InvalidParameterException(f"Domains lists a domain twice: {names}")

    org_id = ids.organization_id()
    test_domain = f"{alias}.awsapps.com"
    org = Organization(
        id=org_id,
        alias=alias,
        arn=f"arn:aws:workmail:{call.region_name}:{call.account_id}:organization/{org_id}",
        directory_id=directory_id,
        directory_type=directory_type,
        external_directory=external,
        default_mail_domain=test_domain,
        kms_key_arn=kms_key_arn,
        interoperability_enabled=interoperability,
    )
    org.domains.add(test_domain.lower(), MailDomain.test_domain(test_domain))
    for domain in domains or []:
        name = domain["DomainName"]
        org.domains.add(
            name.lower(), MailDomain.custom(name, call.region_name, domain.get("HostedZoneId"))
        )
    region.add(org)
    # "registers ... in WorkMail and SES": the test domain and the given domains become
    # SES identities of the same account and region (integrations/ses.py).
    for domain_name in [test_domain, *names]:
        ses.register_identity(call.account_id, call.region_name, domain_name)
    return {"OrganizationId": org_id}


def _check_directory(call: Call, alias: str, directory_id: str, interoperability: bool) -> str:
    """The DirectoryType of a Directory Service directory the organization may use."""
    directory = directory_service.find(call.account_id, call.region_name, directory_id)
    if directory is None:
        raise DirectoryUnavailableException(
            f"Directory {directory_id} does not exist in account {call.account_id}, "
            f"region {call.region_name}"
        )
    if directory.stage != "Active":
        raise DirectoryUnavailableException(
            f"Directory {directory_id} is in stage {directory.stage}, not Active"
        )
    for org in call.region.organizations:
        if org.directory_id == directory_id and org.state not in GONE:
            raise DirectoryInUseException(
                f"Directory {directory_id} is already used by organization {org.id}"
            )
    if directory.alias != alias:
        raise InvalidParameterException(
            f"Alias {alias} does not match the alias {directory.alias} of directory "
            f"{directory_id}"
        )
    if interoperability and not directory.is_ad_connector:
        raise InvalidParameterException(
            f"EnableInteroperability needs an AD Connector directory; {directory_id} is "
            f"a {directory.workmail_type} directory"
        )
    return directory.workmail_type


def _check_kms_key(call: Call, kms_key_arn: str) -> None:
    """A guess: WorkMail needs an enabled key of moto's KMS in its own account and region,
    as other services using KMS do; without KMS in use any well-formed ARN is accepted."""
    key = kms.check_key(call.account_id, call.region_name, kms_key_arn)
    if key is None:
        return
    if not key.known:
        raise InvalidParameterException(
            f"KmsKeyArn {kms_key_arn} names no KMS key of account {call.account_id} in "
            f"{call.region_name}"
        )
    if key.state != "Enabled":
        raise InvalidParameterException(
            f"KMS key {kms_key_arn} is {key.state}; WorkMail needs an enabled key"
        )


@operation("DescribeOrganization", org=Org.ANY_STATE)
def describe_organization(call: Call) -> Organization:
    call.org.observe()
    return call.org


@operation("ListOrganizations", org=Org.NONE)
def list_organizations(
    call: Call, next_token: str | None = None, max_results: int | None = None
) -> dict[str, Any]:
    page, token = call.region.organizations.page(page_size(max_results), next_token)
    for org in page:
        org.observe()
    return {"OrganizationSummaries": page, "NextToken": token}


@operation("DeleteOrganization", org=Org.ANY_STATE)
def delete_organization(
    call: Call,
    delete_directory: bool,
    force_delete: bool | None = None,
    delete_identity_center_application: bool | None = None,
) -> dict[str, str]:
    org = call.org
    if org.state != OrganizationState.ACTIVE:
        raise OrganizationStateException(
            f"Organization {org.id} is in state {org.state} and can't be deleted"
        )
    enabled = org.directory.enabled_users()
    if enabled and not force_delete:
        # A guess at the error: the reference only says ForceDelete "deletes an
        # organization even if the organization has enabled users".
        raise InvalidParameterException(
            f"Organization {org.id} has {enabled} enabled users; deregister them first or "
            "set ForceDelete"
        )
    if delete_directory and org.external_directory:
        directory_service.delete(call.account_id, call.region_name, org.directory_id)
    provider = org.settings.identity_provider
    if delete_identity_center_application and provider is not None:
        # DeleteIdentityCenterApplication "deletes the Identity Center application that
        # WorkMail created for the organization" (model doc). One that another
        # organization still uses stays, as DeleteIdentityCenterApplication refuses to
        # delete it (a guess: the flag can't answer an error of its own here).
        if not call.region.users_of_application(provider.application_arn, besides=org):
            call.region.identity_center_applications.pop(provider.application_arn, None)
    org.start_deletion()
    # The answer reports the state at request time; reads then progress to Deleted.
    return {"OrganizationId": org.id, "State": OrganizationState.DELETING.value}
