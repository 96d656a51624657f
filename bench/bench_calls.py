"""Per-call cost of workmail_mock against the floor and against moto, side by side.

Run: ``python bench/bench_calls.py`` (prints a markdown table; see bench/README.md).

- floor: the same boto3 client answered by a canned response (the exact body the mock
  returns) from a ``before-send`` handler: signing, sending and parsing still happen.
- Stubber: botocore's Stubber, for reference.
- mock: workmail_mock in-process (``mock_workmail``).
- moto: moto's identitystore CreateUser / DescribeUser / ListUsers under ``mock_aws``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import boto3
from botocore.stub import Stubber

from bench._floor import canned_client, raw_body
from bench._timing import per_call, side_by_side
from workmail_mock import mock_workmail

REGION = "us-east-1"
CALLS = int(os.environ.get("BENCH_CALLS", "200"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))


def _stubber_per_call(client: Any, method: str, params: dict[str, Any], response: dict[str, Any]) -> float:
    samples = []
    stubber = Stubber(client)
    stubber.activate()
    for _ in range(ROUNDS):
        for _ in range(CALLS):
            stubber.add_response(method, response, params)
        start = time.perf_counter()
        for _ in range(CALLS):
            getattr(client, method)(**params)
        samples.append((time.perf_counter() - start) / CALLS)
    stubber.deactivate()
    return statistics.median(samples)


def main() -> None:
    from moto import mock_aws

    from workmail_mock.wiring.interception import EVENT, before_send

    with mock_workmail():
        mock = boto3.client("workmail", region_name=REGION)
        org = mock.create_organization(Alias="bench")["OrganizationId"]
        user = mock.create_user(OrganizationId=org, Name="first", DisplayName="First")["UserId"]
        for i in range(150):
            mock.create_user(OrganizationId=org, Name=f"seed{i}", DisplayName=f"Seed {i}")
        counter = iter(range(10**9))
        bodies = {
            "DescribeUser": raw_body(mock, "DescribeUser", OrganizationId=org, UserId=user),
            "ListUsers": raw_body(mock, "ListUsers", OrganizationId=org, MaxResults=100),
            "CreateUser": raw_body(mock, "CreateUser", OrganizationId=org, Name="probe", DisplayName="Probe"),
        }
        floor = canned_client(bodies)
        describe = side_by_side({
            "floor": lambda: floor.describe_user(OrganizationId=org, UserId=user),
            "mock": lambda: mock.describe_user(OrganizationId=org, UserId=user),
        }, CALLS, ROUNDS)
        create = side_by_side({
            "floor": lambda: floor.create_user(OrganizationId=org, Name="x", DisplayName="X"),
            "mock": lambda: mock.create_user(OrganizationId=org, Name=f"u{next(counter)}", DisplayName="U"),
        }, CALLS, ROUNDS)
        listing = side_by_side({
            "floor": lambda: floor.list_users(OrganizationId=org, MaxResults=100),
            "mock": lambda: mock.list_users(OrganizationId=org, MaxResults=100),
        }, max(CALLS // 4, 20), ROUNDS)
        stub_client = boto3.client("workmail", region_name=REGION)
        stub_client.meta.events.unregister(EVENT, before_send)
        describe["stubber"] = _stubber_per_call(
            stub_client, "describe_user", {"OrganizationId": org, "UserId": user},
            {k: v for k, v in json.loads(bodies["DescribeUser"]).items() if k not in ("EnabledDate", "DisabledDate")},
        )

    with mock_aws():
        ids = boto3.client("identitystore", region_name=REGION)
        store = "d-1234567890"
        name = {"GivenName": "F", "FamilyName": "L"}
        moto_user = ids.create_user(IdentityStoreId=store, UserName="first", DisplayName="First", Name=name)["UserId"]
        for i in range(150):
            ids.create_user(IdentityStoreId=store, UserName=f"seed{i}", DisplayName=f"Seed {i}", Name=name)
        moto_counter = iter(range(10**9))
        describe["moto"] = per_call(lambda: ids.describe_user(IdentityStoreId=store, UserId=moto_user), CALLS, ROUNDS)
        create["moto"] = per_call(lambda: ids.create_user(
            IdentityStoreId=store, UserName=f"u{next(moto_counter)}", DisplayName="U", Name=name), CALLS, ROUNDS)
        listing["moto"] = per_call(lambda: ids.list_users(IdentityStoreId=store, MaxResults=100),
                                   max(CALLS // 4, 20), ROUNDS)
    rows = [("DescribeUser", describe), ("CreateUser", create), ("ListUsers (100 per page)", listing)]
    targets = {"DescribeUser": 1.25, "CreateUser": 1.35, "ListUsers (100 per page)": 1.3}
    print("| call | floor (before-send) | Stubber | workmail_mock | moto identitystore | mock / floor | target | moto / mock |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        stub = f"{r['stubber'] * 1e6:.0f} µs" if "stubber" in r else "–"
        print(f"| {name} | {r['floor'] * 1e6:.0f} µs | {stub} | {r['mock'] * 1e6:.0f} µs | "
              f"{r['moto'] * 1e6:.0f} µs | {r['mock'] / r['floor']:.2f}× | ≤ {targets[name]}× | "
              f"{r['moto'] / r['mock']:.2f}× |")


if __name__ == "__main__":
    main()
