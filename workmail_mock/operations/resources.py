"""Resources (rooms and equipment): create, describe, list, update, delete, and the
delegates (users and groups) that answer booking requests on a resource's behalf."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import (
    EntityNotFoundException,
    InvalidConfigurationException,
    NameAvailabilityException,
    ReservedNameException,
)
from workmail_mock.operations.addresses import check_address, check_mail_domain
from workmail_mock.operations.entities import delete_entity, list_entities
from workmail_mock.operations.registry import Call, Directory, operation, page_size
from workmail_mock.state import ids
from workmail_mock.state.entities import BookingOptions, Entity, Group, Resource, User
from workmail_mock.state.kinds import EntityState


@operation("CreateResource", directory=Directory.WRITABLE)
def create_resource(
    call: Call,
    name: str,
    type: str,
    description: str | None = None,
    hidden_from_global_address_list: bool | None = None,
) -> dict[str, str]:
    resource = Resource(
        id=ids.resource_id(),
        name=name,
        resource_type=type,
        description=description,
        hidden_from_global_address_list=bool(hidden_from_global_address_list),
    )
    call.org.directory.add(resource)
    return {"ResourceId": resource.id}


@operation("DescribeResource")
def describe_resource(call: Call, resource_id: str) -> Resource:
    return call.find(resource_id, Resource)


list_resources = operation("ListResources")(list_entities(Resource, "Resources"))


def _booking(
    call: Call, resource: Resource, booking_options: dict[str, bool] | None
) -> BookingOptions:
    """Members left out keep their values (a guess: the model doesn't say)."""
    booking = resource.booking_options
    if booking_options is None:
        return booking
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
    if not booking.auto_accept_requests and not call.org.delegates.has_any(resource):
        raise InvalidConfigurationException(
            f"Resource {resource.id} can't stop auto-accepting requests without a "
            "delegate: a resource must either be able to auto-respond to requests or "
            "have at least one delegate associated that can do so on its behalf"
        )
    return booking


@operation("UpdateResource", directory=Directory.WRITABLE)
def update_resource(
    call: Call,
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
    org = call.org
    resource = call.find(resource_id, Resource, live=True)
    booking = _booking(call, resource, booking_options)
    new_email: str | None = None
    if name is not None and name != resource.name:
        local, _, name_domain = name.partition("@")
        if resource.state == EntityState.ENABLED and resource.email:
            domain = name_domain or resource.email.rsplit("@", 1)[-1]
            if f"{local}@{domain}".lower() != resource.email.lower():
                new_email = f"{local}@{domain}"
                check_address(call, "RegisterToWorkMail", "Email", new_email, resource)
        elif name_domain:
            check_mail_domain(call, name)
        try:
            org.directory.rename(resource, name)
        except ReservedNameException as error:
            # UpdateResource lists no ReservedNameException: the name is unavailable.
            raise NameAvailabilityException(error.message) from None
    if new_email is not None:
        org.directory.rename_primary(resource, new_email)
    resource.booking_options = booking
    if description is not None:
        resource.description = description or None  # an empty description clears it
    if type is not None:
        resource.resource_type = type
    if hidden_from_global_address_list is not None:
        resource.hidden_from_global_address_list = hidden_from_global_address_list


@operation("DeleteResource", directory=Directory.NOT_READ_ONLY)
def delete_resource(call: Call, resource_id: str) -> None:
    """A DISABLED resource stays listed as DELETED, without its name, addresses and
    delegates."""
    delete_entity(call, resource_id, Resource)


def _delegate(call: Call, identifier: str) -> Entity:
    """A user or group; a resource can't be a delegate (InvalidParameterException is a
    guess: the model says "Users and groups can be resource delegates")."""
    return call.find(
        identifier, (User, Group), live=True,
        wrong_kind="; only users and groups can be delegates",
    )


@operation("AssociateDelegateToResource", directory=Directory.NOT_READ_ONLY)
def associate_delegate_to_resource(call: Call, resource_id: str, entity_id: str) -> None:
    resource = call.find(resource_id, Resource, live=True)
    call.org.delegates.add(resource, _delegate(call, entity_id))


@operation("DisassociateDelegateFromResource", directory=Directory.NOT_READ_ONLY)
def disassociate_delegate_from_resource(call: Call, resource_id: str, entity_id: str) -> None:
    """Removing the last delegate of a resource that doesn't auto-accept is allowed: the
    model lists no InvalidConfigurationException here."""
    resource = call.find(resource_id, Resource, live=True)
    delegate = _delegate(call, entity_id)
    if not call.org.delegates.remove(resource, delegate):
        # A guess, as for group members: the delegation is what is not found.
        raise EntityNotFoundException(
            f"{delegate.name} ({delegate.id}) is not a delegate of resource {resource.id}"
        )


@operation("ListResourceDelegates", directory=Directory.NOT_READ_ONLY)
def list_resource_delegates(
    call: Call,
    resource_id: str,
    next_token: str | None = None,
    max_results: int | None = None,
) -> dict[str, Any]:
    resource = call.find(resource_id, Resource, live=True)
    page, token = call.org.delegates.delegates_of(resource).page(
        page_size(max_results), next_token
    )
    return {"Delegates": [{"Id": d.id, "Type": d.KIND.value} for d in page], "NextToken": token}
