"""moto's CloudWatch Logs: the log group email monitoring sends events to."""

from __future__ import annotations

from workmail_mock.integrations import backend_in_use


def log_group_exists(account_id: str, region: str, name: str) -> bool | None:
    """True or False when moto's Logs holds log groups in the account and region; None
    when it holds none (Logs not in use: the group is accepted as given)."""
    backend = backend_in_use("moto.logs.models", "logs_backends", account_id, region)
    groups = getattr(backend, "groups", None) if backend is not None else None
    if not groups:
        return None
    return name in groups
