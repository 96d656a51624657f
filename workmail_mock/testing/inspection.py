"""A typed, read-only view of the live WorkMail state, for assertions in tests.

Every function takes the state lock, copies what it reads into frozen dataclasses (no
references into the mock's state, no private fields) and returns them::

    from workmail_mock.testing import inspection

    org = inspection.organization(org_id)            # account/region: the defaults
    assert [u.name for u in org.users] == ["alice"]
    assert org.members["team-id"] == ("alice-id",)

In server mode it reads the state of a ThreadedMotoServer running in the same process.
``snapshot()`` (``workmail_mock.testing``) is built on ``state()``: ``as_data(view)``
renders any view as plain data (dates as ISO 8601 text, bytes as base64).

The views cover every part of the state: organizations and their domains (with DNS
records), users, groups and resources, members, delegates, mailbox permissions, settings
(retention, availability, email monitoring, DMARC, identity provider), policies (access
control rules, mobile device rules and overrides, impersonation roles and their tokens),
export jobs, personal access tokens, tags and mail (in-transit messages and mailboxes);
per region, the quotas and Identity Center applications.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import enum
from collections.abc import Mapping
from typing import Any

from workmail_mock.state.entities import Entity, Group, Resource, User
from workmail_mock.state.organization import Organization
from workmail_mock.state.policies import _ACCESS_LISTS, _DEVICE_LISTS, Policies
from workmail_mock.state.region import LOCK, RegionState
from workmail_mock.state.settings import Settings
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
class DnsRecordView:
    type: str
    hostname: str
    value: str


@dataclasses.dataclass(frozen=True)
class DomainView:
    name: str
    is_test_domain: bool
    is_default: bool
    ownership_verification_status: str
    dkim_verification_status: str
    hosted_zone_id: str | None
    records: tuple[DnsRecordView, ...] = ()


@dataclasses.dataclass(frozen=True)
class RetentionPolicyView:
    id: str
    name: str
    description: str | None
    folder_configurations: tuple[Mapping[str, Any], ...]


@dataclasses.dataclass(frozen=True)
class AvailabilityConfigurationView:
    domain_name: str
    provider_type: str  #: "EWS" or "LAMBDA"
    #: EwsEndpoint, EwsUsername and EwsPassword as stored (the API never returns the
    #: password), or None.
    ews_provider: Mapping[str, str] | None
    lambda_provider: Mapping[str, str] | None
    date_created: datetime.datetime
    date_modified: datetime.datetime


@dataclasses.dataclass(frozen=True)
class EmailMonitoringView:
    role_arn: str
    log_group_arn: str


@dataclasses.dataclass(frozen=True)
class IdentityProviderView:
    authentication_mode: str
    instance_arn: str
    application_arn: str
    personal_access_token_configuration: Mapping[str, Any]


@dataclasses.dataclass(frozen=True)
class SettingsView:
    retention_policy: RetentionPolicyView | None
    availability_configurations: tuple[AvailabilityConfigurationView, ...]
    email_monitoring: EmailMonitoringView | None
    dmarc_enforced: bool
    identity_provider: IdentityProviderView | None


@dataclasses.dataclass(frozen=True)
class RuleView:
    """An access control rule or a mobile device access rule: its conditions are the
    non-empty lists, by the model's member names in snake_case (``not_ip_ranges``...)."""

    id: str  #: the name of an access control rule, the id of a mobile device rule
    name: str
    effect: str
    description: str | None
    conditions: Mapping[str, tuple[str, ...]]
    date_created: datetime.datetime
    date_modified: datetime.datetime


@dataclasses.dataclass(frozen=True)
class OverrideView:
    user_id: str
    device_id: str
    effect: str
    description: str | None
    date_created: datetime.datetime
    date_modified: datetime.datetime


@dataclasses.dataclass(frozen=True)
class ImpersonationRoleView:
    id: str
    name: str
    type: str
    description: str | None
    #: The rules as given (the API's form).
    rules: tuple[Mapping[str, Any], ...]
    #: rule id -> (effect, target user ids, not-target user ids), as resolved when stored.
    resolved: Mapping[str, tuple[str, tuple[str, ...], tuple[str, ...]]]
    date_created: datetime.datetime
    date_modified: datetime.datetime


@dataclasses.dataclass(frozen=True)
class PoliciesView:
    access_control_rules: tuple[RuleView, ...]
    mobile_device_access_rules: tuple[RuleView, ...]
    mobile_device_access_overrides: tuple[OverrideView, ...]
    impersonation_roles: tuple[ImpersonationRoleView, ...]
    #: AssumeImpersonationRole tokens: token -> (role id, expiry).
    impersonation_tokens: Mapping[str, tuple[str, datetime.datetime]]


@dataclasses.dataclass(frozen=True)
class ExportJobView:
    id: str
    entity_id: str
    description: str | None
    role_arn: str
    kms_key_arn: str
    s3_bucket_name: str
    s3_prefix: str
    state: str
    estimated_progress: int
    error_info: str | None
    start_time: datetime.datetime
    end_time: datetime.datetime | None


