"""Users, groups and resources: what each entity is. Where it is found, and which names
and addresses it holds in its organization, is the directory's business
(``state.directory``)."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import os
from datetime import datetime
from typing import ClassVar

from workmail_mock.state.kinds import EntityKind, EntityState

#: The default (and largest) mailbox quota in MB (docs/aws-behaviour.md section 1).
DEFAULT_MAILBOX_QUOTA = 51200

#: Few rounds: the hash only keeps passwords out of the mock's state, and tests are fast.
_HASH_ROUNDS = 1000


@dataclasses.dataclass(eq=False)
class Entity:
    """A user, group or resource of an organization."""

    KIND: ClassVar[EntityKind]
    #: How messages name the kind ("User", "Group", "Resource").
    LABEL: ClassVar[str] = "Entity"

    def __init_subclass__(cls, kind: EntityKind | None = None, **kwargs: object) -> None:
        """``class User(Entity, kind=EntityKind.USER)``: the kind, and its label."""
        super().__init_subclass__(**kwargs)
        if kind is not None:
            cls.KIND = kind
            cls.LABEL = kind.value.title()

    id: str
    name: str
    email: str | None = None
    state: EntityState = EntityState.DISABLED
    enabled_date: datetime | None = None
    disabled_date: datetime | None = None
    hidden_from_global_address_list: bool = False

    #: The serializer may keep this entity's encoded JSON for list pages (see
    #: ``protocol.serializer``); setting any attribute drops it.
    _wire_cacheable: ClassVar[bool] = True

    def __setattr__(self, name: str, value: object) -> None:
        # Straight into __dict__ (entities have no slots and no property setters): this
        # runs for every field of every new entity, so it is on CreateUser's hot path.
        attributes = self.__dict__
        if "_wire" in attributes:
            del attributes["_wire"]
        attributes[name] = value

    @property
    def type(self) -> str:
        return self.KIND.value

    @property
    def noun(self) -> str:
        """The kind in lower case, for the middle of a sentence."""
        return self.LABEL.lower()


@dataclasses.dataclass(eq=False)
class User(Entity, kind=EntityKind.USER):
    user_role: str = "USER"
    display_name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    initials: str | None = None
    telephone: str | None = None
    street: str | None = None
    job_title: str | None = None
    city: str | None = None
    company: str | None = None
    zip_code: str | None = None
    department: str | None = None
    country: str | None = None
    office: str | None = None
    identity_provider_user_id: str | None = None
    mailbox_quota: int = DEFAULT_MAILBOX_QUOTA
    mailbox_size: float = 0.0
    password_hash: str | None = dataclasses.field(default=None, repr=False)

    @property
    def user_id(self) -> str:
        return self.id

    @property
    def identity_provider_identity_store_id(self) -> str | None:
        """An IAM Identity Center user id ``<10 hex>-<uuid>`` carries the suffix of its
        identity store id ``d-<10 hex>``; a bare UUID tells nothing (store id absent)."""
        user_id = self.identity_provider_user_id
        if user_id and user_id.count("-") == 5:
            return "d-" + user_id.split("-", 1)[0]
        return None

    @property
    def mailbox_provisioned_date(self) -> datetime | None:
        """The mailbox is created when the user is registered (enabled)."""
        return self.enabled_date

    @property
    def mailbox_deprovisioned_date(self) -> datetime | None:
        """Deregistering removes the mailbox; registering again provisions it anew."""
        return self.disabled_date if self.state != EntityState.ENABLED else None

    def set_password(self, password: str) -> None:
        salt = os.urandom(16)
        digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, _HASH_ROUNDS)
        self.password_hash = f"{salt.hex()}${digest.hex()}"

    def password_matches(self, password: str) -> bool:
        """For features that sign users in; the stored hash never leaves the state."""
        if self.password_hash is None:
            return False
        salt, digest = self.password_hash.split("$", 1)
        candidate = hashlib.pbkdf2_hmac(
            "sha256", password.encode("utf-8"), bytes.fromhex(salt), _HASH_ROUNDS
        )
        return hmac.compare_digest(candidate.hex(), digest)


@dataclasses.dataclass(eq=False)
class Group(Entity, kind=EntityKind.GROUP):
    @property
    def group_id(self) -> str:
        return self.id


@dataclasses.dataclass
class BookingOptions:
    """How a resource answers meeting requests (WorkMail's defaults)."""

    auto_accept_requests: bool = True
    auto_decline_recurring_requests: bool = False
    auto_decline_conflicting_requests: bool = True


@dataclasses.dataclass(eq=False)
class Resource(Entity, kind=EntityKind.RESOURCE):
    resource_type: str = "ROOM"
    description: str | None = None
    booking_options: BookingOptions = dataclasses.field(default_factory=BookingOptions)

    @property
    def resource_id(self) -> str:
        return self.id

    @property
    def type(self) -> str:
        """The output member ``Type`` of a resource is ROOM or EQUIPMENT."""
        return self.resource_type
