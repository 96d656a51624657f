"""Identifiers in the formats WorkMail returns, drawn from moto's seedable random source.

``POST /moto-api/seed`` (or ``moto.moto_api.mock_random.seed``) makes them reproducible.
"""

from __future__ import annotations

from moto.moto_api._internal import mock_random


def organization_id() -> str:
    return "m-" + mock_random.get_random_hex(32)


def resource_id() -> str:
    return "r-" + mock_random.get_random_hex(32)


def directory_id() -> str:
    return "d-" + mock_random.get_random_hex(10)


def entity_id() -> str:
    """User and group ids in the ``S-1-1-…`` form of the AWS CLI examples."""
    draw = mock_random.randint
    return (
        f"S-1-1-{draw(10, 99)}-{draw(10**9, 10**10 - 1)}-{draw(10**9, 10**10 - 1)}"
        f"-{draw(10**9, 10**10 - 1)}-{draw(1000, 9999)}"
    )


def token(length: int = 40) -> str:
    return mock_random.get_random_string(length=length)
