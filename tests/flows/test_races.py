"""Races on first use and across accounts (issue 12 points 5, 6 and 17), made likely with
a tiny ``sys.setswitchinterval`` and bounded rounds: threads start together on a barrier,
and every request must get an AWS answer (no InternalFailure, no Python exception)."""

from __future__ import annotations

import contextlib
import json
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from tests.support import REGION
from tests.support.internals import cold_backends, cold_validator, dispatcher, models, validator
from workmail_mock import mock_workmail
from workmail_mock.errors import WorkMailError

THREADS = 8
ROUNDS = 15


@contextlib.contextmanager
def tiny_switch_interval() -> Iterator[None]:
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def together(work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` in THREADS threads released at once; their results, in order.
    A Python exception in a thread is returned as its result."""
    barrier = threading.Barrier(THREADS)
    results: list[Any] = [None] * THREADS

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except BaseException as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results


def call(operation: str, params: dict[str, Any], account: str = "123456789012") -> dict[str, Any]:
    status, _headers, raw = dispatcher.handle(
        dispatcher.TARGET_PREFIX + operation, json.dumps(params).encode(), REGION, account
    )
    data: dict[str, Any] = json.loads(raw)
    assert data.get("__type") != "InternalFailure", data
    data["_status"] = status
    return data


# --- 6. the validator's compile cache, first use from several threads -------------------

_FIRST_CALLS = [
    ("CreateUser", {"OrganizationId": "m-" + "0" * 32, "Name": "u", "DisplayName": "U"}),
    ("ListUsers", {"OrganizationId": "m-" + "0" * 32, "Filters": {"UsernamePrefix": "a"}}),
    ("PutAccessControlRule", {"Name": "r", "Effect": "ALLOW", "Description": "d",
                              "OrganizationId": "m-" + "0" * 32, "Actions": ["a"]}),
    ("UpdateResource", {"OrganizationId": "m-" + "0" * 32, "ResourceId": "r-" + "0" * 32,
                        "BookingOptions": {"AutoAcceptRequests": True}}),
]


def test_validator_first_use_from_many_threads() -> None:
    with tiny_switch_interval():
        for _round in range(ROUNDS):
            cold_validator()

            def first(index: int) -> Any:
                operation, params = _FIRST_CALLS[index % len(_FIRST_CALLS)]
                return validator.validate(operation, params)

            results = together(first)
            failures = [r for r in results if isinstance(r, BaseException)
                        and not isinstance(r, WorkMailError)]
            assert not failures, failures


# --- 17. backend_for's first use from several threads ------------------------------------


def test_backend_for_first_use_from_many_threads() -> None:
    with mock_workmail(), tiny_switch_interval():
        for round_ in range(ROUNDS):
            cold_backends()

            def first(index: int) -> Any:
                account = f"{round_:04d}{index:08d}"
                return call("ListOrganizations", {}, account)

            results = together(first)
            assert all(isinstance(r, dict) and r["_status"] == 200 for r in results), results
            for index in range(THREADS):
                backend = models.backend_for(f"{round_:04d}{index:08d}", REGION)
                assert backend.region_name == REGION


def test_backend_for_is_safe_while_another_first_call_is_halfway() -> None:
    """Deterministic form of point 17: thread A's first call is paused right where it
    turns moto's region flag off; thread B's first call (another account) runs then. B
    must get its regions (before the fix it got none: KeyError 'us-east-1' for good)."""
    flag_off, proceed = threading.Event(), threading.Event()
    pausing = [True]
    backends = models.workmail_backends
    real_class = type(backends)

    class PausingDict(real_class):  # type: ignore[misc, valid-type]
        @property
        def _use_boto3_regions(self) -> bool:
            return bool(self.__dict__["_use_boto3_regions"])

        @_use_boto3_regions.setter
        def _use_boto3_regions(self, value: bool) -> None:
            self.__dict__["_use_boto3_regions"] = value
            if value is False and pausing[0]:
                pausing[0] = False
                flag_off.set()
                proceed.wait(timeout=0.5)  # B blocks on the lock (fixed) or runs (bug)

    results: dict[str, Any] = {}

    def first(name: str, account: str) -> None:
        try:
            results[name] = call("ListOrganizations", {}, account)
        except BaseException as exc:
            results[name] = exc

    def second() -> None:
        flag_off.wait(timeout=30)
        first("B", "222200000002")
        proceed.set()

    with mock_workmail():
        cold_backends()
        backends.__class__ = PausingDict
        try:
            threads = [threading.Thread(target=first, args=("A", "111100000001")),
                       threading.Thread(target=second)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        finally:
            backends.__class__ = real_class
    assert flag_off.is_set()
    assert {name: r.get("_status") if isinstance(r, dict) else r for name, r in results.items()
            } == {"A": 200, "B": 200}


# --- 5. organization aliases across accounts while new accounts appear -------------------


def test_create_organization_while_new_accounts_appear() -> None:
    with mock_workmail(), tiny_switch_interval():
        for round_ in range(ROUNDS):

            def mixed(index: int) -> Any:
                if index % 2:  # a request from an account not seen before
                    return call("ListOrganizations", {}, f"9{round_:03d}{index:08d}")
                return call("CreateOrganization", {"Alias": f"r{round_}t{index}"})

            results = together(mixed)
            assert all(isinstance(r, dict) and r["_status"] == 200 for r in results), results


def test_one_alias_claimed_by_many_accounts_at_once() -> None:
    with mock_workmail(), tiny_switch_interval():
        for round_ in range(ROUNDS):

            def claim(index: int) -> Any:
                return call("CreateOrganization", {"Alias": f"same{round_}"},
                            f"8{round_:03d}{index:08d}")

            results = together(claim)
            assert not [r for r in results if isinstance(r, BaseException)], results
            codes = sorted(r.get("__type", "ok") for r in results)
            assert codes == ["NameAvailabilityException"] * (THREADS - 1) + ["ok"], codes
