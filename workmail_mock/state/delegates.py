"""Resource delegates: the users and groups that answer booking requests for a resource."""

from __future__ import annotations

import dataclasses

from workmail_mock.state.entities import Entity, Resource
from workmail_mock.state.store import OrderedStore


@dataclasses.dataclass(eq=False)
class Delegates:
    #: resource id -> its delegates by id, in the order they were associated
    of_resource: dict[str, OrderedStore[Entity]] = dataclasses.field(default_factory=dict)

    def delegates_of(self, resource: Resource) -> OrderedStore[Entity]:
        return self.of_resource.get(resource.id) or OrderedStore()

    def has_any(self, resource: Resource) -> bool:
        return bool(self.of_resource.get(resource.id))

    def add(self, resource: Resource, delegate: Entity) -> None:
        """Associating a delegate twice is a no-op (a guess)."""
        store = self.of_resource.setdefault(resource.id, OrderedStore())
        if delegate.id not in store:
            store.add(delegate.id, delegate)

    def remove(self, resource: Resource, delegate: Entity) -> bool:
        """False when ``delegate`` is not a delegate of ``resource``."""
        store = self.of_resource.get(resource.id)
        return store is not None and store.remove(delegate.id) is not None

    def forget(self, entity: Entity) -> None:
        self.of_resource.pop(entity.id, None)
        for store in self.of_resource.values():
            store.remove(entity.id)
