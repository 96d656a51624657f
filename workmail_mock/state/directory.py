"""The entity directory of one organization: the sole owner of its users, groups and
resources, their names, their email addresses (primary and aliases) and the domains
those addresses use.

An address belongs to at most one entity, across primary addresses and aliases,
compared case-insensitively; ``addresses_in(domain)`` counts every address held, so a
domain in use can't be deregistered.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar, overload

from workmail_mock.errors import (
    EntityNotFoundException,
    EntityStateException,
    InvalidParameterException,
    NameAvailabilityException,
    ReservedNameException,
)
from workmail_mock.state import runtime
from workmail_mock.state.entities import Entity, Group, Resource, User
from workmail_mock.state.kinds import EntityState
from workmail_mock.state.store import OrderedStore

E = TypeVar("E", bound=Entity)

#: Names the directory keeps for itself; CreateUser/CreateGroup/CreateResource answer
#: ReservedNameException for them. AWS documents no list: these are the built-in accounts
#: of the Active Directory behind every organization, compared case-insensitively (a
#: guess; docs/aws-behaviour.md section 3).
RESERVED_NAMES = frozenset({"administrator", "guest", "krbtgt", "default account"})


def _what(kinds: tuple[type[Entity], ...]) -> str:
    """How a not-found message names what was looked for."""
    if len(kinds) == 1:
        return kinds[0].LABEL
    if set(kinds) == {User, Group}:
        return "User or group"
    return "Entity"


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()


class PrefixIndex:
    """(text, entity id) pairs in text order: which entities' names (or addresses) start
    with a prefix, found by bisection (case-sensitive, as the list filters compare).

    The pairs are kept in sorted buckets of at most ``2 * LOAD`` (a minimal sorted list),
    so adding or removing one costs about ``LOAD`` moves, not the size of the index.
    """

    LOAD = 512
    __slots__ = ("_buckets", "_maxes", "_size")

    def __init__(self) -> None:
        self._buckets: list[list[tuple[str, str]]] = []
        self._maxes: list[tuple[str, str]] = []
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, text: str, entity_id: str) -> None:
        pair = (text, entity_id)
        buckets, maxes = self._buckets, self._maxes
        self._size += 1
        if not buckets:
            buckets.append([pair])
            maxes.append(pair)
            return
        at = bisect_left(maxes, pair)
        if at == len(buckets):
            at -= 1
            buckets[at].append(pair)
            maxes[at] = pair
        else:
            insort(buckets[at], pair)
        bucket = buckets[at]
        if len(bucket) > 2 * self.LOAD:
            buckets.insert(at + 1, bucket[self.LOAD:])
            del bucket[self.LOAD:]
            maxes.insert(at, bucket[-1])

    def remove(self, text: str, entity_id: str) -> None:
        pair = (text, entity_id)
        at = bisect_left(self._maxes, pair)
        if at == len(self._buckets):
            return
        bucket = self._buckets[at]
        index = bisect_left(bucket, pair)
        if index == len(bucket) or bucket[index] != pair:
            return
        del bucket[index]
        self._size -= 1
        if not bucket:
            del self._buckets[at]
            del self._maxes[at]
        elif index == len(bucket):
            self._maxes[at] = bucket[-1]

    def _position(self, key: tuple[str, ...]) -> tuple[int, int]:
        """(bucket, index) of the first pair not less than ``key``."""
        at = bisect_left(self._maxes, key)
        if at == len(self._buckets):
            return at, 0
        return at, bisect_left(self._buckets[at], key)

    def span(self, prefix: str) -> tuple[int, Callable[[], list[str]]]:
        """How many pairs' text starts with ``prefix``, and a function listing their ids."""
        low = self._position((prefix,))
        last = ord(prefix[-1])
        if last < 0x10FFFF:
            high = self._position((prefix[:-1] + chr(last + 1),))
        else:  # no next character: walk to the end of the run
            high = low
            while high[0] < len(self._buckets):
                bucket = self._buckets[high[0]]
                index = high[1]
                while index < len(bucket) and bucket[index][0].startswith(prefix):
                    index += 1
                if index < len(bucket):
                    high = (high[0], index)
                    break
                high = (high[0] + 1, 0)
        buckets = self._buckets
        if low[0] == high[0]:
            count = high[1] - low[1]
        else:
            count = len(buckets[low[0]]) - low[1] + high[1]
            count += sum(len(b) for b in buckets[low[0] + 1 : high[0]])

        def ids() -> list[str]:
            out: list[str] = []
            for at in range(low[0], min(high[0] + 1, len(buckets))):
                bucket = buckets[at]
                start = low[1] if at == low[0] else 0
                stop = high[1] if at == high[0] else len(bucket)
                out.extend(entity_id for _text, entity_id in bucket[start:stop])
            return out

        return count, ids


