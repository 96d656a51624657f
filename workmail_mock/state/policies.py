"""An organization's policies: access control rules, mobile device access rules and
overrides, impersonation roles and the tokens handed out for them.

The objects here are what the List/Get operations return (the serializer reads their
snake_case attributes); each rule also keeps its ``matcher``, the plain value the pure
engines in ``rules/`` decide over, built once when the rule is stored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from workmail_mock.errors import LimitExceededException, ResourceNotFoundException
from workmail_mock.rules import access_control, impersonation, mobile_device
from workmail_mock.state import runtime
from workmail_mock.state.entities import Entity, User
from workmail_mock.state.store import OrderedStore

#: The dates of the default access control rule: the AWS CLI example of
#: list-access-control-rules shows both as 0.0 (the epoch).
EPOCH = datetime(1970, 1, 1)
DEFAULT_RULE_NAME = "default"
DEFAULT_RULE_DESCRIPTION = "Default WorkMail Rule"
#: An impersonation token must be used within 15 minutes (admin guide); ExpiresIn = 900
#: is a guess.
TOKEN_LIFETIME = timedelta(seconds=900)


#: The condition lists of each kind of rule (the same attribute names as the engines').
_ACCESS_LISTS = (
    "ip_ranges", "not_ip_ranges", "actions", "not_actions", "user_ids", "not_user_ids",
    "impersonation_role_ids", "not_impersonation_role_ids",
)
_DEVICE_LISTS = (
    "device_types", "not_device_types", "device_models", "not_device_models",
    "device_operating_systems", "not_device_operating_systems", "device_user_agents",
    "not_device_user_agents",
)


def _list(values: Iterable[str] | None) -> list[str] | None:
    """An empty condition list is stored as an absent one, so it is not listed (a guess:
    the model allows ``[]``, and ``[]`` sets no condition)."""
    return list(values) if values else None


def _conditions(rule: object, members: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Store each condition list of ``rule`` as ``_list`` says, and return them as the
    engine's rule takes them (tuples, empty for absent)."""
    for member in members:
        setattr(rule, member, _list(getattr(rule, member)))
    return {member: tuple(getattr(rule, member) or ()) for member in members}


@dataclasses.dataclass(eq=False)
class AccessControlRule:
    """One access control rule, as ListAccessControlRules lists it."""

    name: str
    effect: str
    description: str
    date_created: datetime
    date_modified: datetime
    ip_ranges: list[str] | None = None
    not_ip_ranges: list[str] | None = None
    actions: list[str] | None = None
    not_actions: list[str] | None = None
    user_ids: list[str] | None = None
    not_user_ids: list[str] | None = None
    impersonation_role_ids: list[str] | None = None
    not_impersonation_role_ids: list[str] | None = None
    matcher: access_control.AccessControlRule = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.matcher = access_control.AccessControlRule(
            name=self.name, effect=self.effect, **_conditions(self, _ACCESS_LISTS)
        )


@dataclasses.dataclass(eq=False)
class MobileDeviceAccessRule:
    """One mobile device access rule, as ListMobileDeviceAccessRules lists it."""

    mobile_device_access_rule_id: str
    name: str
    effect: str
    date_created: datetime
    date_modified: datetime
    description: str | None = None
    device_types: list[str] | None = None
    not_device_types: list[str] | None = None
    device_models: list[str] | None = None
    not_device_models: list[str] | None = None
    device_operating_systems: list[str] | None = None
    not_device_operating_systems: list[str] | None = None
    device_user_agents: list[str] | None = None
    not_device_user_agents: list[str] | None = None
    matcher: mobile_device.MobileDeviceAccessRule = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.matcher = mobile_device.MobileDeviceAccessRule(
            rule_id=self.mobile_device_access_rule_id,
            name=self.name,
            effect=self.effect,
            **_conditions(self, _DEVICE_LISTS),
        )


@dataclasses.dataclass(eq=False)
class MobileDeviceAccessOverride:
    """The effect decided for one user's device, whatever the rules say."""

    user_id: str
    device_id: str
    effect: str
    date_created: datetime
    date_modified: datetime
    description: str | None = None


