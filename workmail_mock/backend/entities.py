"""What users, groups and resources share: identity, state, addresses, and the
organization-wide registry that keeps names and email addresses unique."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from workmail_mock.backend.store import OrderedStore
from workmail_mock.exceptions import (
    EntityNotFoundException,
    EntityStateException,
    InvalidParameterException,
    NameAvailabilityException,
    ReservedNameException,
)

if TYPE_CHECKING:
    from workmail_mock.backend.organizations import Organization

#: Names the directory keeps for itself; CreateUser/CreateGroup/CreateResource answer
#: ReservedNameException for them. AWS documents no list: these are the built-in accounts
#: of the Active Directory behind every organization, compared case-insensitively (a
#: guess; docs/aws-behaviour.md section 3).
RESERVED_NAMES = frozenset({"administrator", "guest", "krbtgt", "default account"})


@dataclasses.dataclass(eq=False)
class Entity:
    """A user, group or resource of an organization."""

    KIND: ClassVar[str] = "ENTITY"

    id: str
    name: str
    email: str | None = None
    state: str = "DISABLED"
    enabled_date: datetime | None = None
    disabled_date: datetime | None = None
    hidden_from_global_address_list: bool = False
    aliases: list[str] = dataclasses.field(default_factory=list)

    #: The serializer may keep this entity's encoded JSON for list pages (see
    #: ``protocol.serializer``); setting any attribute drops it.
    _wire_cacheable: ClassVar[bool] = True

    def __setattr__(self, name: str, value: object) -> None:
        self.__dict__.pop("_wire", None)
        object.__setattr__(self, name, value)

    @property
    def type(self) -> str:
        return self.KIND


@dataclasses.dataclass(eq=False)
class EntityRegistry:
    """The entities of one organization, with the indexes that keep them unique."""

    users: OrderedStore[Entity] = dataclasses.field(default_factory=OrderedStore)
    groups: OrderedStore[Entity] = dataclasses.field(default_factory=OrderedStore)
    resources: OrderedStore[Entity] = dataclasses.field(default_factory=OrderedStore)
    #: casefolded name -> entity id (names are unique across users, groups, resources)
    names: dict[str, str] = dataclasses.field(default_factory=dict)
    #: lower-cased address (primary or alias) -> entity id
    addresses: dict[str, str] = dataclasses.field(default_factory=dict)
    #: lower-cased domain -> how many addresses use it
    domain_use: Counter[str] = dataclasses.field(default_factory=Counter)

    def get(self, entity_id: str) -> Entity | None:
        return (
            self.users.get(entity_id)
            or self.groups.get(entity_id)
            or self.resources.get(entity_id)
        )

    def resolve(self, identifier: str) -> Entity | None:
        """The entity an identifier names: its id, an email address (primary or alias)
        or its name, as the model documents for EntityId-style parameters."""
        entity = self.get(identifier)
        if entity is not None:
            return entity
        entity_id = self.addresses.get(identifier.lower())
        if entity_id is None:
            entity_id = self.names.get(identifier.casefold())
        return self.get(entity_id) if entity_id is not None else None

    def claim_name(self, name: str, entity_id: str) -> None:
        """Reserve a name for an entity, or raise the error AWS answers."""
        key = name.casefold()
        if key in RESERVED_NAMES:
            raise ReservedNameException(f"The name {name} is reserved by WorkMail")
        holder = self.names.get(key)
        if holder is not None and holder != entity_id:
            raise NameAvailabilityException(
                f"The name {name} is already used by entity {holder} in this organization"
            )
        self.names[key] = entity_id

    def release_name(self, name: str) -> None:
        self.names.pop(name.casefold(), None)

    def claim_address(self, address: str, entity_id: str) -> None:
        key = address.lower()
        self.addresses[key] = entity_id
        self.domain_use[key.rsplit("@", 1)[-1]] += 1

    def release_address(self, address: str) -> None:
        key = address.lower()
        if self.addresses.pop(key, None) is not None:
            domain = key.rsplit("@", 1)[-1]
            self.domain_use[domain] -= 1
            if self.domain_use[domain] <= 0:
                del self.domain_use[domain]

    def addresses_in(self, domain: str) -> int:
        return self.domain_use.get(domain.lower(), 0)

    def enabled_users(self) -> int:
        return sum(1 for user in self.users if user.state == "ENABLED")


def entity_filter(
    filters: dict[str, str] | None, one_per_request: str | None = None
) -> Callable[[Entity], bool] | None:
    """The predicate of a list operation's Filters (NamePrefix, PrimaryEmailPrefix, State,
    and the user-specific prefixes), or None when nothing is filtered.

    ``one_per_request`` names an operation whose model documentation says it supports only
    one filter per request; more than one is then an InvalidParameterException.
    """
    if not filters:
        return None
    if one_per_request is not None and len(filters) > 1:
        raise InvalidParameterException(
            f"{one_per_request} accepts one filter per request; got {len(filters)}: "
            f"{', '.join(sorted(filters))}"
        )
    name = filters.get("NamePrefix") or filters.get("UsernamePrefix")
    email = filters.get("PrimaryEmailPrefix")
    state = filters.get("State")
    display = filters.get("DisplayNamePrefix")
    idp = filters.get("IdentityProviderUserIdPrefix")

    def keep(entity: Entity) -> bool:
        if name is not None and not entity.name.startswith(name):
            return False
        if email is not None and not (entity.email or "").startswith(email):
            return False
        if state is not None and entity.state != state:
            return False
        if display is not None and not (getattr(entity, "display_name", None) or "").startswith(
            display
        ):
            return False
        return idp is None or (getattr(entity, "identity_provider_user_id", None) or "").startswith(
            idp
        )

    return keep


_LABELS = {"USER": "User", "GROUP": "Group", "RESOURCE": "Resource"}


def label(entity: Entity) -> str:
    """``User``, ``Group`` or ``Resource``: how messages name an entity's kind."""
    return _LABELS.get(entity.KIND, "Entity")


def find_entity(
    org: Organization, identifier: str, kinds: Iterable[str], what: str = "Entity"
) -> Entity:
    """The entity an identifier (id, email or name) names, if it is of one of ``kinds``;
    EntityNotFoundException otherwise."""
    entity = org.entities.resolve(identifier)
    if entity is None or entity.KIND not in kinds:
        raise EntityNotFoundException(
            f"{what} {identifier} does not exist in organization {org.id}"
        )
    return entity


def check_not_deleted(entity: Entity, operation: str) -> None:
    """A deleted entity stays visible to Describe*/List*, but nothing else may touch it."""
    if entity.state == "DELETED":
        raise EntityStateException(
            f"{label(entity)} {entity.id} is in state DELETED; {operation} can't be used on a "
            "deleted entity"
        )
