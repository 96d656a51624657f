"""Mail domains: register, read back (with the DNS records to publish), list, deregister,
and choose the default. Every organization also owns its test domain ``ALIAS.awsapps.com``."""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState

from workmail_mock.backend import ids
from workmail_mock.backend.base import BackendState, page_size
from workmail_mock.exceptions import (
    InvalidParameterException,
    LimitExceededException,
    MailDomainInUseException,
    MailDomainNotFoundException,
    MailDomainStateException,
)
from workmail_mock.protocol.validator import fully_matches

if TYPE_CHECKING:
    from workmail_mock.backend.organizations import Organization

#: Opt into realistic verification with
#: ``state_manager.set_transition(VERIFICATION_MODEL, {"progression": "manual", "times": 1})``:
#: a domain then stays PENDING until that many GetMailDomain reads.
VERIFICATION_MODEL = "workmail::mail-domain-verification"
state_manager.register_default_transition(VERIFICATION_MODEL, {"progression": "immediate"})


def _ses_token() -> str:
    """An SES verification token: base64 of 32 random bytes (44 characters), as SES's are;
    drawn from moto's seedable random source."""
    return base64.b64encode(bytes(mock_random.getrandbits(8) for _ in range(32))).decode()


class _Verification(ManagedState):
    def __init__(self) -> None:
        super().__init__(VERIFICATION_MODEL, [("PENDING", "VERIFIED")])


@dataclasses.dataclass(frozen=True)
class DnsRecord:
    type: str
    hostname: str
    value: str


@dataclasses.dataclass(eq=False)
class MailDomain:
    """A domain of an organization and the records its owner must publish."""

    domain_name: str
    is_test_domain: bool
    records: list[DnsRecord]
    hosted_zone_id: str | None = None
    ownership: _Verification | None = None
    dkim: _Verification | None = None
    read_before: bool = False

    @classmethod
    def test_domain(cls, name: str) -> MailDomain:
        """``ALIAS.awsapps.com``: AWS manages its DNS, so there is nothing to publish."""
        return cls(domain_name=name, is_test_domain=True, records=[])

    @classmethod
    def custom(cls, name: str, region: str, hosted_zone_id: str | None = None) -> MailDomain:
        """A customer's domain, with the records the WorkMail console lists for it."""
        dkim = [ids.token(32).lower() for _ in range(3)]
        records = [
            DnsRecord("TXT", f"_amazonses.{name}", _ses_token()),
            DnsRecord("MX", name, f"10 inbound-smtp.{region}.amazonaws.com"),
            DnsRecord("CNAME", f"autodiscover.{name}", f"autodiscover.mail.{region}.awsapps.com"),
            *(
                DnsRecord("CNAME", f"{t}._domainkey.{name}", f"{t}.dkim.amazonses.com")
                for t in dkim
            ),
            DnsRecord("TXT", name, "v=spf1 include:amazonses.com ~all"),
            DnsRecord("TXT", f"_dmarc.{name}", "v=DMARC1;p=quarantine;pct=100;fo=1"),
        ]
        domain = cls(
            domain_name=name,
            is_test_domain=False,
            records=records,
            hosted_zone_id=hosted_zone_id,
            ownership=_Verification(),
            dkim=_Verification(),
        )
        # Settle an immediate progression now, so that later reads change nothing.
        domain.ownership_verification_status, domain.dkim_verification_status  # noqa: B018
        return domain

    @property
    def ownership_verification_status(self) -> str:
        return (self.ownership.status if self.ownership else None) or "VERIFIED"

    @property
    def dkim_verification_status(self) -> str:
        return (self.dkim.status if self.dkim else None) or "VERIFIED"

    @property
    def verified(self) -> bool:
        return self.ownership_verification_status == "VERIFIED"

    def observe(self) -> None:
        """One GetMailDomain read. It counts towards a manual verification only once the
        next read starts, so the statuses stay put between reads: with ``times`` 1 the
        first read shows PENDING, the second VERIFIED."""
        if self.read_before:
            for verification in (self.ownership, self.dkim):
                if verification is not None:
                    verification.advance()
        self.read_before = True


