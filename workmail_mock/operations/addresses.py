"""Email addresses of users, groups and resources: registering to WorkMail (which gives an
entity its primary address), deregistering, the primary address, aliases, and finding an
entity by address. The directory (``state.directory``) owns every address."""

from __future__ import annotations

from typing import Any

from workmail_mock import spec
from workmail_mock.errors import (
    EmailAddressInUseException,
    EntityAlreadyRegisteredException,
    EntityNotFoundException,
    EntityStateException,
    InvalidParameterException,
    LimitExceededException,
)
from workmail_mock.operations.registry import Call, Directory, operation, page_size
from workmail_mock.state.directory import domain_of, require_enabled
from workmail_mock.state.domains import check_usable
from workmail_mock.state.entities import Entity, Group, Resource, User
from workmail_mock.state.kinds import EntityState

_ANY = (User, Group, Resource)


def check_mail_domain(call: Call, address: str) -> None:
    """The domain of an address must be a registered and verified mail domain."""
    name = domain_of(address)
    check_usable(call.org.domains.get(name), name, address, call.org.id)


def check_address(call: Call, operation: str, member: str, address: str, owner: Entity) -> None:
    """The address (the value of ``member`` of ``operation``) must be well formed, in a
    registered and verified mail domain of the organization, and not held by another
    entity."""
    # The front end matches the model's pattern in part (search semantics); the address
    # itself must be all of it, or "x y@example.com" would pass (our reading).
    if not spec.fully_matches(operation, member, address):
        raise InvalidParameterException(f"{address} is not a valid email address")
    check_mail_domain(call, address)
    holder = call.org.directory.addresses.get(address.lower())
    if holder is not None and holder != owner.id:
        raise EmailAddressInUseException(
            f"The email address {address} is already used by entity {holder} in "
            f"organization {call.org.id}"
        )


@operation("RegisterToWorkMail", directory=Directory.AVAILABLE)
def register_to_work_mail(call: Call, entity_id: str, email: str) -> None:
    """DirectoryServiceAuthenticationFailedException can't happen: the mock's directories
    take no credentials. UnsupportedOperationException neither: the mock has no
    directory-synchronized entities that WorkMail could not register."""
    entity = call.find(entity_id, _ANY, live=True)
    if entity.state == EntityState.ENABLED:
        if (entity.email or "").lower() == email.lower():
            return  # "It performs no change if the user, group, or resource is enabled"
        raise EntityAlreadyRegisteredException(
            f"{entity.LABEL} {entity.id} is already registered to WorkMail with the email "
            f"address {entity.email}; use UpdatePrimaryEmailAddress to change it"
        )
    check_address(call, "RegisterToWorkMail", "Email", email, entity)
    call.org.directory.enable(entity, email)


@operation("DeregisterFromWorkMail")
def deregister_from_work_mail(call: Call, entity_id: str) -> None:
    """Disable an entity. Its primary address and aliases are released, so they can be
    given to another entity and their domain can be deregistered: the mailbox goes to
    clean-up, and AWS documents no address kept for a disabled entity (a guess,
    docs/aws-behaviour.md section 6). Registering again starts without aliases."""
    entity = call.find(entity_id, _ANY, live=True)
    if entity.state != EntityState.ENABLED:
        # A guess: the model lists EntityStateException, and there is nothing to disable.
        raise EntityStateException(
            f"{entity.LABEL} {entity.id} is in state {entity.state}; only an ENABLED "
            "entity can be deregistered from WorkMail"
        )
    call.org.directory.disable(entity)


@operation("UpdatePrimaryEmailAddress", directory=Directory.AVAILABLE)
def update_primary_email_address(call: Call, entity_id: str, email: str) -> None:
    """"The current email is moved into the list of aliases (or swapped between an
    existing alias and the current primary email)". The alias quota is not checked here:
    the model lists no LimitExceededException for this operation."""
    entity = call.find(entity_id, _ANY)
    require_enabled(entity, call.operation)
    check_address(call, "UpdatePrimaryEmailAddress", "Email", email, entity)
    call.org.directory.set_primary(entity, email)


@operation("CreateAlias")
def create_alias(call: Call, entity_id: str, alias: str) -> None:
    """Aliases for users and groups, as the model says, and also for resources: a
    resource gets aliases through UpdatePrimaryEmailAddress anyway."""
    entity = call.find(entity_id, _ANY)
    require_enabled(entity, call.operation)
    if (entity.email or "").lower() == alias.lower():
        raise EmailAddressInUseException(
            f"The email address {alias} is already the primary address of {entity.noun} "
            f"{entity.id}"
        )
    check_address(call, "CreateAlias", "Alias", alias, entity)
    directory = call.org.directory
    if directory.has_alias(entity, alias):
        return  # already an alias of this entity: nothing to add (a guess)
    held = len(directory.aliases_of(entity))
    quota = call.region.quotas.aliases_per_entity
    if held >= quota:
        raise LimitExceededException(
            f"{entity.LABEL} {entity.id} already has {held} aliases; the quota is {quota} per "
            "entity"
        )
    directory.add_alias(entity, alias)


@operation("DeleteAlias")
def delete_alias(call: Call, entity_id: str, alias: str) -> None:
    """Removing an alias the entity doesn't have is a no-op (a guess: the model describes
    the input as a set and lists no not-found error for aliases)."""
    entity = call.find(entity_id, _ANY, live=True)
    if (entity.email or "").lower() == alias.lower():
        raise InvalidParameterException(
            f"{alias} is the primary email address of {entity.noun} {entity.id}, not an "
            "alias; use UpdatePrimaryEmailAddress to replace it"
        )
    call.org.directory.remove_alias(entity, alias)


@operation("ListAliases")
def list_aliases(
    call: Call, entity_id: str, next_token: str | None = None, max_results: int | None = None
) -> dict[str, Any]:
    """The primary address first, then the aliases: the real service lists the primary
    address among the aliases (docs/aws-behaviour.md section 8)."""
    entity = call.find(entity_id, _ANY, live=True)
    aliases = call.org.directory.aliases_of(entity)
    size = page_size(max_results)
    if entity.email is None or next_token is not None:
        page, token = aliases.page(size, next_token)
        return {"Aliases": page, "NextToken": token}
    # The first page starts with the primary address; tokens are the alias store's own,
    # so they stay valid while aliases come and go.
    page, token = aliases.page(size - 1)
    return {"Aliases": [entity.email, *page], "NextToken": token}


@operation("DescribeEntity")
def describe_entity(call: Call, email: str) -> dict[str, str]:
    """The entity holding an address, as primary address or alias."""
    if not spec.fully_matches("DescribeEntity", "Email", email):
        raise InvalidParameterException(f"{email} is not a valid email address")
    entity = call.org.directory.holder_of(email)
    if entity is None:
        raise EntityNotFoundException(
            f"No user, group or resource of organization {call.org.id} has the email address "
            f"{email}"
        )
    return {"EntityId": entity.id, "Name": entity.name, "Type": entity.KIND.value}