@dataclasses.dataclass(frozen=True)
class PersonalAccessTokenView:
    id: str
    user_id: str
    name: str
    scopes: tuple[str, ...]
    date_created: datetime.datetime
    expires_time: datetime.datetime
    date_last_used: datetime.datetime | None


@dataclasses.dataclass(frozen=True)
class InTransitMessageView:
    message_id: str
    content: bytes
    created: datetime.datetime
    frozen: bool


@dataclasses.dataclass(frozen=True)
class MailboxItemView:
    folder: str
    content: bytes
    received: datetime.datetime


@dataclasses.dataclass(frozen=True)
class IdentityCenterApplicationView:
    arn: str
    name: str
    instance_arn: str


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
    external_directory: bool
    settings: SettingsView
    policies: PoliciesView
    export_jobs: tuple[ExportJobView, ...]
    personal_access_tokens: tuple[PersonalAccessTokenView, ...]
    #: TagResource's tags of the organization.
    tags: Mapping[str, str]
    #: workmailmessageflow's messages, by message id.
    in_transit_messages: tuple[InTransitMessageView, ...]
    #: entity id -> the messages its mailbox received, in order.
    mailboxes: Mapping[str, tuple[MailboxItemView, ...]]

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
    identity_center_applications: tuple[IdentityCenterApplicationView, ...]


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
        tuple(IdentityCenterApplicationView(a.arn, a.name, a.instance_arn)
              for a in backend.identity_center_applications.values()),
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
                tuple(DnsRecordView(r.type, r.hostname, r.value) for r in d.records),
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
        external_directory=org.external_directory,
        settings=_settings(org.settings),
        policies=_policies(org.policies),
        export_jobs=tuple(
            ExportJobView(
                j.id, j.entity_id, j.description, j.role_arn, j.kms_key_arn, j.s3_bucket_name,
                j.s3_prefix, j.state, j.estimated_progress, j.error_info, j.start_time,
                j.end_time,
            )
            for j in org.exports.jobs
        ),
        personal_access_tokens=tuple(
            PersonalAccessTokenView(t.id, t.user_id, t.name, tuple(t.scopes), t.date_created,
                                    t.expires_time, t.date_last_used)
            for t in org.tokens.tokens
        ),
        tags=dict(backend.tags.get_tag_dict_for_resource(org.arn)) if backend.tags else {},
        in_transit_messages=tuple(
            InTransitMessageView(m.message_id, m.content, m.created, m.frozen)
            for m in org.mail.in_transit.values()
        ),
        mailboxes={
            owner: tuple(MailboxItemView(i.folder, i.content, i.received) for i in items)
            for owner, items in org.mail.mailboxes.items()
        },
    )


def _settings(settings: Settings) -> SettingsView:
    retention = settings.retention_policy
    monitoring = settings.email_monitoring
    provider = settings.identity_provider
    return SettingsView(
        retention_policy=None if retention is None else RetentionPolicyView(
            retention.id, retention.name, retention.description,
            tuple(plain(f) for f in retention.folder_configurations),
        ),
        availability_configurations=tuple(
            AvailabilityConfigurationView(
                a.domain_name, a.provider_type, plain(a.ews_provider),
                plain(a.lambda_provider), a.date_created, a.date_modified,
            )
            for a in settings.availability
        ),
        email_monitoring=None if monitoring is None else EmailMonitoringView(
            monitoring.role_arn, monitoring.log_group_arn
        ),
        dmarc_enforced=settings.dmarc_enforced,
        identity_provider=None if provider is None else IdentityProviderView(
            provider.authentication_mode, provider.instance_arn, provider.application_arn,
            plain(provider.personal_access_token_configuration),
        ),
    )


def _conditions(rule: object, names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(getattr(rule, name)) for name in names if getattr(rule, name)}


def _policies(policies: Policies) -> PoliciesView:
    return PoliciesView(
        access_control_rules=tuple(
            RuleView(r.name, r.name, r.effect, r.description, _conditions(r, _ACCESS_LISTS),
                     r.date_created, r.date_modified)
            for r in policies.access_rules.values()
        ),
        mobile_device_access_rules=tuple(
            RuleView(r.mobile_device_access_rule_id, r.name, r.effect, r.description,
                     _conditions(r, _DEVICE_LISTS), r.date_created, r.date_modified)
            for r in policies.device_rules.values()
        ),
        mobile_device_access_overrides=tuple(
            OverrideView(o.user_id, o.device_id, o.effect, o.description, o.date_created,
                         o.date_modified)
            for o in policies.overrides
        ),
        impersonation_roles=tuple(
            ImpersonationRoleView(
                r.impersonation_role_id, r.name, r.type, r.description,
                tuple(plain(rule) for rule in r.rules),
                {m.rule_id: (m.effect, tuple(m.target_users), tuple(m.not_target_users))
                 for m in r.matchers},
                r.date_created, r.date_modified,
            )
            for r in policies.roles
        ),
        impersonation_tokens={
            token: (held.role_id, held.expires) for token, held in policies.tokens.items()
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


def as_data(value: Any) -> Any:
    """A view (or anything it holds) as plain data: dicts, lists, str, numbers, None;
    dates as ISO 8601 text, bytes as base64."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, Mapping):
        return {str(k): as_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_data(v) for v in value]
    return value
