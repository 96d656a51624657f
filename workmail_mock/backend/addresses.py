"""Email addresses of users, groups and resources: registering to WorkMail (which gives an
entity its primary address), deregistering, the primary address, aliases, and finding an
entity by address.

An address belongs to at most one entity across primary addresses and aliases,
compared case-insensitively; ``org.entities.addresses`` and ``domain_use`` always
reflect every address held, so DeregisterMailDomain can refuse a domain in use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moto.core.utils import utcnow

from workmail_mock.backend.base import BackendState, page_size
from workmail_mock.backend.directory import check_directory_available
from workmail_mock.backend.domains import domain_of
from workmail_mock.backend.entities import Entity, check_not_deleted, find_entity, label
from workmail_mock.backend.store import OrderedStore
from workmail_mock.exceptions import (
    EmailAddressInUseException,
    EntityAlreadyRegisteredException,
    EntityNotFoundException,
    EntityStateException,
    InvalidParameterException,
    LimitExceededException,
    MailDomainNotFoundException,
    MailDomainStateException,
)
from workmail_mock.protocol.validator import fully_matches

if TYPE_CHECKING:
    from workmail_mock.backend.organizations import Organization

def check_mail_domain(org: Organization, address: str) -> None:
    """The domain of an address must be a registered and verified mail domain of the
    organization."""
    domain_name = domain_of(address)
    domain = org.domains.get(domain_name)
    if domain is None:
        raise MailDomainNotFoundException(
            f"Domain {domain_name} of {address} is not a mail domain of organization {org.id}"
        )
    if not domain.verified:
        raise MailDomainStateException(
            f"Domain {domain.domain_name} of {address} is "
            f"{domain.ownership_verification_status}; it must be verified before addresses "
            "in it can be used"
        )


def check_address(
    org: Organization, operation: str, member: str, address: str, owner: Entity
) -> None:
    """The address (the value of ``member`` of ``operation``) must be well formed, in a
    registered and verified mail domain of the organization, and not held by another
    entity."""
    # The front end matches the model's pattern as a prefix (search semantics); the
    # address itself must be all of it, or "x y@example.com" would pass (our reading).
    if not fully_matches(operation, member, address):
        raise InvalidParameterException(f"{address} is not a valid email address")
    check_mail_domain(org, address)
    holder = org.entities.addresses.get(address.lower())
    if holder is not None and holder != owner.id:
        raise EmailAddressInUseException(
            f"The email address {address} is already used by entity {holder} in "
            f"organization {org.id}"
        )


class AddressesMixin(BackendState):
    """RegisterToWorkMail, DeregisterFromWorkMail, UpdatePrimaryEmailAddress, CreateAlias,
    DeleteAlias, ListAliases, DescribeEntity."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        #: (organization id, entity id) -> the entity's aliases (lower-cased key -> as given),
        #: in the order they were added; ``Entity.aliases`` mirrors it.
        self._alias_stores: dict[tuple[str, str], OrderedStore[str]] = {}

    # --- helpers ---------------------------------------------------------------------

    def _aliases(
        self, org: Organization, entity: Entity, *, create: bool = False
    ) -> OrderedStore[str]:
        """The entity's alias store; a read doesn't keep a store it had to build, so that
        reads and rejected requests leave the state as it was."""
        key = (org.id, entity.id)
        store = self._alias_stores.get(key)
        if store is None:
            store = OrderedStore()
            for alias in entity.aliases:
                store.add(alias.lower(), alias)
            if create:
                self._alias_stores[key] = store
        return store

    @staticmethod
    def _release(org: Organization, entity: Entity, address: str) -> None:
        """Release an address only if this entity holds it (a released address may already
        belong to someone else)."""
        if org.entities.addresses.get(address.lower()) == entity.id:
            org.entities.release_address(address)

    def _drop_addresses(self, org: Organization, entity: Entity) -> None:
        """Release the primary address and every alias of an entity."""
        for address in [entity.email, *entity.aliases]:
            if address:
                self._release(org, entity, address)
        store = self._alias_stores.pop((org.id, entity.id), None)
        for alias in store or ():
            self._release(org, entity, alias)
        entity.email = None
        entity.aliases = []

    def _add_alias(self, org: Organization, entity: Entity, alias: str) -> None:
        self._aliases(org, entity, create=True).add(alias.lower(), alias)
        entity.aliases.append(alias)
        org.entities.claim_address(alias, entity.id)

    def _remove_alias(self, org: Organization, entity: Entity, alias: str) -> bool:
        """Remove an alias; False when the entity has no such alias."""
        if alias.lower() not in self._aliases(org, entity):
            return False
        self._aliases(org, entity, create=True).remove(alias.lower())
        entity.aliases = [a for a in entity.aliases if a.lower() != alias.lower()]
        self._release(org, entity, alias)
        return True

    def _forget_entity(self, org: Organization, entity: Entity) -> None:
        self._drop_addresses(org, entity)
        super()._forget_entity(org, entity)

    # --- operations ------------------------------------------------------------------

    def register_to_work_mail(self, organization_id: str, entity_id: str, email: str) -> None:
        org = self._organization(organization_id)
        # DirectoryServiceAuthenticationFailedException can't happen: the mock's directories
        # take no credentials. UnsupportedOperationException neither: the mock has no
        # directory-synchronized entities that WorkMail could not register.
        check_directory_available(org, self.account_id, self.region_name)
        entity = find_entity(org, entity_id, ("USER", "GROUP", "RESOURCE"))
        check_not_deleted(entity, "RegisterToWorkMail")
        if entity.state == "ENABLED":
            if (entity.email or "").lower() == email.lower():
                return  # "It performs no change if the user, group, or resource is enabled"
            raise EntityAlreadyRegisteredException(
                f"{label(entity)} {entity.id} is already registered to WorkMail with the email "
                f"address {entity.email}; use UpdatePrimaryEmailAddress to change it"
            )
        check_address(org, "RegisterToWorkMail", "Email", email, entity)
        entity.email = email
        org.entities.claim_address(email, entity.id)
        entity.state = "ENABLED"
        entity.enabled_date = utcnow()
        entity.disabled_date = None

    def deregister_from_work_mail(self, organization_id: str, entity_id: str) -> None:
        """Disable an entity. Its primary address and aliases are released, so they can be
        given to another entity and their domain can be deregistered: the mailbox goes to
        clean-up, and AWS documents no address kept for a disabled entity (a guess,
        docs/aws-behaviour.md section 6). Registering again starts without aliases."""
        org = self._organization(organization_id)
        entity = find_entity(org, entity_id, ("USER", "GROUP", "RESOURCE"))
        check_not_deleted(entity, "DeregisterFromWorkMail")
        if entity.state != "ENABLED":
            # A guess: the model lists EntityStateException, and there is nothing to disable.
            raise EntityStateException(
                f"{label(entity)} {entity.id} is in state {entity.state}; only an ENABLED "
                "entity can be deregistered from WorkMail"
            )
        self._drop_addresses(org, entity)
        entity.state = "DISABLED"
        entity.disabled_date = utcnow()

    def update_primary_email_address(
        self, organization_id: str, entity_id: str, email: str
    ) -> None:
        org = self._organization(organization_id)
        check_directory_available(org, self.account_id, self.region_name)
        entity = find_entity(org, entity_id, ("USER", "GROUP", "RESOURCE"))
        self._require_enabled(entity, "UpdatePrimaryEmailAddress")
        current = entity.email or ""
        check_address(org, "UpdatePrimaryEmailAddress", "Email", email, entity)
        if current.lower() == email.lower():
            entity.email = email  # the same address: at most its spelling changes
            return
        # "The current email is moved into the list of aliases (or swapped between an
        # existing alias and the current primary email)". The alias quota is not checked
        # here: the model lists no LimitExceededException for this operation.
        self._remove_alias(org, entity, email)
        if org.entities.addresses.get(email.lower()) != entity.id:
            org.entities.claim_address(email, entity.id)
        entity.email = email
        self._aliases(org, entity, create=True).add(current.lower(), current)
        entity.aliases.append(current)

    def _require_enabled(self, entity: Entity, operation: str) -> None:
        """Address operations need a registered entity: a disabled one has no mailbox and
        no addresses (a guess, docs/aws-behaviour.md section 6)."""
        check_not_deleted(entity, operation)
        if entity.state != "ENABLED":
            raise EntityStateException(
                f"{label(entity)} {entity.id} is in state {entity.state}; {operation} needs an "
                "entity registered to WorkMail (ENABLED)"
            )

    def create_alias(self, organization_id: str, entity_id: str, alias: str) -> None:
        """Aliases for users and groups, as the model says, and also for resources: a
        resource gets aliases through UpdatePrimaryEmailAddress anyway."""
        org = self._organization(organization_id)
        entity = find_entity(org, entity_id, ("USER", "GROUP", "RESOURCE"))
        self._require_enabled(entity, "CreateAlias")
        if (entity.email or "").lower() == alias.lower():
            raise EmailAddressInUseException(
                f"The email address {alias} is already the primary address of "
                f"{label(entity).lower()} {entity.id}"
            )
        check_address(org, "CreateAlias", "Alias", alias, entity)
        store = self._aliases(org, entity)
        if alias.lower() in store:
            return  # already an alias of this entity: nothing to add (a guess)
        if len(store) >= self.quotas.aliases_per_entity:
            raise LimitExceededException(
                f"{label(entity)} {entity.id} already has {len(store)} aliases; the quota is "
                f"{self.quotas.aliases_per_entity} per entity"
            )
        self._add_alias(org, entity, alias)

    def delete_alias(self, organization_id: str, entity_id: str, alias: str) -> None:
        org = self._organization(organization_id)
        entity = find_entity(org, entity_id, ("USER", "GROUP", "RESOURCE"))
        check_not_deleted(entity, "DeleteAlias")
        if (entity.email or "").lower() == alias.lower():
            raise InvalidParameterException(
                f"{alias} is the primary email address of {label(entity).lower()} {entity.id}, "
                "not an alias; use UpdatePrimaryEmailAddress to replace it"
            )
        # Removing an alias the entity doesn't have is a no-op (a guess: the model describes
        # the input as a set and lists no not-found error for aliases).
        self._remove_alias(org, entity, alias)

    def list_aliases(
        self,
        organization_id: str,
        entity_id: str,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> dict[str, Any]:
        """The aliases only, without the primary address (a guess, docs/aws-behaviour.md
        section 8)."""
        org = self._organization(organization_id)
        entity = find_entity(org, entity_id, ("USER", "GROUP", "RESOURCE"))
        check_not_deleted(entity, "ListAliases")
        page, token = self._aliases(org, entity).page(page_size(max_results), next_token)
        return {"Aliases": page, "NextToken": token}

    def describe_entity(self, organization_id: str, email: str) -> dict[str, str]:
        """The entity holding an address, as primary address or alias."""
        org = self._organization(organization_id)
        if not fully_matches("DescribeEntity", "Email", email):
            raise InvalidParameterException(f"{email} is not a valid email address")
        holder = org.entities.addresses.get(email.lower())
        entity = org.entities.get(holder) if holder is not None else None
        if entity is None:
            raise EntityNotFoundException(
                f"No user, group or resource of organization {org.id} has the email address "
                f"{email}"
            )
        return {"EntityId": entity.id, "Name": entity.name, "Type": entity.KIND}
