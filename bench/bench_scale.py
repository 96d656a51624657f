"""How the cost of one call grows with the organization: 100, 10,000 and 100,000 users
(and as many groups and resources), filtered list pages included.

Run: ``python bench/bench_scale.py`` (``BENCH_SIZES=100,10000`` for a shorter run);
``BENCH_PART=filtered BENCH_SIZES=100,100000 python bench/bench_scale.py`` measures the
filtered list pages of both sizes interleaved, in one process.
Entities are seeded through the operation registry (no HTTP) to save time; the calls measured go
through boto3 and the in-process interceptor. Also reports the time per user of seeding
(linear creation) and the bytes held per user (tracemalloc) at the largest size.
"""

from __future__ import annotations

import os
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import boto3

from bench._timing import per_call, side_by_side
from workmail_mock import backend_for, mock_workmail
from workmail_mock.operations import invoke
from workmail_mock.state.directory import entity_filter

REGION, ACCOUNT = "us-east-1", "123456789012"
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "100,10000,100000").split(",")]


def measure(size: int, trace: bool) -> dict[str, float]:
    with mock_workmail():
        client = boto3.client("workmail", region_name=REGION)
        org = client.create_organization(Alias=f"scale{size}")["OrganizationId"]
        backend = backend_for(ACCOUNT, REGION)

        def seed(operation: str, **params: Any) -> Any:
            return invoke(operation, backend, {"OrganizationId": org, **params})

        start = time.perf_counter()
        with backend.lock:
            ids = [seed("CreateUser", Name=f"user{i}", DisplayName=f"User {i}")["UserId"]
                   for i in range(size)]
        seeding = (time.perf_counter() - start) / size
        with backend.lock:
            for i in range(size):
                seed("CreateGroup", Name=f"group{i}")
                seed("CreateResource", Name=f"room{i}", Type="ROOM")
        held = 0.0
        if trace:  # a second organization of the same size, under tracemalloc
            other = client.create_organization(Alias=f"mem{size}")["OrganizationId"]
            tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            with backend.lock:
                for i in range(size):
                    invoke("CreateUser", backend, {"OrganizationId": other, "Name": f"user{i}",
                                                   "DisplayName": f"User {i}"})
            held = (tracemalloc.get_traced_memory()[0] - base) / size
            tracemalloc.stop()
        # A NextToken 90% of the way through the listing.
        token = None
        skip = int(size * 0.9) // 100
        with backend.lock:
            for _ in range(skip):
                token = seed("ListUsers", MaxResults=100,
                             **({"NextToken": token} if token else {}))["NextToken"]
        deep = {"NextToken": token} if token else {}
        counter = iter(range(10**9))
        target = ids[size // 2]
        # A prefix that one entity matches at every size (user50, user50000...), and
        # one that every entity matches (a page is full at once).
        one = str(size // 2)
        directory = backend.organization(org).directory
        scan_keep = entity_filter({"UsernamePrefix": f"user{one}"})
        result = {
            "ListUsers first page": per_call(lambda: client.list_users(OrganizationId=org, MaxResults=100), 50, 5),
            "ListUsers deep page": per_call(lambda: client.list_users(OrganizationId=org, MaxResults=100, **deep), 50, 5),
            "ListUsers UsernamePrefix, 1 match": per_call(lambda: client.list_users(
                OrganizationId=org, Filters={"UsernamePrefix": f"user{one}"}), 50, 5),
            "ListUsers UsernamePrefix, all match": per_call(lambda: client.list_users(
                OrganizationId=org, MaxResults=100, Filters={"UsernamePrefix": "user"}), 50, 5),
            "ListGroups NamePrefix, 1 match": per_call(lambda: client.list_groups(
                OrganizationId=org, Filters={"NamePrefix": f"group{one}"}), 50, 5),
            "ListResources NamePrefix, 1 match": per_call(lambda: client.list_resources(
                OrganizationId=org, Filters={"NamePrefix": f"room{one}"}), 50, 5),
            "(full scan, the way before the index)": per_call(
                lambda: directory.users.page(100, None, scan_keep), 5, 3),
            "DescribeUser": per_call(lambda: client.describe_user(OrganizationId=org, UserId=target), 200, 5),
            "CreateUser": per_call(lambda: client.create_user(OrganizationId=org, Name=f"new{next(counter)}", DisplayName="N"), 200, 5),
            "seed per user": seeding,
        }
        if trace:
            result["bytes per user"] = held
        return result


def filtered_pages(small: int, large: int) -> None:
    """Filtered list pages of two organizations (``small`` and ``large`` users, groups and
    resources) in one process, measured interleaved round by round (side_by_side), so
    that machine noise hits both sizes alike."""
    with mock_workmail():
        client = boto3.client("workmail", region_name=REGION)
        backend = backend_for(ACCOUNT, REGION)
        orgs = {}
        for size in (small, large):
            org = client.create_organization(Alias=f"filtered{size}")["OrganizationId"]
            with backend.lock:
                for i in range(size):
                    params = {"OrganizationId": org}
                    invoke("CreateUser", backend, {**params, "Name": f"user{i}",
                                                   "DisplayName": f"User {i}"})
                    invoke("CreateGroup", backend, {**params, "Name": f"group{i}"})
                    invoke("CreateResource", backend, {**params, "Name": f"room{i}",
                                                       "Type": "ROOM"})
                # Set straight in the directory: CreateUser's IdentityProviderUserId
                # uniqueness check reads every user, which would make seeding quadratic.
                directory = backend.organization(org).directory
                for i, user in enumerate(directory.users):
                    directory.set_user_attribute(
                        user, "identity_provider_user_id", f"{i:08x}-0000-4000-8000-000000000000"
                    )
            orgs[size] = org

        def calls(size: int) -> dict[str, Callable[[], object]]:
            org, one = orgs[size], str(size // 2)  # one entity matches: user50, user50000
            return {
                "ListUsers UsernamePrefix, 1 match": lambda: client.list_users(
                    OrganizationId=org, Filters={"UsernamePrefix": f"user{one}"}),
                "ListUsers UsernamePrefix, all match (full page)": lambda: client.list_users(
                    OrganizationId=org, MaxResults=100, Filters={"UsernamePrefix": "user"}),
                "ListGroups NamePrefix, 1 match": lambda: client.list_groups(
                    OrganizationId=org, Filters={"NamePrefix": f"group{one}"}),
                "ListResources NamePrefix, 1 match": lambda: client.list_resources(
                    OrganizationId=org, Filters={"NamePrefix": f"room{one}"}),
                "ListUsers DisplayNamePrefix, 1 match": lambda: client.list_users(
                    OrganizationId=org, Filters={"DisplayNamePrefix": f"User {one}"}),
                "ListUsers DisplayNamePrefix, all match (full page)": lambda: client.list_users(
                    OrganizationId=org, MaxResults=100, Filters={"DisplayNamePrefix": "User"}),
                "ListUsers IdentityProviderUserIdPrefix, 1 match": lambda: client.list_users(
                    OrganizationId=org, Filters={"IdentityProviderUserIdPrefix": f"{size // 2:08x}"}),
                "ListUsers unfiltered first page": lambda: client.list_users(
                    OrganizationId=org, MaxResults=100),
            }

        small_calls, large_calls = calls(small), calls(large)
        print(f"| filtered page | {small:,} entities | {large:,} entities | {large:,} / {small:,} |")
        print("|---|---|---|---|")
        for name in small_calls:
            times = side_by_side({"small": small_calls[name], "large": large_calls[name]}, 50, 9)
            print(f"| {name} | {times['small'] * 1e6:.0f} µs | {times['large'] * 1e6:.0f} µs "
                  f"| {times['large'] / times['small']:.2f}× |")


def main() -> None:
    if os.environ.get("BENCH_PART") == "filtered":
        filtered_pages(min(SIZES), max(SIZES))
        return
    results = {size: measure(size, trace=size == max(SIZES)) for size in SIZES}
    small = results[min(SIZES)]
    header = " | ".join(f"{s:,} users" for s in SIZES)
    print(f"| measure | {header} | largest / {min(SIZES):,} |")
    print("|---|" + "---|" * (len(SIZES) + 1))
    for name in small:
        if name == "bytes per user":
            continue
        cells = " | ".join(f"{results[s][name] * 1e6:.0f} µs" for s in SIZES)
        print(f"| {name} | {cells} | {results[max(SIZES)][name] / small[name]:.2f}× |")
    print(f"\nMemory held per user at {max(SIZES):,} users: "
          f"{results[max(SIZES)]['bytes per user']:.0f} bytes (tracemalloc)")


if __name__ == "__main__":
    main()
