"""The organization's retention policy: one default policy (spec section 4)."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import (
    EntityNotFoundException,
    InvalidParameterException,
    LimitExceededException,
)
from workmail_mock.operations.registry import Call, operation
from workmail_mock.state import runtime
from workmail_mock.state.settings import RetentionPolicy


def _check_folders(folders: list[dict[str, Any]]) -> None:
    names = [f["Name"] for f in folders]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:  # a guess: one configuration per folder
        raise InvalidParameterException(
            f"FolderConfigurations names folder {twice[0]} more than once"
        )
    for folder in folders:
        if folder["Action"] != "NONE" and folder.get("Period") is None:
            # A guess: a deleting action needs the number of days to wait.
            raise InvalidParameterException(
                f"Folder {folder['Name']} has action {folder['Action']} but no Period"
            )


@operation("PutRetentionPolicy")
def put_retention_policy(
    call: Call,
    name: str,
    folder_configurations: list[dict[str, Any]],
    id: str | None = None,
    description: str | None = None,
) -> None:
    settings = call.org.settings
    _check_folders(folder_configurations)
    current = settings.retention_policy
    if current is not None and id != current.id:
        # A guess: an organization has one (default) retention policy; a Put replaces it
        # only when it names that policy's Id.
        raise LimitExceededException(
            f"Organization {call.org.id} already has retention policy {current.id}; "
            "put it with that Id to replace it, or delete it first"
        )
    policy_id = id if id is not None else runtime.current().uuid4()  # a guess at the form
    settings.retention_policy = RetentionPolicy(
        policy_id, name, description, [dict(f) for f in folder_configurations]
    )


@operation("GetDefaultRetentionPolicy")
def get_default_retention_policy(call: Call) -> dict[str, Any]:
    policy = call.org.settings.retention_policy
    if policy is None:  # a guess: the only not-found error modelled
        raise EntityNotFoundException(
            f"Organization {call.org.id} has no retention policy"
        )
    return policy.view()


@operation("DeleteRetentionPolicy")
def delete_retention_policy(call: Call, id: str) -> None:
    settings = call.org.settings
    if settings.retention_policy is not None and settings.retention_policy.id == id:
        settings.retention_policy = None
    # An unknown Id is a no-op (a guess: no not-found error is modelled).