@dataclasses.dataclass(eq=False)
class ImpersonationRole:
    """An impersonation role. ``rules`` are kept as given (targets echoed as the caller
    wrote them, a guess); ``matchers`` hold the same rules with targets resolved to user
    ids at the time of the Create/Update (AWS stores ids)."""

    impersonation_role_id: str
    name: str
    type: str
    rules: list[dict[str, Any]]
    matchers: tuple[impersonation.ImpersonationRule, ...]
    date_created: datetime
    date_modified: datetime
    description: str | None = None


@dataclasses.dataclass(frozen=True)
class ImpersonationToken:
    """A token AssumeImpersonationRole handed out, kept so that an EWS fake could check it."""

    role_id: str
    expires: datetime


def _default_access_rules() -> dict[str, AccessControlRule]:
    """Every organization starts with the ``default`` rule: ALLOW, no conditions, dated at
    the epoch (AWS CLI example of list-access-control-rules)."""
    return {
        DEFAULT_RULE_NAME: AccessControlRule(
            name=DEFAULT_RULE_NAME,
            effect="ALLOW",
            description=DEFAULT_RULE_DESCRIPTION,
            date_created=EPOCH,
            date_modified=EPOCH,
        )
    }


def _default_device_rules() -> dict[str, MobileDeviceAccessRule]:
    """An organization starts with one ALLOW rule without conditions, so that every device
    is allowed until an administrator changes the rules (admin guide). Its id, name
    ``default`` and lack of description are a guess: no real listing was found."""
    now = runtime.current().now()
    rule = MobileDeviceAccessRule(
        mobile_device_access_rule_id=runtime.current().uuid4(),
        name=DEFAULT_RULE_NAME,
        effect="ALLOW",
        date_created=now,
        date_modified=now,
    )
    return {rule.mobile_device_access_rule_id: rule}


def override_key(user_id: str, device_id: str) -> str:
    """Overrides are keyed on the user id and the device id upper-cased (device ids are
    case-insensitive, model)."""
    user, device = mobile_device.override_key(user_id, device_id)
    return f"{user}/{device}"


