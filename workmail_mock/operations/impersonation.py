"""Impersonation roles: create, get, update, delete, list, the effect a role has on a
target user (``rules.impersonation``), and assuming a role for an EWS token."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import (
    InvalidParameterException,
    LimitExceededException,
)
from workmail_mock.operations.registry import Call, operation, page_size
from workmail_mock.rules.impersonation import ImpersonationRule, evaluate
from workmail_mock.state import ids, runtime
from workmail_mock.state.entities import User
from workmail_mock.state.policies import TOKEN_LIFETIME, ImpersonationRole

#: The token AssumeImpersonationRole returns: opaque printable text (a guess for the length).
_TOKEN_LENGTH = 96
#: ListImpersonationRoles' Roles holds at most 20 (model), so a page does too (a guess).
_ROLES_PER_PAGE = 20


def _check_name(call: Call, name: str, role_id: str | None) -> None:
    """Role names are unique in an organization (a guess: the console asks for a unique
    name, and NameAvailabilityException is not modelled here)."""
    other = call.org.policies.role_named(name)
    if other is not None and other.impersonation_role_id != role_id:
        raise InvalidParameterException(
            f"The name {name} is already used by impersonation role "
            f"{other.impersonation_role_id} in organization {call.org.id}"
        )


def _matchers(call: Call, rules: list[dict[str, Any]]) -> tuple[ImpersonationRule, ...]:
    """The rules with their targets resolved to user ids (id, email or name; a group or
    resource is EntityNotFoundException, a deleted user EntityStateException: a guess)."""
    limit = call.region.quotas.rules_per_impersonation_role
    if len(rules) > limit:
        raise LimitExceededException(
            f"An impersonation role can have at most {limit} rules; got {len(rules)}"
        )
    seen: set[str] = set()
    for rule in rules:
        rule_id = rule["ImpersonationRuleId"]
        if rule_id in seen:
            raise InvalidParameterException(
                f"Rules has the ImpersonationRuleId {rule_id} more than once"
            )
        seen.add(rule_id)

    def resolve(entry: str) -> str:
        return call.find(entry, User, live=True).id

    return tuple(ImpersonationRule.from_api(rule, resolve) for rule in rules)


@operation("CreateImpersonationRole")
def create_impersonation_role(
    call: Call,
    name: str,
    type: str,
    rules: list[dict[str, Any]],
    description: str | None = None,
) -> dict[str, str]:
    policies = call.org.policies
    _check_name(call, name, None)
    matchers = _matchers(call, rules)
    now = runtime.current().now()
    role = ImpersonationRole(
        impersonation_role_id=runtime.current().uuid4(),
        name=name,
        type=type,
        description=description,
        rules=rules,
        matchers=matchers,
        date_created=now,
        date_modified=now,
    )
    policies.add_role(role, call.region.quotas.impersonation_roles_per_organization)
    return {"ImpersonationRoleId": role.impersonation_role_id}


@operation("GetImpersonationRole")
def get_impersonation_role(call: Call, impersonation_role_id: str) -> ImpersonationRole:
    return call.org.policies.role(impersonation_role_id)


@operation("UpdateImpersonationRole")
def update_impersonation_role(
    call: Call,
    impersonation_role_id: str,
    name: str,
    type: str,
    rules: list[dict[str, Any]],
    description: str | None = None,
) -> None:
    """A full replace (a guess: every core member is required); a Description left out
    is cleared."""
    role = call.org.policies.role(impersonation_role_id)
    _check_name(call, name, role.impersonation_role_id)
    role.matchers = _matchers(call, rules)
    role.name = name
    role.type = type
    role.rules = rules
    role.description = description
    role.date_modified = runtime.current().now()


@operation("DeleteImpersonationRole")
def delete_impersonation_role(call: Call, impersonation_role_id: str) -> None:
    """An unknown role is a success (a guess: no not-found error is modelled)."""
    call.org.policies.remove_role(impersonation_role_id)


@operation("ListImpersonationRoles")
def list_impersonation_roles(
    call: Call, next_token: str | None = None, max_results: int | None = None
) -> dict[str, Any]:
    size = min(page_size(max_results), _ROLES_PER_PAGE)
    page, token = call.org.policies.roles.page(size, next_token)
    return {"Roles": page, "NextToken": token}


@operation("GetImpersonationRoleEffect")
def get_impersonation_role_effect(
    call: Call, impersonation_role_id: str, target_user: str
) -> dict[str, Any]:
    """A DISABLED target is evaluated like any other; a DELETED one is an
    EntityStateException (a guess)."""
    role = call.org.policies.role(impersonation_role_id)
    target = call.find(target_user, User, live=True)
    return evaluate(role.type, role.matchers, target.id).to_api()


@operation("AssumeImpersonationRole")
def assume_impersonation_role(call: Call, impersonation_role_id: str) -> dict[str, Any]:
    """A token valid 15 minutes (documented; ExpiresIn 900 is a guess). A role without
    rules can be assumed: its rules apply when a user is impersonated (a guess)."""
    role = call.org.policies.role(impersonation_role_id)
    token = ids.token(_TOKEN_LENGTH)
    call.org.policies.issue_token(role.impersonation_role_id, token)
    return {"Token": token, "ExpiresIn": int(TOKEN_LIFETIME.total_seconds())}
