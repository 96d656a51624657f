"""Mail domains: register, read back (with the DNS records to publish), list, deregister,
and choose the default."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import (
    InvalidParameterException,
    LimitExceededException,
    MailDomainInUseException,
    MailDomainNotFoundException,
    MailDomainStateException,
)
from workmail_mock.integrations import ses
from workmail_mock.operations.registry import Call, operation, page_size
from workmail_mock.state.domains import MailDomain, check_domain_name


def _domain(call: Call, domain_name: str) -> MailDomain:
    domain = call.org.domains.get(domain_name.lower())
    if domain is None:
        raise MailDomainNotFoundException(
            f"Domain {domain_name} is not a mail domain of organization {call.org.id}"
        )
    return domain


@operation("RegisterMailDomain")
def register_mail_domain(call: Call, domain_name: str) -> None:
    org = call.org
    if domain_name.lower() in org.domains:
        return  # registering a domain the organization has is a no-op (a guess)
    check_domain_name(domain_name)
    other = call.region.domain_holder(domain_name, org)
    if other is not None:
        raise MailDomainInUseException(
            f"Domain {domain_name} is already registered to organization {other.id}"
        )
    custom = sum(1 for d in org.domains if not d.is_test_domain)
    quota = call.region.quotas.mail_domains_per_organization
    if custom >= quota:
        raise LimitExceededException(
            f"Organization {org.id} already has {custom} mail domains; the quota is {quota}"
        )
    org.domains.add(domain_name.lower(), MailDomain.custom(domain_name, call.region_name))
    # "Registers a new domain in WorkMail and SES" (API reference).
    ses.register_identity(call.account_id, call.region_name, domain_name)


@operation("GetMailDomain")
def get_mail_domain(call: Call, domain_name: str) -> dict[str, Any]:
    domain = _domain(call, domain_name)
    domain.observe()
    return {
        "Records": domain.records,
        "IsTestDomain": domain.is_test_domain,
        "IsDefault": call.org.default_mail_domain.lower() == domain.domain_name.lower(),
        "OwnershipVerificationStatus": domain.ownership_verification_status,
        "DkimVerificationStatus": domain.dkim_verification_status,
    }


@operation("ListMailDomains")
def list_mail_domains(
    call: Call, max_results: int | None = None, next_token: str | None = None
) -> dict[str, Any]:
    page, token = call.org.domains.page(page_size(max_results), next_token)
    default = call.org.default_mail_domain.lower()
    summaries = [
        {"DomainName": d.domain_name, "DefaultDomain": d.domain_name.lower() == default}
        for d in page
    ]
    return {"MailDomains": summaries, "NextToken": token}


@operation("DeregisterMailDomain")
def deregister_mail_domain(call: Call, domain_name: str) -> None:
    org = call.org
    domain = org.domains.get(domain_name.lower())
    if domain is None:
        return  # the reference lists no not-found error here: removing is idempotent
    if domain.is_test_domain:
        raise InvalidParameterException(
            f"Domain {domain.domain_name} is the test domain of organization {org.id} and "
            "can't be deregistered"
        )
    if org.default_mail_domain.lower() == domain.domain_name.lower():
        raise MailDomainInUseException(
            f"Domain {domain.domain_name} is the default mail domain of organization "
            f"{org.id}; choose another default first"
        )
    used = org.directory.addresses_in(domain.domain_name)
    if used:
        raise MailDomainInUseException(
            f"Domain {domain.domain_name} is still used by {used} email addresses or "
            f"aliases in organization {org.id}; remove them first"
        )
    # The SES identity stays: "SES keeps it because other applications may use it"
    # (DeregisterMailDomain, API reference).
    org.domains.remove(domain_name.lower())


@operation("UpdateDefaultMailDomain")
def update_default_mail_domain(call: Call, domain_name: str) -> None:
    domain = _domain(call, domain_name)
    domain.refresh()
    if not domain.verified:
        raise MailDomainStateException(
            f"Domain {domain.domain_name} is {domain.ownership_verification_status}; only a "
            "verified domain can be the default"
        )
    call.org.default_mail_domain = domain.domain_name
