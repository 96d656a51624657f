"""Identifiers in the formats WorkMail returns, drawn from the runtime's random source
(moto's seedable one: ``POST /moto-api/seed`` makes them reproducible)."""

from __future__ import annotations

from workmail_mock.state import runtime


def organization_id() -> str:
    return "m-" + runtime.current().random_hex(32)


def resource_id() -> str:
    return "r-" + runtime.current().random_hex(32)


def directory_id() -> str:
    return "d-" + runtime.current().random_hex(10)


def entity_id(directory_service: bool) -> str:
    """A user or group id.

    The organization's own WorkMail directory issues lowercase UUIDs, as a real current
    user id shows (docs/aws-behaviour.md section 4). A Directory Service directory (Simple
    AD, Managed AD, AD Connector) is an Active Directory, whose objects carry security
    identifiers: the ``S-1-1-...`` form of the AWS CLI examples (a guess that the SID form
    belongs to those directories).
    """
    draw = runtime.current()
    if not directory_service:
        return draw.uuid4()
    big = (10**9, 10**10 - 1)
    return (
        f"S-1-1-{draw.random_int(10, 99)}-{draw.random_int(*big)}-{draw.random_int(*big)}"
        f"-{draw.random_int(*big)}-{draw.random_int(1000, 9999)}"
    )


def token(length: int = 40) -> str:
    return runtime.current().random_string(length)
