"""What one account holds in one region: its organizations, quotas and client tokens,
and the index of organization aliases, which are unique across the whole mock."""

from __future__ import annotations

import json
import threading
from typing import Any

from workmail_mock.errors import InvalidParameterException, organization_not_found
from workmail_mock.state.organization import GONE, Organization
from workmail_mock.state.quotas import Quotas
from workmail_mock.state.settings import IdentityCenterApplication, TagStore
from workmail_mock.state.store import OrderedStore

#: One lock for the whole mock: an organization alias is unique across every account and
#: region, and server mode is multi-threaded. Requests are short, so one lock costs little.
LOCK = threading.RLock()


class AliasIndex:
    """Organization aliases in use anywhere in the mock (they form ``ALIAS.awsapps.com``).

    An entry stays valid while its organization is still held by its region and not being
    deleted, so a reset region or a deleted organization frees the alias by itself.
    """

    def __init__(self) -> None:
        self._held: dict[str, tuple[RegionState, Organization]] = {}

    def holder(self, alias: str) -> Organization | None:
        entry = self._held.get(alias.lower())
        if entry is None:
            return None
        region, org = entry
        if region.organizations.get(org.id) is not org or org.state in GONE:
            return None
        return org

    def claim(self, region: RegionState, org: Organization) -> None:
        self._held[org.alias.lower()] = (region, org)

    def clear(self) -> None:
        self._held.clear()


class ClientTokens:
    """ClientToken idempotency: a replay with the same request gets the first answer; the
    same token with another request is refused."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], tuple[str, Any]] = {}

    @staticmethod
    def fingerprint(request: dict[str, Any]) -> str:
        return json.dumps(request, sort_keys=True, default=str)

    def replay(self, operation: str, token: str, fingerprint: str) -> tuple[bool, Any]:
        """(True, first answer) for a replay; (False, None) for a new token."""
        seen = self._seen.get((operation, token))
        if seen is None:
            return False, None
        if seen[0] != fingerprint:
            raise InvalidParameterException(
                f"ClientToken {token} was already used for a {operation} request with "
                "different parameters"
            )
        return True, seen[1]

    def remember(self, operation: str, token: str, fingerprint: str, answer: Any) -> None:
        self._seen[(operation, token)] = (fingerprint, answer)


class RegionState:
    """The WorkMail state of one account in one region."""

    def __init__(self, account_id: str, region_name: str, aliases: AliasIndex) -> None:
        self.account_id = account_id
        self.region_name = region_name
        self.organizations: OrderedStore[Organization] = OrderedStore()
        self.quotas = Quotas.from_environment()
        self.client_tokens = ClientTokens()
        self.aliases = aliases
        #: Tags of this account's organizations in this region (moto's TaggingService,
        #: made by the tag operations on first use).
        self.tags: TagStore | None = None
        #: CreateIdentityCenterApplication's applications, by ARN.
        self.identity_center_applications: dict[str, IdentityCenterApplication] = {}

    def organization(self, organization_id: str) -> Organization:
        org = self.organizations.get(organization_id)
        if org is None:
            raise organization_not_found(organization_id, self.account_id, self.region_name)
        return org

    def domain_holder(self, domain_name: str, besides: Organization | None) -> Organization | None:
        """The organization of this account and region that holds a domain (a domain
        belongs to one organization; a deleted organization holds none)."""
        key = domain_name.lower()
        for other in self.organizations:
            if other is not besides and key in other.domains and other.state != "Deleted":
                return other
        return None

    def users_of_application(
        self, application_arn: str, besides: Organization | None = None
    ) -> list[str]:
        """The organizations (not deleted) whose identity provider configuration names an
        Identity Center application."""
        return [
            org.id
            for org in self.organizations
            if org is not besides
            and org.state != "Deleted"
            and org.settings.identity_provider is not None
            and org.settings.identity_provider.application_arn == application_arn
        ]

    def live_organizations(self) -> int:
        return sum(1 for org in self.organizations if org.state not in GONE)

    def add(self, org: Organization) -> None:
        self.organizations.add(org.id, org)
        self.aliases.claim(self, org)
