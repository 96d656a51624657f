"""A typed, read-only view of the live WorkMail state, for assertions in tests.

Every function takes the state lock, copies what it reads into frozen dataclasses (no
references into the mock's state, no private fields) and returns them::

    from workmail_mock.testing import inspection

    org = inspection.organization(org_id)            # account/region: the defaults
    assert [u.name for u in org.users] == ["alice"]
    assert org.members["team-id"] == ("alice-id",)

In server mode it reads the state of a ThreadedMotoServer running in the same process.
``snapshot()`` (``workmail_mock.testing``) is built on ``state()``.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from collections.abc import Mapping
from typing import Any

from workmail_mock.state.entities import Entity, Group, Resource, User
from workmail_mock.state.organization import Organization
from workmail_mock.state.region import LOCK, RegionState
from workmail_mock.state.store import OrderedStore

DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"


@dataclasses.dataclass(frozen=True)
class EntityView:
    """A user, group or resource."""

    id: str
    kind: str  #: "USER", "GROUP" or "RESOURCE"
    name: str
    email: str | None
    state: str  #: "ENABLED", "DISABLED" or "DELETED"
    aliases: tuple[str, ...]
    hidden_from_global_address_list: bool
    #: The user's DisplayName, None for groups and resources.
    display_name: str | None = None
    #: The user's role (USER, RESOURCE, SYSTEM_USER, REMOTE_USER) or the resource's type.
    role_or_type: str | None = None
    enabled_date: datetime.datetime | None = None
    disabled_date: datetime.datetime | None = None
    #: Every other field (names, phone numbers, mailbox quota, booking options...) as
    #: plain data; for a user the password's salted hash, never the password.
    attributes: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class DomainView:
    name: str
    is_test_domain: bool
    is_default: bool
    ownership_verification_status: str
    dkim_verification_status: str
    hosted_zone_id: str | None


@dataclasses.dataclass(frozen=True)
class OrganizationView:
    account: str
    region: str
    id: str
    alias: str
    arn: str
    state: str
    directory_id: str
    directory_type: str
    default_mail_domain: str
    kms_key_arn: str | None
    interoperability_enabled: bool
    completed_date: datetime.datetime | None
    domains: tuple[DomainView, ...]
    users: tuple[EntityView, ...]
    groups: tuple[EntityView, ...]
    resources: tuple[EntityView, ...]
    #: group id -> ids of its direct members, in the order they were added.
    members: Mapping[str, tuple[str, ...]]
    #: resource id -> ids of its delegates.
    delegates: Mapping[str, tuple[str, ...]]
    #: owner id -> grantee id -> permission values.
    mailbox_permissions: Mapping[str, Mapping[str, tuple[str, ...]]]
    #: The rest (settings, policies, export jobs, tokens) as plain data, for comparisons.
    other: Mapping[str, Any]

    def entity(self, name_or_id: str) -> EntityView:
        """A user, group or resource by id, name or primary address."""
        for entity in (*self.users, *self.groups, *self.resources):
            if name_or_id in (entity.id, entity.name, entity.email):
                return entity
        raise KeyError(name_or_id)


@dataclasses.dataclass(frozen=True)
class RegionView:
    account: str
    region: str
    organizations: tuple[OrganizationView, ...]
    #: Quota name -> value (``Quotas`` fields).
    quotas: Mapping[str, int]
    #: Tags and Identity Center applications, as plain data.
    other: Mapping[str, Any]


def state() -> tuple[RegionView, ...]:
    """Every account and region that holds WorkMail state."""
    from workmail_mock.models import current_backends

    with LOCK:
        return tuple(
            _region(backend)
            for regions in list(current_backends().values())
            for backend in list(regions.values())
        )


def organizations(
    account: str = DEFAULT_ACCOUNT, region: str = DEFAULT_REGION
) -> tuple[OrganizationView, ...]:
    """The organizations of an account in a region, deleted ones included."""
    from workmail_mock.models import backend_for

    with LOCK:
        return tuple(_organization(backend_for(account, region), org)
                     for org in backend_for(account, region).organizations)


def organization(
    organization_id_or_alias: str, account: str = DEFAULT_ACCOUNT, region: str = DEFAULT_REGION
) -> OrganizationView:
    """One organization by id or alias (KeyError when there is none)."""
    for org in organizations(account, region):
        if organization_id_or_alias in (org.id, org.alias):
            return org
    raise KeyError(organization_id_or_alias)


def _region(backend: RegionState) -> RegionView:
    return RegionView(
        backend.account_id, backend.region_name,
        tuple(_organization(backend, org) for org in backend.organizations),
        dataclasses.asdict(backend.quotas),
        {
            "tags": plain(backend.tags),
            "identity_center_applications": plain(backend.identity_center_applications),
        },
    )


def _entity(org: Organization, entity: Entity) -> EntityView:
    kind = {User: "USER", Group: "GROUP", Resource: "RESOURCE"}[type(entity)]
    role_or_type = (
        entity.user_role if isinstance(entity, User)
        else entity.resource_type if isinstance(entity, Resource) else None
    )
    return EntityView(
        id=entity.id, kind=kind, name=entity.name, email=entity.email,
        state=str(getattr(entity.state, "value", entity.state)),
        aliases=tuple(org.directory.aliases_of(entity)),
        hidden_from_global_address_list=entity.hidden_from_global_address_list,
        display_name=entity.display_name if isinstance(entity, User) else None,
        role_or_type=role_or_type, enabled_date=entity.enabled_date,
        disabled_date=entity.disabled_date, attributes=plain(entity),
    )


def _organization(backend: RegionState, org: Organization) -> OrganizationView:
    directory = org.directory
    return OrganizationView(
        account=backend.account_id, region=backend.region_name, id=org.id, alias=org.alias,
        arn=org.arn, state=str(getattr(org.state, "value", org.state)),
        directory_id=org.directory_id, directory_type=org.directory_type,
        default_mail_domain=org.default_mail_domain, kms_key_arn=org.kms_key_arn,
        interoperability_enabled=org.interoperability_enabled,
        completed_date=org.completed_date,
        domains=tuple(
            DomainView(
                d.domain_name, d.is_test_domain, d.domain_name == org.default_mail_domain,
                d.ownership_verification_status, d.dkim_verification_status, d.hosted_zone_id,
            )
            for d in org.domains
        ),
        users=tuple(_entity(org, e) for e in directory.users),
        groups=tuple(_entity(org, e) for e in directory.groups),
        resources=tuple(_entity(org, e) for e in directory.resources),
        members={g: tuple(m.id for m in ms) for g, ms in org.memberships.members.items() if ms},
        delegates={r: tuple(d.id for d in ds) for r, ds in org.delegates.of_resource.items() if ds},
        mailbox_permissions={
            owner: {p.grantee_id: tuple(p.permission_values) for p in grants}
            for owner, grants in org.permissions.by_owner.items() if grants
        },
        other={
            "settings": plain(org.settings), "policies": plain(org.policies),
            "exports": plain(org.exports), "tokens": plain(org.tokens),
        },
    )


#: Not state a test compares: the lock, replay records, progressions and shared indexes.
_SKIP = {
    "lock", "client_tokens", "aliases", "lifecycle", "deletion", "read_before", "ownership",
    "dkim", "progression",
}


def plain(value: Any, depth: int = 0) -> Any:
    """``value`` as nested plain data (dicts, lists, str, numbers), private fields left out."""
    if depth > 12:
        return "..."
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (datetime.datetime, enum.Enum)):
        return str(value)
    if isinstance(value, OrderedStore):
        return [plain(item, depth + 1) for item in value]
    if isinstance(value, dict):
        ordered = sorted(value.items(), key=lambda kv: str(kv[0]))
        return {str(k): plain(v, depth + 1) for k, v in ordered}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain(v, depth + 1) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if hasattr(value, "__dict__"):
        return {
            k: plain(v, depth + 1)
            for k, v in sorted(vars(value).items())
            if k not in _SKIP and not k.startswith("_") and not callable(v)
        }
    return repr(value)
