"""Users: create, describe, update, list, delete, and reset their passwords.

A user starts DISABLED (no mailbox) until RegisterToWorkMail enables it. Passwords are
kept only as salted hashes and no output shape has a member that could carry them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import os
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from workmail_mock.backend import ids
from workmail_mock.backend.base import BackendState, page_size
from workmail_mock.backend.directory import check_writable
from workmail_mock.backend.entities import Entity, entity_filter
from workmail_mock.exceptions import (
    EntityNotFoundException,
    EntityStateException,
    InvalidParameterException,
    InvalidPasswordException,
    UnsupportedOperationException,
)

if TYPE_CHECKING:
    from workmail_mock.backend.organizations import Organization

#: The default (and largest) mailbox quota in MB (docs/aws-behaviour.md section 1).
DEFAULT_MAILBOX_QUOTA = 51200

#: Roles CreateUser and UpdateUser refuse: "You cannot pass SYSTEM_USER or RESOURCE" (model).
_DIRECTORY_ONLY_ROLES = frozenset({"SYSTEM_USER", "RESOURCE"})

#: "WorkMail directory user names have a maximum length of 64. All others have a maximum
#: length of 20." (model CreateUser.Name); the validator enforces the 64.
_EXTERNAL_DIRECTORY_NAME_MAX = 20

_PASSWORD_MIN = 8
_PASSWORD_MAX = 63  # "fewer than 64 characters"
_PASSWORD_CLASSES_NEEDED = 3
_POLICY_TEXT = (
    "The supplied password doesn't match the minimum security constraints: it must be "
    f"{_PASSWORD_MIN} to {_PASSWORD_MAX} Basic Latin or Latin-1 characters long and contain "
    f"characters of at least {_PASSWORD_CLASSES_NEEDED} of these groups: uppercase letters, "
    "lowercase letters, digits, special characters, Latin-1 supplement characters"
)


#: Few rounds: the hash only keeps passwords out of the mock's state, and tests are fast.
_HASH_ROUNDS = 1000


def _character_classes(password: str) -> int:
    """How many of the policy's five character groups a password uses."""
    upper = lower = digit = special = latin1 = False
    for char in password:
        code = ord(char)
        if "A" <= char <= "Z":
            upper = True
        elif "a" <= char <= "z":
            lower = True
        elif "0" <= char <= "9":
            digit = True
        elif code < 0x80:
            special = True  # any other printable ASCII, space included (a guess)
        else:
            latin1 = True
    return sum((upper, lower, digit, special, latin1))


def check_password(password: str) -> None:
    """WorkMail's fixed password policy for WorkMail and Simple AD directories
    (admin guide, password-policies.html). The message never echoes the password."""
    if not _PASSWORD_MIN <= len(password) <= _PASSWORD_MAX:
        raise InvalidPasswordException(
            f"{_POLICY_TEXT} (the password has {len(password)} characters)"
        )
    if any(not 0x20 <= ord(char) <= 0xFF for char in password):
        raise InvalidPasswordException(
            f"{_POLICY_TEXT} (the password has characters outside Basic Latin and Latin-1)"
        )
    used = _character_classes(password)
    if used < _PASSWORD_CLASSES_NEEDED:
        raise InvalidPasswordException(
            f"{_POLICY_TEXT} (the password uses characters of {used} groups)"
        )


def _hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, _HASH_ROUNDS)
    return f"{salt.hex()}${digest.hex()}"


def _blank_to_none(value: str | None) -> str | None:
    """An empty attribute is an absent one: DescribeUser leaves it out (a guess: the
    model allows empty strings, and UpdateUser's doc asks for the data DescribeUser shows)."""
    return value if value else None


@dataclasses.dataclass(eq=False)
class User(Entity):
    KIND: ClassVar[str] = "USER"

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
        return self.disabled_date if self.state != "ENABLED" else None

    def set_password(self, password: str) -> None:
        self.password_hash = _hash_password(password)

    def password_matches(self, password: str) -> bool:
        """For features that sign users in; the stored hash never leaves the backend."""
        if self.password_hash is None:
            return False
        salt, digest = self.password_hash.split("$", 1)
        candidate = hashlib.pbkdf2_hmac(
            "sha256", password.encode("utf-8"), bytes.fromhex(salt), _HASH_ROUNDS
        )
        return hmac.compare_digest(candidate.hex(), digest)


def _check_role(role: str | None) -> None:
    if role in _DIRECTORY_ONLY_ROLES:
        raise InvalidParameterException(
            f"Role {role} can't be set through the API; use USER or REMOTE_USER"
        )


