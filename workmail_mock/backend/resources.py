"""Resources (rooms and equipment): create, describe, list, update, delete, and the
delegates (users and groups) that answer booking requests on a resource's behalf."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from workmail_mock.backend import ids
from workmail_mock.backend.addresses import check_address, check_mail_domain
from workmail_mock.backend.base import BackendState, page_size
from workmail_mock.backend.directory import check_not_read_only, check_writable
from workmail_mock.backend.entities import Entity, check_not_deleted, entity_filter, find_entity
from workmail_mock.backend.store import OrderedStore
from workmail_mock.exceptions import (
    EntityNotFoundException,
    InvalidConfigurationException,
    InvalidParameterException,
    NameAvailabilityException,
    ReservedNameException,
)

if TYPE_CHECKING:
    from workmail_mock.backend.organizations import Organization


@dataclasses.dataclass
class BookingOptions:
    """How a resource answers meeting requests (WorkMail's defaults)."""

    auto_accept_requests: bool = True
    auto_decline_recurring_requests: bool = False
    auto_decline_conflicting_requests: bool = True


@dataclasses.dataclass(eq=False)
class Resource(Entity):
    KIND: ClassVar[str] = "RESOURCE"

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


class ResourcesMixin(BackendState):
    """CreateResource, DescribeResource, ListResources, UpdateResource, DeleteResource,
    AssociateDelegateToResource, DisassociateDelegateFromResource, ListResourceDelegates."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        #: (organization id, resource id) -> the resource's delegates by id, in the order
        #: they were associated
        self._delegates: dict[tuple[str, str], OrderedStore[Entity]] = {}

    def _resource(self, org: Organization, resource_id: str) -> Resource:
        """The resource an id, email address or name names, as the model documents."""
        return find_entity(  # type: ignore[return-value]
            org, resource_id, (Resource.KIND,), "Resource"
        )

    def create_resource(
        self,
        organization_id: str,
        name: str,
        type: str,
        description: str | None = None,
        hidden_from_global_address_list: bool | None = None,
    ) -> dict[str, str]:
        org = self._organization(organization_id)
        check_writable(org, self.account_id, self.region_name)
        resource = Resource(
            id=ids.resource_id(),
            name=name,
            resource_type=type,
            description=description,
            hidden_from_global_address_list=bool(hidden_from_global_address_list),
        )
        org.entities.claim_name(name, resource.id)
        org.entities.resources.add(resource.id, resource)
        return {"ResourceId": resource.id}

    def describe_resource(self, organization_id: str, resource_id: str) -> Resource:
        org = self._organization(organization_id)
        return self._resource(org, resource_id)

    def list_resources(
        self,
        organization_id: str,
        next_token: str | None = None,
        max_results: int | None = None,
        filters: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        org = self._organization(organization_id)
        page, token = org.entities.resources.page(
            page_size(max_results), next_token, entity_filter(filters, "ListResources")
        )
        return {"Resources": page, "NextToken": token}

    def _forget_entity(self, org: Organization, entity: Entity) -> None:
        if entity.KIND == "RESOURCE":
            self._delegates.pop((org.id, entity.id), None)
        else:
            for resource in org.entities.resources:
                delegates = self._delegates.get((org.id, resource.id))
                if delegates is not None:
                    delegates.remove(entity.id)
        super()._forget_entity(org, entity)

    def _live_resource(self, org: Organization, resource_id: str, operation: str) -> Resource:
        """The resource an identifier (id, email or name) names, unless it is deleted."""
        resource = find_entity(org, resource_id, ("RESOURCE",), "Resource")
        check_not_deleted(resource, operation)
        return resource  # type: ignore[return-value]

    def update_resource(
        self,
        organization_id: str,
        resource_id: str,
        name: str | None = None,
        booking_options: dict[str, bool] | None = None,
        description: str | None = None,
        type: str | None = None,
        hidden_from_global_address_list: bool | None = None,
    ) -> None:
        """Change what is given. A rename of an ENABLED resource moves its primary address
        to the new name (in the domain the name names, else the current one), and a name
        of the form ``name@domain`` needs a registered, verified mail domain: that is how
        the model's EmailAddressInUse and MailDomain* errors can arise here (a guess; the
        old address is released, not kept as an alias)."""
        org = self._organization(organization_id)
        check_writable(org, self.account_id, self.region_name)
        resource = self._live_resource(org, resource_id, "UpdateResource")
        booking = resource.booking_options
        if booking_options is not None:
            # Members left out keep their values (a guess: the model doesn't say).
            booking = BookingOptions(
                auto_accept_requests=booking_options.get(
                    "AutoAcceptRequests", booking.auto_accept_requests
                ),
                auto_decline_recurring_requests=booking_options.get(
                    "AutoDeclineRecurringRequests", booking.auto_decline_recurring_requests
                ),
                auto_decline_conflicting_requests=booking_options.get(
                    "AutoDeclineConflictingRequests", booking.auto_decline_conflicting_requests
                ),
            )
            if not booking.auto_accept_requests and not self._delegates.get(
                (org.id, resource.id)
            ):
                raise InvalidConfigurationException(
                    f"Resource {resource.id} can't stop auto-accepting requests without a "
                    "delegate: a resource must either be able to auto-respond to requests or "
                    "have at least one delegate associated that can do so on its behalf"
                )
        new_email = resource.email
        renamed = name is not None and name != resource.name
        if name is not None and renamed:
            local, _, name_domain = name.partition("@")
            if resource.state == "ENABLED" and resource.email:
                domain = name_domain or resource.email.rsplit("@", 1)[-1]
                new_email = f"{local}@{domain}"
                if new_email.lower() != resource.email.lower():
                    check_address(org, "RegisterToWorkMail", "Email", new_email, resource)
                else:
                    new_email = resource.email
            elif name_domain:
                check_mail_domain(org, name)
            try:
                org.entities.claim_name(name, resource.id)
            except ReservedNameException as error:
                # UpdateResource lists no ReservedNameException: the name is unavailable.
                raise NameAvailabilityException(error.message) from None
            if resource.name.casefold() != name.casefold():
                org.entities.release_name(resource.name)
            resource.name = name
        if new_email is not None and resource.email is not None and new_email != resource.email:
            old = resource.email
            if org.entities.addresses.get(old.lower()) == resource.id:
                org.entities.release_address(old)
            if org.entities.addresses.get(new_email.lower()) != resource.id:
                org.entities.claim_address(new_email, resource.id)
            resource.email = new_email
        resource.booking_options = booking
        if description is not None:
            resource.description = description or None  # an empty description clears it
        if type is not None:
            resource.resource_type = type
        if hidden_from_global_address_list is not None:
            resource.hidden_from_global_address_list = hidden_from_global_address_list

    def delete_resource(self, organization_id: str, resource_id: str) -> None:
        """Delete a DISABLED resource; it stays listed in state DELETED, without its name,
        addresses and delegates."""
        org = self._organization(organization_id)
        check_not_read_only(org, "DeleteResource")
        self._delete_disabled_entity(org, resource_id, "RESOURCE")

    def _delegate(self, org: Organization, identifier: str, operation: str) -> Entity:
        """A user or group; a resource can't be a delegate (InvalidParameterException is a
        guess: the model says "Users and groups can be resource delegates")."""
        entity = org.entities.resolve(identifier)
        if entity is not None and entity.KIND == "RESOURCE":
            raise InvalidParameterException(
                f"Entity {identifier} is a resource; only users and groups can be delegates"
            )
        entity = find_entity(org, identifier, ("USER", "GROUP"), "User or group")
        check_not_deleted(entity, operation)
        return entity

    def associate_delegate_to_resource(
        self, organization_id: str, resource_id: str, entity_id: str
    ) -> None:
        """Associating a delegate twice is a no-op (a guess)."""
        org = self._organization(organization_id)
        check_not_read_only(org, "AssociateDelegateToResource")
        resource = self._live_resource(org, resource_id, "AssociateDelegateToResource")
        delegate = self._delegate(org, entity_id, "AssociateDelegateToResource")
        delegates = self._delegates.setdefault((org.id, resource.id), OrderedStore())
        if delegate.id not in delegates:
            delegates.add(delegate.id, delegate)

    def disassociate_delegate_from_resource(
        self, organization_id: str, resource_id: str, entity_id: str
    ) -> None:
        """Removing the last delegate of a resource that doesn't auto-accept is allowed:
        the model lists no InvalidConfigurationException here."""
        org = self._organization(organization_id)
        check_not_read_only(org, "DisassociateDelegateFromResource")
        resource = self._live_resource(org, resource_id, "DisassociateDelegateFromResource")
        delegate = self._delegate(org, entity_id, "DisassociateDelegateFromResource")
        delegates = self._delegates.get((org.id, resource.id))
        if delegates is None or delegates.remove(delegate.id) is None:
            # A guess, as for group members: the delegation is what is not found.
            raise EntityNotFoundException(
                f"{delegate.name} ({delegate.id}) is not a delegate of resource {resource.id}"
            )

    def list_resource_delegates(
        self,
        organization_id: str,
        resource_id: str,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> dict[str, Any]:
        org = self._organization(organization_id)
        check_not_read_only(org, "ListResourceDelegates")
        resource = self._live_resource(org, resource_id, "ListResourceDelegates")
        store = self._delegates.get((org.id, resource.id)) or OrderedStore()
        page, token = store.page(page_size(max_results), next_token)
        return {"Delegates": [{"Id": d.id, "Type": d.KIND} for d in page], "NextToken": token}
