"""The enumerations of the model that state keeps: entity kinds and states, organization
states. Each member is its wire string (``str`` subclass), so it serializes as is."""

from __future__ import annotations

import enum


class WireEnum(str, enum.Enum):
    def __str__(self) -> str:
        return str(self.value)


class EntityState(WireEnum):
    ENABLED = "ENABLED"
    DISABLED = "DISABLED"
    DELETED = "DELETED"


class EntityKind(WireEnum):
    USER = "USER"
    GROUP = "GROUP"
    RESOURCE = "RESOURCE"


class OrganizationState(WireEnum):
    REQUESTED = "Requested"
    CREATING = "Creating"
    ACTIVE = "Active"
    DELETING = "Deleting"
    DELETED = "Deleted"
