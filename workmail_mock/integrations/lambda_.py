"""moto's Lambda: the function of a custom availability provider."""

from __future__ import annotations

from typing import Any

from workmail_mock.integrations import backend_in_use


def function_policy(
    account_id: str, region: str, function_arn: str
) -> tuple[bool | None, list[dict[str, Any]]]:
    """Whether moto's Lambda holds the function: True or False when it holds functions
    in the ARN's account and region, None when it holds none there (Lambda not in use:
    accepted as given). When it does, the statements of its resource policy (of the ARN's
    version or alias; empty when ``add_permission`` was never called). moto keeps them as
    plain dicts in ``LambdaFunction.policy.statements``, the ones ``get_policy`` returns."""
    backend = backend_in_use("moto.awslambda.models", "lambda_backends", account_id, region)
    if backend is None:
        return None, []
    storage = getattr(backend, "_lambdas", None)
    functions = getattr(storage, "_functions", None)
    if not functions:
        return None, []
    try:
        function = backend.get_function(function_arn)
    except Exception:  # moto's UnknownFunctionException (or a malformed qualifier)
        return False, []
    policy = getattr(function, "policy", None)
    statements = getattr(policy, "statements", None) or []
    return True, [dict(s) for s in statements if isinstance(s, dict)]
