"""Mobile device access: rules (create, update, delete, list), the effect the rules
decide (``rules.mobile_device``), and per-user device overrides."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from workmail_mock.errors import EntityNotFoundException, ResourceNotFoundException
from workmail_mock.operations.registry import Call, operation, page_size
from workmail_mock.rules.mobile_device import Device
from workmail_mock.state import runtime
from workmail_mock.state.entities import User
from workmail_mock.state.policies import MobileDeviceAccessRule


def _rule(
    rule_id: str,
    name: str,
    effect: str,
    description: str | None,
    conditions: dict[str, list[str] | None],
    date_created: datetime | None = None,
) -> MobileDeviceAccessRule:
    """The rule Create and Update store: ``conditions`` are the model's eight
    ``Device*`` / ``NotDevice*`` lists as given (snake_case, the rule's field names); a
    list left out is absent. Without ``date_created`` the rule is new."""
    now = runtime.current().now()
    return MobileDeviceAccessRule(
        mobile_device_access_rule_id=rule_id,
        name=name,
        effect=effect,
        description=description,
        date_created=date_created or now,
        date_modified=now,
        **conditions,
    )


@operation("CreateMobileDeviceAccessRule")
def create_mobile_device_access_rule(
    call: Call,
    name: str,
    effect: str,
    description: str | None = None,
    **conditions: list[str] | None,
) -> dict[str, str]:
    """Names need not be unique (a guess: rules are addressed by id); a list and its Not
    twin may both be given, and both must hold (a guess)."""
    rule = _rule(runtime.current().uuid4(), name, effect, description, conditions)
    call.org.policies.add_device_rule(
        rule, call.region.quotas.mobile_device_access_rules_per_organization
    )
    return {"MobileDeviceAccessRuleId": rule.mobile_device_access_rule_id}


@operation("UpdateMobileDeviceAccessRule")
def update_mobile_device_access_rule(
    call: Call,
    mobile_device_access_rule_id: str,
    name: str,
    effect: str,
    description: str | None = None,
    **conditions: list[str] | None,
) -> None:
    """A full replace: a description or list left out is cleared (a guess: Name and
    Effect are required). An unknown id is EntityNotFoundException, the only not-found
    error modelled here."""
    rules = call.org.policies.device_rules
    old = rules.get(mobile_device_access_rule_id)
    if old is None:
        raise EntityNotFoundException(
            f"Mobile device access rule {mobile_device_access_rule_id} does not exist in "
            f"organization {call.org.id}"
        )
    rules[mobile_device_access_rule_id] = _rule(
        mobile_device_access_rule_id, name, effect, description, conditions, old.date_created
    )


@operation("DeleteMobileDeviceAccessRule")
def delete_mobile_device_access_rule(call: Call, mobile_device_access_rule_id: str) -> None:
    """An unknown id is a success (documented)."""
    call.org.policies.device_rules.pop(mobile_device_access_rule_id, None)


@operation("ListMobileDeviceAccessRules")
def list_mobile_device_access_rules(call: Call) -> dict[str, Any]:
    """In creation order (a guess); not paged (the model has no token)."""
    return {"Rules": list(call.org.policies.device_rules.values())}


@operation("GetMobileDeviceAccessEffect")
def get_mobile_device_access_effect(
    call: Call,
    device_type: str | None = None,
    device_model: str | None = None,
    device_operating_system: str | None = None,
    device_user_agent: str | None = None,
) -> dict[str, Any]:
    """A simulation of the rules: it names no user or device, so no override applies."""
    device = Device(device_type, device_model, device_operating_system, device_user_agent)
    return call.org.policies.decide_device(device).to_api()


# --- overrides ------------------------------------------------------------------------


@operation("PutMobileDeviceAccessOverride")
def put_mobile_device_access_override(
    call: Call, user_id: str, device_id: str, effect: str, description: str | None = None
) -> None:
    """Create or replace the override of a user's device. A DISABLED user is accepted, a
    DELETED one is not (a guess)."""
    user = call.find(user_id, User, live=True)
    call.org.policies.put_override(user.id, device_id, effect, description)


@operation("GetMobileDeviceAccessOverride")
def get_mobile_device_access_override(call: Call, user_id: str, device_id: str) -> Any:
    user = call.find(user_id, User)
    override = call.org.policies.override_of(user.id, device_id)
    if override is None:
        raise ResourceNotFoundException(
            f"No mobile device access override exists for user {user.id} and device "
            f"{device_id} in organization {call.org.id}"
        )
    return override


@operation("DeleteMobileDeviceAccessOverride")
def delete_mobile_device_access_override(call: Call, user_id: str, device_id: str) -> None:
    """No override for the pair is a success (documented); an unknown user is not."""
    user = call.find(user_id, User)
    call.org.policies.remove_override(user.id, device_id)


@operation("ListMobileDeviceAccessOverrides")
def list_mobile_device_access_overrides(
    call: Call,
    user_id: str | None = None,
    device_id: str | None = None,
    next_token: str | None = None,
    max_results: int | None = None,
) -> dict[str, Any]:
    policies = call.org.policies
    user = call.find(user_id, User).id if user_id is not None else None
    page, token = policies.overrides.page(
        page_size(max_results), next_token, policies.override_filter(user, device_id)
    )
    return {"Overrides": page, "NextToken": token}