class UsersMixin(BackendState):
    """CreateUser, DescribeUser, UpdateUser, ListUsers, DeleteUser, ResetPassword."""

    def _user(self, org: Organization, identifier: str, *, by_id_only: bool = False) -> User:
        """The user an identifier names (id, email or name), or EntityNotFoundException."""
        entity = org.entities.get(identifier) if by_id_only else org.entities.resolve(identifier)
        if not isinstance(entity, User):
            raise EntityNotFoundException(
                f"User {identifier} does not exist in organization {org.id}"
            )
        return entity

    @staticmethod
    def _check_not_deleted(user: User) -> None:
        if user.state == "DELETED":
            raise EntityStateException(
                f"User {user.id} is in state DELETED; a deleted user can't be changed"
            )

    def create_user(
        self,
        organization_id: str,
        name: str,
        display_name: str,
        password: str | None = None,
        role: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        hidden_from_global_address_list: bool | None = None,
        identity_provider_user_id: str | None = None,
    ) -> dict[str, str]:
        org = self._organization(organization_id)
        check_writable(org, self.account_id, self.region_name)
        _check_role(role)
        if org.external_directory and len(name) > _EXTERNAL_DIRECTORY_NAME_MAX:
            raise InvalidParameterException(
                f"User name {name} has {len(name)} characters; users of a {org.directory_type} "
                f"directory can have at most {_EXTERNAL_DIRECTORY_NAME_MAX}"
            )
        if password is not None:
            check_password(password)
        self._check_identity_provider_user_id(org, identity_provider_user_id, None)
        user = User(
            id=ids.entity_id(),
            name=name,
            user_role=role or "USER",
            display_name=_blank_to_none(display_name),
            first_name=_blank_to_none(first_name),
            last_name=_blank_to_none(last_name),
            hidden_from_global_address_list=bool(hidden_from_global_address_list),
            identity_provider_user_id=identity_provider_user_id,
        )
        org.entities.claim_name(name, user.id)
        if password is not None:
            user.set_password(password)
        org.entities.users.add(user.id, user)
        return {"UserId": user.id}

    @staticmethod
    def _check_identity_provider_user_id(
        org: Organization, user_id: str | None, owner: User | None
    ) -> None:
        """One IAM Identity Center user maps to one WorkMail user (a guess: AWS documents
        no error, but a sign-in can't pick between two mailboxes)."""
        if not user_id:
            return
        wanted = user_id.lower()
        for other in org.entities.users:
            if (
                other is not owner
                and other.state != "DELETED"
                and (getattr(other, "identity_provider_user_id", None) or "").lower() == wanted
            ):
                raise InvalidParameterException(
                    f"IdentityProviderUserId {user_id} is already used by user {other.id}"
                )

    def describe_user(self, organization_id: str, user_id: str) -> User:
        org = self._organization(organization_id)
        try:
            check_writable(org, self.account_id, self.region_name)
        except UnsupportedOperationException:
            pass  # read-only (AD Connector) is fine for reading; a deleted directory is not
        return self._user(org, user_id)

    def update_user(
        self,
        organization_id: str,
        user_id: str,
        role: str | None = None,
        hidden_from_global_address_list: bool | None = None,
        identity_provider_user_id: str | None = None,
        display_name: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        initials: str | None = None,
        telephone: str | None = None,
        street: str | None = None,
        job_title: str | None = None,
        city: str | None = None,
        company: str | None = None,
        zip_code: str | None = None,
        department: str | None = None,
        country: str | None = None,
        office: str | None = None,
    ) -> None:
        """Only the attributes given change; an empty string clears one."""
        attributes = {
            "display_name": display_name, "first_name": first_name, "last_name": last_name,
            "initials": initials, "telephone": telephone, "street": street,
            "job_title": job_title, "city": city, "company": company, "zip_code": zip_code,
            "department": department, "country": country, "office": office,
        }
        org = self._organization(organization_id)
        check_writable(org, self.account_id, self.region_name)
        user = self._user(org, user_id)
        self._check_not_deleted(user)
        _check_role(role)
        self._check_identity_provider_user_id(org, identity_provider_user_id, user)
        if role is not None:
            user.user_role = role
        if hidden_from_global_address_list is not None:
            user.hidden_from_global_address_list = hidden_from_global_address_list
        if identity_provider_user_id is not None:
            user.identity_provider_user_id = _blank_to_none(identity_provider_user_id)
        for attribute, value in attributes.items():
            if value is not None:
                setattr(user, attribute, _blank_to_none(value))

    def list_users(
        self,
        organization_id: str,
        next_token: str | None = None,
        max_results: int | None = None,
        filters: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        org = self._organization(organization_id)
        page, token = org.entities.users.page(
            page_size(max_results), next_token, entity_filter(filters, "ListUsers")
        )
        return {"Users": page, "NextToken": token}

    def delete_user(self, organization_id: str, user_id: str) -> None:
        org = self._organization(organization_id)
        check_writable(org, self.account_id, self.region_name)
        entity = org.entities.resolve(user_id)
        if entity is None:
            # The model lists no EntityNotFoundException for DeleteUser: deleting a user
            # that doesn't exist is taken as already done (a guess).
            return
        if not isinstance(entity, User):
            raise InvalidParameterException(
                f"Entity {user_id} is a {entity.KIND.lower()}, not a user"
            )
        if entity.state != "DISABLED":
            raise EntityStateException(
                f"User {entity.id} is in state {entity.state}; only a DISABLED user can be "
                "deleted (deregister it from WorkMail first)"
            )
        registry = org.entities
        registry.release_name(entity.name)
        for address in [entity.email, *entity.aliases]:
            if address and registry.addresses.get(address.lower()) == entity.id:
                registry.release_address(address)
        entity.email = None
        entity.aliases = []
        entity.state = "DELETED"
        entity.password_hash = None
        self._forget_entity(org, entity)

    def reset_password(self, organization_id: str, user_id: str, password: str) -> None:
        org = self._organization(organization_id)
        # An AD Connector directory keeps its passwords: reset them in AD (admin guide).
        check_writable(org, self.account_id, self.region_name)
        user = self._user(org, user_id, by_id_only=True)
        self._check_not_deleted(user)
        check_password(password)
        user.set_password(password)
