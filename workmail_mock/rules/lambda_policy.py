"""Whether a Lambda function's resource policy lets WorkMail's availability service
invoke it, and only on behalf of the organization (TestAvailabilityConfiguration, spec
section 5).

The model says the test "verifies that the Lambda function can be invoked and that the
resource access policy was configured to deny anonymous access. An anonymous invocation
is one done without providing either a SourceArn or SourceAccount header." The admin guide
grants ``availability.workmail.<region>.amazonaws.com`` with ``--source-account`` and
``--source-arn arn:aws:workmail:<region>:<account>:organization/<org>``. Pure: plain
policy statements in, a failure reason (or None) out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from typing import Any

_INVOKE_ACTIONS = ("lambda:invokefunction", "lambda:*", "*")
_SOURCE_KEYS = ("aws:sourcearn", "aws:sourceaccount")


def availability_principal(region: str) -> str:
    return f"availability.workmail.{region}.amazonaws.com"


def _listed(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _names_principal(principal: Any, service: str) -> bool:
    if principal == "*" or principal == service:
        return True
    if isinstance(principal, Mapping):
        return any(
            value == "*" or (key == "Service" and value == service)
            for key, values in principal.items()
            for value in _listed(values)
        )
    return False


def _allows_invoke(statement: Mapping[str, Any], service: str) -> bool:
    actions = [str(a).lower() for a in _listed(statement.get("Action", []))]
    return (
        str(statement.get("Effect", "")).lower() == "allow"
        and _names_principal(statement.get("Principal"), service)
        and any(a in _INVOKE_ACTIONS for a in actions)
    )


def _source_conditions(statement: Mapping[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(operator, key, values) of the statement's SourceArn/SourceAccount conditions."""
    found = []
    condition = statement.get("Condition") or {}
    if isinstance(condition, Mapping):
        for operator, tests in condition.items():
            if not isinstance(tests, Mapping):
                continue
            for key, values in tests.items():
                if str(key).lower() in _SOURCE_KEYS:
                    strings = [str(v) for v in _listed(values)]
                    found.append((str(operator), str(key).lower(), strings))
    return found


def _holds(operator: str, values: list[str], actual: str) -> bool:
    if operator.lower() in ("arnlike", "stringlike"):
        return any(fnmatchcase(actual, v) for v in values)
    if operator.lower() in ("arnequals", "stringequals"):
        return actual in values
    return False  # an operator the mock doesn't evaluate: not a grant to rely on (a guess)


def policy_problem(
    statements: Iterable[Mapping[str, Any]],
    region: str,
    account_id: str,
    organization_arn: str,
) -> str | None:
    """Why the policy fails the availability test, or None (a FailureReason: at most 256
    characters, so it names no ARN).

    A guess at the details (the model gives only the rule): a statement that grants the
    availability principal (or ``*``) ``lambda:InvokeFunction`` without a SourceArn or
    SourceAccount condition allows anonymous invocation: fail. Otherwise some granting
    statement must hold for this organization (every SourceArn/SourceAccount condition
    met by its ARN and account); if none does, WorkMail can't invoke the function: fail.
    """
    service = availability_principal(region)
    actual = {"aws:sourcearn": organization_arn, "aws:sourceaccount": account_id}
    granting = [s for s in statements if _allows_invoke(s, service)]
    for statement in granting:
        if not _source_conditions(statement):
            return (
                "The Lambda function's resource policy allows anonymous invocation: a "
                "statement grants it without a SourceArn or SourceAccount condition"
            )
    for statement in granting:
        conditions = _source_conditions(statement)
        if all(_holds(op, values, actual[key]) for op, key, values in conditions):
            return None
    return (
        f"The Lambda function's resource policy does not allow {service} to invoke it for "
        "this organization"
    )
