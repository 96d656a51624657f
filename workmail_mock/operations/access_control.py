"""Access control rules: put (create or replace by name), delete, list, and the effect
GetAccessControlEffect decides (``rules.access_control``)."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import InvalidParameterException
from workmail_mock.operations.registry import Call, operation
from workmail_mock.rules.access_control import ACTIONS, IMPERSONATION_ACTION, AccessRequest
from workmail_mock.rules.matching import parse_address, parse_network
from workmail_mock.state import runtime
from workmail_mock.state.entities import User
from workmail_mock.state.policies import AccessControlRule


def _check_actions(member: str, actions: list[str] | None) -> None:
    for action in actions or ():
        if action not in ACTIONS:
            raise InvalidParameterException(
                f"{member} has an unknown action {action!r}; valid actions are "
                f"{', '.join(sorted(ACTIONS))}"
            )


def _check_action(action: str) -> None:
    if action not in ACTIONS:
        raise InvalidParameterException(
            f"Action {action!r} is not valid; valid actions are {', '.join(sorted(ACTIONS))}"
        )


def _check_ranges(member: str, ranges: list[str] | None) -> None:
    """The model's pattern admits only dotted quads with a prefix length; anything it
    lets through that ``ipaddress`` refuses is an InvalidParameterException (a guess)."""
    for cidr in ranges or ():
        try:
            parse_network(cidr)
        except ValueError:
            raise InvalidParameterException(
                f"{member} has an invalid CIDR range {cidr!r}"
            ) from None


def _user_ids(call: Call, identifiers: list[str] | None) -> list[str] | None:
    """The users a rule names, by id (an email or name is resolved to the id, a guess:
    AWS stores and lists ids). A deleted user is accepted: rules keep ids of deleted users."""
    if not identifiers:
        return None
    return [call.find(identifier, User).id for identifier in identifiers]


def _role_ids(call: Call, role_ids: list[str] | None) -> list[str] | None:
    for role_id in role_ids or ():
        call.org.policies.role(role_id)
    return role_ids


@operation("PutAccessControlRule")
def put_access_control_rule(
    call: Call,
    name: str,
    effect: str,
    description: str,
    ip_ranges: list[str] | None = None,
    not_ip_ranges: list[str] | None = None,
    actions: list[str] | None = None,
    not_actions: list[str] | None = None,
    user_ids: list[str] | None = None,
    not_user_ids: list[str] | None = None,
    impersonation_role_ids: list[str] | None = None,
    not_impersonation_role_ids: list[str] | None = None,
) -> None:
    """Create the rule, or replace the whole rule of that name (documented)."""
    _check_actions("Actions", actions)
    _check_actions("NotActions", not_actions)
    _check_ranges("IpRanges", ip_ranges)
    _check_ranges("NotIpRanges", not_ip_ranges)
    now = runtime.current().now()
    rule = AccessControlRule(
        name=name,
        effect=effect,
        description=description,
        date_created=now,
        date_modified=now,
        ip_ranges=ip_ranges,
        not_ip_ranges=not_ip_ranges,
        actions=actions,
        not_actions=not_actions,
        user_ids=_user_ids(call, user_ids),
        not_user_ids=_user_ids(call, not_user_ids),
        impersonation_role_ids=_role_ids(call, impersonation_role_ids),
        not_impersonation_role_ids=_role_ids(call, not_impersonation_role_ids),
    )
    call.org.policies.put_access_rule(
        rule, call.region.quotas.access_control_rules_per_organization
    )


@operation("DeleteAccessControlRule")
def delete_access_control_rule(call: Call, name: str) -> None:
    """An unknown name is a success (documented); deleting ``default`` is allowed."""
    call.org.policies.access_rules.pop(name, None)


@operation("ListAccessControlRules")
def list_access_control_rules(call: Call) -> dict[str, Any]:
    """In creation order; a replaced rule keeps its place (a guess)."""
    return {"Rules": list(call.org.policies.access_rules.values())}


@operation("GetAccessControlEffect")
def get_access_control_effect(
    call: Call,
    ip_address: str,
    action: str,
    user_id: str | None = None,
    impersonation_role_id: str | None = None,
) -> dict[str, Any]:
    """The effect the rules decide for a user or an impersonation role (exactly one)."""
    if (user_id is None) == (impersonation_role_id is None):
        raise InvalidParameterException(
            "Provide either UserId or ImpersonationRoleId, not "
            + ("both" if user_id is not None else "neither")
        )
    _check_action(action)
    try:
        parse_address(ip_address)
    except ValueError:
        raise InvalidParameterException(f"IpAddress {ip_address!r} is not valid") from None
    if impersonation_role_id is not None:
        if action != IMPERSONATION_ACTION:
            raise InvalidParameterException(
                f"ImpersonationRoleId can only be used with Action {IMPERSONATION_ACTION}, "
                f"not {action}"
            )
        role_id: str | None = call.org.policies.role(impersonation_role_id).impersonation_role_id
        resolved_user = None
    else:
        assert user_id is not None
        # A guess: the user's state is not checked (no EntityStateException is modelled).
        resolved_user = call.find(user_id, User).id
        role_id = None
    request = AccessRequest(
        ip_address=ip_address,
        action=action,
        user_id=resolved_user,
        impersonation_role_id=role_id,
    )
    return call.org.policies.decide_access(request).to_api()
