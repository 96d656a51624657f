"""moto's Lambda: the function of a custom availability provider."""

from __future__ import annotations

from workmail_mock.integrations import backend_in_use


def function_exists(account_id: str, region: str, function_arn: str) -> bool | None:
    """True or False when moto's Lambda holds functions in the ARN's account and region;
    None when it holds none there (Lambda not in use: accepted as given)."""
    backend = backend_in_use("moto.awslambda.models", "lambda_backends", account_id, region)
    if backend is None:
        return None
    storage = getattr(backend, "_lambdas", None)
    functions = getattr(storage, "_functions", None)
    if not functions:
        return None
    try:
        backend.get_function(function_arn)
    except Exception:  # moto's UnknownFunctionException (or a malformed qualifier)
        return False
    return True