def _kind_indexes() -> dict[type[Entity], PrefixIndex]:
    return {User: PrefixIndex(), Group: PrefixIndex(), Resource: PrefixIndex()}


#: The user attributes ListUsers filters by prefix (DisplayNamePrefix,
#: IdentityProviderUserIdPrefix), each with a prefix index in the directory.
USER_INDEXED = ("display_name", "identity_provider_user_id")


def _user_indexes() -> dict[str, PrefixIndex]:
    return {attribute: PrefixIndex() for attribute in USER_INDEXED}


@dataclasses.dataclass(eq=False)
class EntityDirectory:
    """Users, groups and resources of one organization, with the indexes that keep their
    names and addresses unique."""

    organization_id: str
    users: OrderedStore[User] = dataclasses.field(default_factory=OrderedStore)
    groups: OrderedStore[Group] = dataclasses.field(default_factory=OrderedStore)
    resources: OrderedStore[Resource] = dataclasses.field(default_factory=OrderedStore)
    #: casefolded name -> entity id (names are unique across users, groups, resources)
    names: dict[str, str] = dataclasses.field(default_factory=dict)
    #: lower-cased address (primary or alias) -> entity id
    addresses: dict[str, str] = dataclasses.field(default_factory=dict)
    #: entity id -> its aliases (lower-cased key -> as given), in the order they were added
    aliases: dict[str, OrderedStore[str]] = dataclasses.field(default_factory=dict)
    #: lower-cased domain -> how many addresses use it
    domain_use: Counter[str] = dataclasses.field(default_factory=Counter)
    #: per kind: names and primary addresses in text order, for the list filters' prefixes
    name_index: dict[type[Entity], PrefixIndex] = dataclasses.field(default_factory=_kind_indexes)
    email_index: dict[type[Entity], PrefixIndex] = dataclasses.field(
        default_factory=_kind_indexes
    )
    #: users' display names and identity provider user ids in text order (set ones only);
    #: written through ``add`` and ``set_user_attribute``
    user_index: dict[str, PrefixIndex] = dataclasses.field(default_factory=_user_indexes)

    # --- finding ---------------------------------------------------------------------

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

    @overload
    def find(
        self, identifier: str, kind: type[E], *, live: bool = ..., by_id: bool = ...,
        operation: str = ..., wrong_kind: str | None = ...,
    ) -> E: ...

    @overload
    def find(
        self, identifier: str, kind: tuple[type[Entity], ...], *, live: bool = ...,
        by_id: bool = ..., operation: str = ..., wrong_kind: str | None = ...,
    ) -> Entity: ...

    def find(
        self,
        identifier: str,
        kind: type[Entity] | tuple[type[Entity], ...],
        *,
        live: bool = False,
        by_id: bool = False,
        operation: str = "The operation",
        wrong_kind: str | None = None,
    ) -> Entity:
        """The entity an identifier (id, email or name; only the id with ``by_id``) names.

        EntityNotFoundException when there is none of the kinds asked for; with
        ``wrong_kind`` an entity of another kind is an InvalidParameterException whose
        message ends with that text. With ``live`` a DELETED entity is an
        EntityStateException: deleted entities stay visible to reads only.
        """
        kinds = kind if isinstance(kind, tuple) else (kind,)
        entity = self.get(identifier) if by_id else self.resolve(identifier)
        if entity is not None and not isinstance(entity, kinds):
            if wrong_kind is not None:
                raise InvalidParameterException(
                    f"Entity {identifier} is a {entity.noun}{wrong_kind}"
                )
            entity = None
        if entity is None:
            raise EntityNotFoundException(
                f"{_what(kinds)} {identifier} does not exist in organization "
                f"{self.organization_id}"
            )
        if live:
            require_live(entity, operation)
        return entity

    def store_of_kind(self, kind: type[Entity]) -> OrderedStore[Entity]:
        stores: dict[type[Entity], OrderedStore[Entity]] = {
            User: self.users, Group: self.groups, Resource: self.resources,  # type: ignore[dict-item]
        }
        return stores[kind]

    # --- adding, naming ---------------------------------------------------------------

    def add(self, entity: Entity) -> None:
        """Add a new entity under its name (ReservedName / NameAvailability otherwise)."""
        self.claim_name(entity.name, entity.id)
        self.store_of_kind(type(entity)).add(entity.id, entity)
        self.name_index[type(entity)].add(entity.name, entity.id)
        if entity.email is not None:
            self.email_index[type(entity)].add(entity.email, entity.id)
        if isinstance(entity, User):
            for attribute, index in self.user_index.items():
                value = getattr(entity, attribute)
                if value is not None:
                    index.add(value, entity.id)

    def set_user_attribute(self, user: User, attribute: str, value: str | None) -> None:
        """Change one attribute of a user (UpdateUser), keeping the prefix index of an
        indexed one (``USER_INDEXED``) in step."""
        index = self.user_index.get(attribute)
        if index is not None:
            old = getattr(user, attribute)
            if old is not None:
                index.remove(old, user.id)
            if value is not None:
                index.add(value, user.id)
        setattr(user, attribute, value)

    def prefix_index(self, kind: type[Entity], attribute: str) -> PrefixIndex | None:
        """The prefix index of an attribute of a kind, or None when there is none."""
        if attribute == "name":
            return self.name_index[kind]
        if attribute == "email":
            return self.email_index[kind]
        return self.user_index.get(attribute) if kind is User else None

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

    def rename(self, entity: Entity, name: str) -> None:
        self.claim_name(name, entity.id)
        if entity.name.casefold() != name.casefold():
            self.names.pop(entity.name.casefold(), None)
        index = self.name_index[type(entity)]
        index.remove(entity.name, entity.id)
        entity.name = name
        index.add(name, entity.id)

    def _set_email(self, entity: Entity, email: str | None) -> None:
        index = self.email_index[type(entity)]
        if entity.email is not None:
            index.remove(entity.email, entity.id)
        entity.email = email
        if email is not None:
            index.add(email, entity.id)

    # --- addresses --------------------------------------------------------------------

    def holder_of(self, address: str) -> Entity | None:
        entity_id = self.addresses.get(address.lower())
        return self.get(entity_id) if entity_id is not None else None

    def addresses_in(self, domain: str) -> int:
        return self.domain_use.get(domain.lower(), 0)

    def _claim(self, address: str, entity: Entity) -> None:
        key = address.lower()
        if self.addresses.get(key) == entity.id:
            return
        self.addresses[key] = entity.id
        self.domain_use[domain_of(key)] += 1

    def _release(self, address: str, entity: Entity) -> None:
        """Release an address only if this entity holds it."""
        key = address.lower()
        if self.addresses.get(key) != entity.id:
            return
        del self.addresses[key]
        domain = domain_of(key)
        self.domain_use[domain] -= 1
        if self.domain_use[domain] <= 0:
            del self.domain_use[domain]

    def aliases_of(self, entity: Entity) -> OrderedStore[str]:
        """The entity's aliases (a new empty store, not kept, when it has none)."""
        return self.aliases.get(entity.id) or OrderedStore()

    def has_alias(self, entity: Entity, alias: str) -> bool:
        return alias.lower() in self.aliases.get(entity.id, ())

    def add_alias(self, entity: Entity, alias: str) -> None:
        self.aliases.setdefault(entity.id, OrderedStore()).add(alias.lower(), alias)
        self._claim(alias, entity)

    def remove_alias(self, entity: Entity, alias: str) -> None:
        store = self.aliases.get(entity.id)
        if store is None or store.remove(alias.lower()) is None:
            return
        if not len(store):
            del self.aliases[entity.id]
        self._release(alias, entity)

    def set_primary(self, entity: Entity, email: str) -> None:
        """Make ``email`` the entity's primary address. A previous, different primary
        address becomes an alias; a new address that was an alias stops being one
        (UpdatePrimaryEmailAddress's documented swap)."""
        current = entity.email
        if current is not None and current.lower() == email.lower():
            self._set_email(entity, email)  # the same address: at most its spelling changes
            return
        self.remove_alias(entity, email)
        self._claim(email, entity)
        self._set_email(entity, email)
        if current is not None:
            self.add_alias(entity, current)

    def rename_primary(self, entity: Entity, email: str) -> None:
        """Replace the primary address; the old one is released, not kept as an alias.
        A new address that was an alias of the entity stops being one."""
        old = entity.email
        self.remove_alias(entity, email)
        if old is not None and old.lower() != email.lower():
            self._release(old, entity)
        self._claim(email, entity)
        self._set_email(entity, email)

    def drop_addresses(self, entity: Entity) -> None:
        """Release the primary address and every alias of an entity."""
        for alias in list(self.aliases_of(entity)):
            self.remove_alias(entity, alias)
        if entity.email is not None:
            self._release(entity.email, entity)
        self._set_email(entity, None)

    # --- state changes ----------------------------------------------------------------

    def enable(self, entity: Entity, email: str) -> None:
        """RegisterToWorkMail: the entity gets its primary address and a mailbox."""
        self.set_primary(entity, email)
        entity.state = EntityState.ENABLED
        entity.enabled_date = runtime.current().now()
        entity.disabled_date = None

    def disable(self, entity: Entity) -> None:
        """DeregisterFromWorkMail: its addresses are released (docs/aws-behaviour.md 6)."""
        self.drop_addresses(entity)
        entity.state = EntityState.DISABLED
        entity.disabled_date = runtime.current().now()

    def forget(self, entity: Entity) -> None:
        """A deleted entity keeps its id and kind (listed as DELETED), nothing else."""
        self.drop_addresses(entity)
        if self.names.get(entity.name.casefold()) == entity.id:
            del self.names[entity.name.casefold()]
        entity.state = EntityState.DELETED
        if isinstance(entity, User):
            entity.password_hash = None

    def enabled_users(self) -> int:
        return sum(1 for user in self.users if user.state == EntityState.ENABLED)


