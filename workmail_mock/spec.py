"""botocore's WorkMail service models: the single source of truth for the wire.

Two models: ``workmail`` (JSON 1.1) and ``workmailmessageflow`` (rest-json, the API
email flow Lambda functions use). Their operation names don't overlap, so an operation
name alone says which model it belongs to (``operation_model``, ``service_of``).

The bottom layer, with ``errors``: every constraint, shape and error list is read from
here, never copied into the code.
"""

from __future__ import annotations

import functools
import re

import botocore.session
from botocore.model import OperationModel, ServiceModel, Shape

SERVICE_NAME = "workmail"
MESSAGEFLOW_SERVICE = "workmailmessageflow"


@functools.lru_cache(maxsize=1)
def _session() -> botocore.session.Session:
    """boto3's default botocore session when there is one: its loader has usually
    read WorkMail's model and the endpoint data already, for the user's own client."""
    try:
        import boto3

        if boto3.DEFAULT_SESSION is not None:
            return boto3.DEFAULT_SESSION._session  # type: ignore[no-any-return, unused-ignore]
    except ImportError:  # pragma: no cover - boto3 is a dependency
        pass
    return botocore.session.get_session()


@functools.lru_cache(maxsize=2)
def service_model(service: str = SERVICE_NAME) -> ServiceModel:
    """The model botocore ships for WorkMail (or ``workmailmessageflow``), loaded once."""
    return _session().get_service_model(service)


@functools.lru_cache(maxsize=1)
def messageflow_operation_names() -> frozenset[str]:
    return frozenset(service_model(MESSAGEFLOW_SERVICE).operation_names)


def service_of(operation: str) -> str:
    """The service whose model defines an operation."""
    if operation in messageflow_operation_names():
        return MESSAGEFLOW_SERVICE
    return SERVICE_NAME


@functools.cache
def operation_model(name: str) -> OperationModel:
    return service_model(service_of(name)).operation_model(name)


@functools.lru_cache(maxsize=1)
def operation_names() -> frozenset[str]:
    return frozenset(service_model().operation_names)


@functools.lru_cache(maxsize=1)
def supported_regions() -> tuple[str, ...]:
    """Regions where botocore's endpoint data says WorkMail is offered."""
    return tuple(_session().get_available_regions(SERVICE_NAME))


@functools.lru_cache(maxsize=1)
def error_codes() -> frozenset[str]:
    """The error shape names the model declares for WorkMail."""
    return frozenset(shape.name for shape in service_model().error_shapes)


@functools.cache
def errors_of(operation: str) -> frozenset[str]:
    """The error shape names the model lists for one operation."""
    return frozenset(shape.name for shape in operation_model(operation).error_shapes)


@functools.cache
def idempotency_member(operation: str) -> str | None:
    """The input member carrying the model's ``idempotencyToken`` trait (ClientToken)."""
    shape = operation_model(operation).input_shape
    if shape is None:
        return None
    for name, member in shape.members.items():
        if member.metadata.get("idempotencyToken"):
            return str(name)
    return None


@functools.cache
def _member_pattern(operation: str, member: str) -> re.Pattern[str]:
    shape = operation_model(operation).input_shape
    assert shape is not None
    return re.compile(shape.members[member].metadata["pattern"], re.ASCII)


def fully_matches(operation: str, member: str, value: str) -> bool:
    """Whether the whole value matches the member's model pattern (not just a part).

    The front end validates with search semantics; the service's own code is stricter
    where the value becomes part of a name (an alias forms a DNS label, for example).
    """
    return _member_pattern(operation, member).fullmatch(value) is not None


# botocore's shape classes carry these attributes on their subclasses only; the stubs type
# every shape as ``Shape``. One typed accessor each, instead of casts at every use.


def members_of(shape: Shape) -> dict[str, Shape]:
    """A structure's members by wire name."""
    return dict(getattr(shape, "members", {}))


def item_of(shape: Shape) -> Shape:
    """A list's member shape."""
    member: Shape = getattr(shape, "member")  # noqa: B009 - the stubs lack it
    return member


def key_and_value_of(shape: Shape) -> tuple[Shape, Shape]:
    """A map's key and value shapes."""
    return getattr(shape, "key"), getattr(shape, "value")  # noqa: B009


def enum_of(shape: Shape) -> list[str]:
    return list(getattr(shape, "enum", None) or [])


def bounds_of(shape_name: str, member: str | None = None) -> tuple[int, int]:
    """The model's ``min`` and ``max`` of a shape (or of one member of a structure): a
    string's length, a list's size or an integer's range."""
    shape = service_model().shape_for(shape_name)
    if member is not None:
        shape = members_of(shape)[member]
    return int(shape.metadata["min"]), int(shape.metadata["max"])