def check_domain_name(domain_name: str) -> None:
    """The whole name must match the model's pattern; the front end only checked that a
    part of it does (search semantics). A guess: the service refuses such names (they
    can't be DNS names) as an invalid parameter, like an alias that matches only in part."""
    if not fully_matches("RegisterMailDomain", "DomainName", domain_name):
        raise InvalidParameterException(
            f"Domain name {domain_name!r} is not valid: use letters, digits, dots and hyphens"
        )
    if domain_name.lower().endswith(".awsapps.com"):
        raise InvalidParameterException(
            f"Domain {domain_name} is an awsapps.com test domain and can't be registered"
        )


def check_domain_free(
    organizations: Iterable[Organization], domain_name: str, org: Organization | None
) -> None:
    """A domain belongs to one organization of the account (in a region)."""
    key = domain_name.lower()
    for other in organizations:
        if other is not org and key in other.domains and other.state != "Deleted":
            raise MailDomainInUseException(
                f"Domain {domain_name} is already registered to organization {other.id}"
            )


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()


class DomainsMixin(BackendState):
    """RegisterMailDomain, GetMailDomain, ListMailDomains, DeregisterMailDomain,
    UpdateDefaultMailDomain."""

    def _check_domain_free(self, domain_name: str, org: Organization | None) -> None:
        check_domain_free(self.organizations, domain_name, org)

    def _mail_domain(self, org: Organization, domain_name: str) -> MailDomain:
        domain = org.domains.get(domain_name.lower())
        if domain is None:
            raise MailDomainNotFoundException(
                f"Domain {domain_name} is not a mail domain of organization {org.id}"
            )
        return domain

    def register_mail_domain(
        self, organization_id: str, domain_name: str, client_token: str | None = None
    ) -> None:
        def register() -> None:
            org = self._organization(organization_id)
            if domain_name.lower() in org.domains:
                return  # registering a domain the organization has is a no-op (a guess)
            check_domain_name(domain_name)
            self._check_domain_free(domain_name, org)
            custom = sum(1 for d in org.domains if not d.is_test_domain)
            if custom >= self.quotas.mail_domains_per_organization:
                raise LimitExceededException(
                    f"Organization {organization_id} already has {custom} mail domains; the "
                    f"quota is {self.quotas.mail_domains_per_organization}"
                )
            org.domains.add(domain_name.lower(), MailDomain.custom(domain_name, self.region_name))

        self._idempotent(
            "RegisterMailDomain", client_token, (organization_id, domain_name), register
        )

    def get_mail_domain(self, organization_id: str, domain_name: str) -> dict[str, Any]:
        org = self._organization(organization_id)
        domain = self._mail_domain(org, domain_name)
        domain.observe()
        return {
            "Records": domain.records,
            "IsTestDomain": domain.is_test_domain,
            "IsDefault": org.default_mail_domain.lower() == domain.domain_name.lower(),
            "OwnershipVerificationStatus": domain.ownership_verification_status,
            "DkimVerificationStatus": domain.dkim_verification_status,
        }

    def list_mail_domains(
        self, organization_id: str, max_results: int | None = None, next_token: str | None = None
    ) -> dict[str, Any]:
        org = self._organization(organization_id)
        page, token = org.domains.page(page_size(max_results), next_token)
        default = org.default_mail_domain.lower()
        summaries = [
            {"DomainName": d.domain_name, "DefaultDomain": d.domain_name.lower() == default}
            for d in page
        ]
        return {"MailDomains": summaries, "NextToken": token}

    def deregister_mail_domain(self, organization_id: str, domain_name: str) -> None:
        org = self._organization(organization_id)
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
        users = org.entities.addresses_in(domain.domain_name)
        if users:
            raise MailDomainInUseException(
                f"Domain {domain.domain_name} is still used by {users} email addresses or "
                f"aliases in organization {org.id}; remove them first"
            )
        org.domains.remove(domain_name.lower())

    def update_default_mail_domain(self, organization_id: str, domain_name: str) -> None:
        org = self._organization(organization_id)
        domain = self._mail_domain(org, domain_name)
        if not domain.verified:
            raise MailDomainStateException(
                f"Domain {domain.domain_name} is {domain.ownership_verification_status}; only a "
                "verified domain can be the default"
            )
        org.default_mail_domain = domain.domain_name