def require_live(entity: Entity, operation: str) -> None:
    """A deleted entity stays visible to Describe*/List*, but nothing else may touch it."""
    if entity.state == EntityState.DELETED:
        raise EntityStateException(
            f"{entity.LABEL} {entity.id} is in state DELETED; {operation} can't be used on a "
            "deleted entity"
        )


def require_enabled(entity: Entity, operation: str) -> None:
    """Address and mailbox operations need a registered entity (a guess,
    docs/aws-behaviour.md section 6)."""
    require_live(entity, operation)
    if entity.state != EntityState.ENABLED:
        raise EntityStateException(
            f"{entity.LABEL} {entity.id} is in state {entity.state}; {operation} needs an "
            "entity registered to WorkMail (ENABLED)"
        )


def filtered_page(
    directory: EntityDirectory,
    kind: type[E],
    limit: int,
    token: str | None,
    filters: dict[str, str] | None,
    one_per_request: str | None = None,
) -> tuple[list[E], str | None]:
    """A page of ListUsers/ListGroups/ListResources: every prefix filter (name, primary
    address, and a user's display name or identity provider user id) is looked up in the
    directory's prefix indexes, the one with the fewest matches giving the candidates, so
    a filtered page costs about the page, not the organization (bench/bench_scale.py);
    the other filters are checked on the way."""
    keep = entity_filter(filters, one_per_request)
    store: Any = directory.store_of_kind(kind)
    given = filters or {}
    prefixes = {
        "name": given.get("NamePrefix") or given.get("UsernamePrefix"),  # as entity_filter
        "email": given.get("PrimaryEmailPrefix"),
        "display_name": given.get("DisplayNamePrefix"),
        "identity_provider_user_id": given.get("IdentityProviderUserIdPrefix"),
    }
    best: tuple[int, Callable[[], list[str]]] | None = None
    for attribute, prefix in prefixes.items():
        index = directory.prefix_index(kind, attribute) if prefix else None
        if index is None or not prefix:
            continue
        span = index.span(prefix)
        if best is None or span[0] < best[0]:
            best = span  # the fewest candidates: every prefix must hold anyway
    if best is None:
        page: tuple[list[E], str | None] = store.page(limit, token, keep)
        return page
    found: tuple[list[E], str | None] = store.page_among(limit, token, keep, *best)
    return found


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