@dataclasses.dataclass(eq=False)
class Policies:
    """The policies of one organization (one part of ``Organization``)."""

    organization_id: str
    access_rules: dict[str, AccessControlRule] = dataclasses.field(
        default_factory=_default_access_rules
    )
    device_rules: dict[str, MobileDeviceAccessRule] = dataclasses.field(
        default_factory=_default_device_rules
    )
    overrides: OrderedStore[MobileDeviceAccessOverride] = dataclasses.field(
        default_factory=OrderedStore
    )
    roles: OrderedStore[ImpersonationRole] = dataclasses.field(default_factory=OrderedStore)
    tokens: dict[str, ImpersonationToken] = dataclasses.field(default_factory=dict)

    # --- access control ---------------------------------------------------------------

    def put_access_rule(self, rule: AccessControlRule, limit: int) -> None:
        """Add a rule, or replace the whole rule of the same name (documented). A replace
        keeps its place in the list and its DateCreated (a guess)."""
        old = self.access_rules.get(rule.name)
        if old is not None:
            rule.date_created = old.date_created
        elif len(self.access_rules) >= limit:
            raise LimitExceededException(
                f"Organization {self.organization_id} already has {len(self.access_rules)} "
                f"access control rules; the quota is {limit}"
            )
        self.access_rules[rule.name] = rule

    def decide_access(self, request: access_control.AccessRequest) -> access_control.Decision:
        return access_control.evaluate(
            [rule.matcher for rule in self.access_rules.values()], request
        )

    # --- mobile devices ---------------------------------------------------------------

    def add_device_rule(self, rule: MobileDeviceAccessRule, limit: int) -> None:
        if len(self.device_rules) >= limit:
            raise LimitExceededException(
                f"Organization {self.organization_id} already has {len(self.device_rules)} "
                f"mobile device access rules; the quota is {limit}"
            )
        self.device_rules[rule.mobile_device_access_rule_id] = rule

    def decide_device(self, device: mobile_device.Device) -> mobile_device.MobileDecision:
        """What GetMobileDeviceAccessEffect answers: the rules only (no user, no override)."""
        return mobile_device.evaluate([rule.matcher for rule in self.device_rules.values()], device)

    def decide_device_of(
        self, user_id: str, device_id: str, device: mobile_device.Device
    ) -> mobile_device.MobileDecision:
        """Real device access of a user's device: an override for the pair wins over the
        rules (admin guide), then the rules decide."""
        override = self.overrides.get(override_key(user_id, device_id))
        return mobile_device.evaluate(
            [rule.matcher for rule in self.device_rules.values()],
            device,
            override.effect if override is not None else None,
        )

    def put_override(
        self, user_id: str, device_id: str, effect: str, description: str | None
    ) -> None:
        """Create or replace the override of a (user, device) pair; a replace keeps its
        DateCreated and the device id as last given (a guess)."""
        key = override_key(user_id, device_id)
        now = runtime.current().now()
        old = self.overrides.get(key)
        override = MobileDeviceAccessOverride(
            user_id=user_id,
            device_id=device_id,
            effect=effect,
            description=description,
            date_created=old.date_created if old is not None else now,
            date_modified=now,
        )
        self.overrides.add(key, override)

    def override_of(self, user_id: str, device_id: str) -> MobileDeviceAccessOverride | None:
        return self.overrides.get(override_key(user_id, device_id))

    def remove_override(self, user_id: str, device_id: str) -> None:
        self.overrides.remove(override_key(user_id, device_id))

    def override_filter(
        self, user_id: str | None, device_id: str | None
    ) -> Callable[[MobileDeviceAccessOverride], bool] | None:
        """ListMobileDeviceAccessOverrides' filters, combined with AND (a guess); the
        device id compares case-insensitively, as on Put."""
        if user_id is None and device_id is None:
            return None
        device = mobile_device.normalize_device_id(device_id) if device_id is not None else None

        def keep(override: MobileDeviceAccessOverride) -> bool:
            if user_id is not None and override.user_id != user_id:
                return False
            return device is None or mobile_device.normalize_device_id(override.device_id) == device

        return keep

    # --- impersonation ----------------------------------------------------------------

    def role(self, role_id: str) -> ImpersonationRole:
        """The role of that id; an unknown one is ResourceNotFoundException."""
        role = self.roles.get(role_id)
        if role is None:
            raise ResourceNotFoundException(
                f"Impersonation role {role_id} does not exist in organization "
                f"{self.organization_id}"
            )
        return role

    def role_named(self, name: str) -> ImpersonationRole | None:
        return next((role for role in self.roles if role.name == name), None)

    def add_role(self, role: ImpersonationRole, limit: int) -> None:
        if len(self.roles) >= limit:
            raise LimitExceededException(
                f"Organization {self.organization_id} already has {len(self.roles)} "
                f"impersonation roles; the quota is {limit}"
            )
        self.roles.add(role.impersonation_role_id, role)

    def remove_role(self, role_id: str) -> None:
        """Access control rules that name the role keep the id (a guess: AWS stores ids);
        tokens of the role stop being valid."""
        self.roles.remove(role_id)
        for token in [t for t, held in self.tokens.items() if held.role_id == role_id]:
            del self.tokens[token]

    def issue_token(self, role_id: str, token: str) -> ImpersonationToken:
        now = runtime.current().now()
        for old in [t for t, held in self.tokens.items() if held.expires <= now]:
            del self.tokens[old]
        held = self.tokens[token] = ImpersonationToken(role_id, now + TOKEN_LIFETIME)
        return held

    # --- entities ---------------------------------------------------------------------

    def forget(self, entity: Entity) -> None:
        """A deleted user's overrides go (a guess); rules that name it keep its id, as
        AWS stores ids."""
        if not isinstance(entity, User):
            return
        for override in [o for o in self.overrides if o.user_id == entity.id]:
            self.overrides.remove(override_key(override.user_id, override.device_id))
