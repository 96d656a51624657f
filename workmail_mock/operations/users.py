"""Users: create, describe, update, list, delete, and reset their passwords.

A user starts DISABLED (no mailbox) until RegisterToWorkMail enables it. Passwords are
kept only as salted hashes and no output shape has a member that could carry them.
"""

from __future__ import annotations

from workmail_mock.errors import InvalidParameterException, InvalidPasswordException
from workmail_mock.operations.entities import delete_entity, list_entities
from workmail_mock.operations.registry import Call, Directory, operation
from workmail_mock.rules.passwords import POLICY_TEXT, policy_violation
from workmail_mock.state import ids
from workmail_mock.state.entities import User
from workmail_mock.state.kinds import EntityState

#: Roles CreateUser and UpdateUser refuse: "You cannot pass SYSTEM_USER or RESOURCE" (model).
_DIRECTORY_ONLY_ROLES = frozenset({"SYSTEM_USER", "RESOURCE"})

#: "WorkMail directory user names have a maximum length of 64. All others have a maximum
#: length of 20." (model CreateUser.Name); the validator enforces the 64.
_EXTERNAL_DIRECTORY_NAME_MAX = 20


def _check_password(password: str) -> None:
    problem = policy_violation(password)
    if problem is not None:
        raise InvalidPasswordException(f"{POLICY_TEXT} ({problem})")


def _blank_to_none(value: str | None) -> str | None:
    """An empty attribute is an absent one: DescribeUser leaves it out (a guess: the
    model allows empty strings, and UpdateUser's doc asks for the data DescribeUser shows)."""
    return value if value else None


def _check_role(role: str | None) -> None:
    if role in _DIRECTORY_ONLY_ROLES:
        raise InvalidParameterException(
            f"Role {role} can't be set through the API; use USER or REMOTE_USER"
        )


def _check_identity_provider_user_id(call: Call, user_id: str | None, owner: User | None) -> None:
    """One IAM Identity Center user maps to one WorkMail user (a guess: AWS documents no
    error, but a sign-in can't pick between two mailboxes)."""
    if not user_id:
        return
    wanted = user_id.lower()
    for other in call.org.directory.users:
        if (
            other is not owner
            and other.state != EntityState.DELETED
            and (other.identity_provider_user_id or "").lower() == wanted
        ):
            raise InvalidParameterException(
                f"IdentityProviderUserId {user_id} is already used by user {other.id}"
            )


@operation("CreateUser", directory=Directory.WRITABLE)
def create_user(
    call: Call,
    name: str,
    display_name: str,
    password: str | None = None,
    role: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    hidden_from_global_address_list: bool | None = None,
    identity_provider_user_id: str | None = None,
) -> dict[str, str]:
    org = call.org
    _check_role(role)
    if org.external_directory and len(name) > _EXTERNAL_DIRECTORY_NAME_MAX:
        raise InvalidParameterException(
            f"User name {name} has {len(name)} characters; users of a {org.directory_type} "
            f"directory can have at most {_EXTERNAL_DIRECTORY_NAME_MAX}"
        )
    if password is not None:
        _check_password(password)
    _check_identity_provider_user_id(call, identity_provider_user_id, None)
    user = User(
        id=ids.entity_id(org.external_directory),
        name=name,
        user_role=role or "USER",
        display_name=_blank_to_none(display_name),
        first_name=_blank_to_none(first_name),
        last_name=_blank_to_none(last_name),
        hidden_from_global_address_list=bool(hidden_from_global_address_list),
        identity_provider_user_id=identity_provider_user_id,
    )
    org.directory.add(user)
    if password is not None:
        user.set_password(password)
    return {"UserId": user.id}


@operation("DescribeUser", directory=Directory.AVAILABLE)
def describe_user(call: Call, user_id: str) -> User:
    """Read-only (AD Connector) directories can be read; a deleted directory can't."""
    return call.find(user_id, User)


@operation("UpdateUser", directory=Directory.WRITABLE)
def update_user(
    call: Call,
    user_id: str,
    role: str | None = None,
    hidden_from_global_address_list: bool | None = None,
    identity_provider_user_id: str | None = None,
    **attributes: str | None,
) -> None:
    """Only the attributes given change; an empty string clears one."""
    user = call.find(user_id, User, live=True)
    _check_role(role)
    _check_identity_provider_user_id(call, identity_provider_user_id, user)
    if role is not None:
        user.user_role = role
    if hidden_from_global_address_list is not None:
        user.hidden_from_global_address_list = hidden_from_global_address_list
    directory = call.org.directory
    if identity_provider_user_id is not None:
        directory.set_user_attribute(
            user, "identity_provider_user_id", _blank_to_none(identity_provider_user_id)
        )
    for attribute, value in attributes.items():
        if value is not None:
            directory.set_user_attribute(user, attribute, _blank_to_none(value))


list_users = operation("ListUsers")(list_entities(User, "Users"))


@operation("DeleteUser", directory=Directory.WRITABLE)
def delete_user(call: Call, user_id: str) -> None:
    delete_entity(call, user_id, User)


@operation("ResetPassword", directory=Directory.WRITABLE)
def reset_password(call: Call, user_id: str, password: str) -> None:
    """An AD Connector directory keeps its passwords: reset them in AD (admin guide)."""
    user = call.find(user_id, User, live=True, by_id=True)
    _check_password(password)
    user.set_password(password)
