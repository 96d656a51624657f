"""Checked by ``mypy --strict`` in .ci/run (not a test module): ``mock_workmail`` keeps the
decorated callable's type in every form, and the context manager is typed."""

from __future__ import annotations

import unittest

from typing_extensions import assert_type

from workmail_mock import mock_workmail


@mock_workmail
def bare(alias: str, *, count: int = 1) -> list[str]:
    return [alias] * count


@mock_workmail()
def called(alias: str) -> str:
    return alias


@mock_workmail(quotas={"organizations_per_region": 2})
async def coroutine(alias: str) -> int:
    return len(alias)


@mock_workmail
class Case(unittest.TestCase):
    marker = 1


@mock_workmail()
class PlainTests:
    def test_nothing(self) -> None:
        pass


def uses() -> None:
    assert_type(bare("acme", count=2), list[str])
    assert_type(called("acme"), str)
    assert_type(Case.marker, int)
    assert_type(PlainTests().test_nothing(), None)
    with mock_workmail() as scope:
        assert_type(scope, mock_workmail)
    scope = mock_workmail(quotas={"aliases_per_entity": 3})
    scope.start()
    scope.stop()


async def awaits() -> None:
    assert_type(await coroutine("acme"), int)
