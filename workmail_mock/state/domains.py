"""Mail domains of an organization and the DNS records their owner must publish. Every
organization also owns its test domain ``ALIAS.awsapps.com``."""

from __future__ import annotations

import base64
import dataclasses

from workmail_mock import spec
from workmail_mock.errors import (
    InvalidParameterException,
    MailDomainNotFoundException,
    MailDomainStateException,
)
from workmail_mock.state import ids, runtime
from workmail_mock.state.runtime import Progression

#: Opt into realistic verification with
#: ``state_manager.set_transition(VERIFICATION_MODEL, {"progression": "manual", "times": 1})``:
#: a domain then stays PENDING until that many GetMailDomain reads.
VERIFICATION_MODEL = "workmail::mail-domain-verification"
_VERIFICATION = [("PENDING", "VERIFIED")]


def _ses_token() -> str:
    """An SES verification token: base64 of 32 random bytes (44 characters), as SES's are."""
    return base64.b64encode(runtime.current().random_bytes(32)).decode()


@dataclasses.dataclass(frozen=True)
class DnsRecord:
    type: str
    hostname: str
    value: str


@dataclasses.dataclass(eq=False)
class MailDomain:
    """A domain of an organization, its verification and the records to publish."""

    domain_name: str
    is_test_domain: bool
    records: list[DnsRecord]
    hosted_zone_id: str | None = None
    ownership_verification_status: str = "VERIFIED"
    dkim_verification_status: str = "VERIFIED"
    ownership: Progression | None = dataclasses.field(default=None, repr=False)
    dkim: Progression | None = dataclasses.field(default=None, repr=False)
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
        clock = runtime.current()
        domain = cls(
            domain_name=name,
            is_test_domain=False,
            records=records,
            hosted_zone_id=hosted_zone_id,
            ownership=clock.progression(VERIFICATION_MODEL, _VERIFICATION),
            dkim=clock.progression(VERIFICATION_MODEL, _VERIFICATION),
        )
        domain.refresh()
        return domain

    @property
    def verified(self) -> bool:
        return self.ownership_verification_status == "VERIFIED"

    def refresh(self) -> None:
        """Take the statuses the progressions have reached now."""
        if self.ownership is not None:
            self.ownership_verification_status = self.ownership.settle() or "VERIFIED"
        if self.dkim is not None:
            self.dkim_verification_status = self.dkim.settle() or "VERIFIED"

    def observe(self) -> None:
        """One GetMailDomain read. It counts towards a manual verification only once the
        next read starts, so the statuses stay put between reads: with ``times`` 1 the
        first read shows PENDING, the second VERIFIED."""
        if self.read_before:
            for verification in (self.ownership, self.dkim):
                if verification is not None:
                    verification.advance()
        self.read_before = True
        self.refresh()


def check_domain_name(domain_name: str) -> None:
    """The whole name must match the model's pattern; the front end only checked that a
    part of it does (search semantics). A guess: the service refuses such names (they
    can't be DNS names) as an invalid parameter, like an alias that matches only in part."""
    if not spec.fully_matches("RegisterMailDomain", "DomainName", domain_name):
        raise InvalidParameterException(
            f"Domain name {domain_name!r} is not valid: use letters, digits, dots and hyphens"
        )
    labels = domain_name.split(".")
    if len(labels) < 2 or any(
        not label or len(label) > 63 or label.startswith("-") or label.endswith("-")
        for label in labels
    ):
        # A guess (docs/aws-behaviour.md): a mail domain is a DNS name of two or more
        # labels, each 1-63 characters, not starting or ending with a hyphen.
        raise InvalidParameterException(
            f"Domain name {domain_name!r} is not valid: it must be a DNS name of two or more "
            "labels separated by single dots"
        )
    if domain_name.lower().endswith(".awsapps.com"):
        raise InvalidParameterException(
            f"Domain {domain_name} is an awsapps.com test domain and can't be registered"
        )


def check_usable(domain: MailDomain | None, domain_name: str, address: str, org_id: str) -> None:
    """An address needs a registered and verified mail domain of the organization."""
    if domain is None:
        raise MailDomainNotFoundException(
            f"Domain {domain_name} of {address} is not a mail domain of organization {org_id}"
        )
    domain.refresh()
    if not domain.verified:
        raise MailDomainStateException(
            f"Domain {domain.domain_name} of {address} is "
            f"{domain.ownership_verification_status}; it must be verified before addresses "
            "in it can be used"
        )
