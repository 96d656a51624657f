"""Per-call cost of the three Get...Effect operations against the before-send floor.

Run: ``python bench/bench_policies.py`` (prints a markdown table; see bench/README.md).

- floor: the same boto3 client answered by a canned response (the exact body the mock
  returns for the same request) from a ``before-send`` handler, with the mock's own
  handler unregistered from that client.
- mock: workmail_mock in-process (``mock_workmail``), with 10 access control rules, 10
  mobile device rules and 100 overrides, and a role of 10 rules.
- DescribeUser is measured in the same run as a reference: on a loaded machine the ratios
  drift together, and bench_calls.py gives its target.
"""

from __future__ import annotations

import os
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import boto3
from botocore import xform_name

from bench._floor import canned_client, raw_body
from bench._timing import side_by_side
from workmail_mock import mock_workmail

REGION = "us-east-1"
CALLS = int(os.environ.get("BENCH_CALLS", "200"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
TARGET = 1.3


def _seed(mock: Any) -> dict[str, dict[str, Any]]:
    """An organization with full rule sets; returns the request of each measured call."""
    org = mock.create_organization(Alias="bench")["OrganizationId"]
    users = [
        mock.create_user(OrganizationId=org, Name=f"user{i}", DisplayName=f"User {i}")["UserId"]
        for i in range(20)
    ]
    for i in range(9):  # 9 + the default rule = 10
        mock.put_access_control_rule(
            OrganizationId=org, Name=f"rule{i}", Effect="DENY" if i % 3 == 0 else "ALLOW",
            Description=f"rule {i}", IpRanges=[f"10.{i}.0.0/16", "192.0.2.0/24"],
            NotIpRanges=[f"10.{i}.1.0/24"], Actions=["IMAP", "EWS", "WebMail"],
            NotUserIds=users[i : i + 2],
        )
    for i in range(9):  # 9 + the default ALLOW-all rule = 10
        mock.create_mobile_device_access_rule(
            OrganizationId=org, Name=f"device{i}", Effect="DENY" if i % 3 == 0 else "ALLOW",
            DeviceTypes=["iPhone", "iPad", f"Type{i}"], NotDeviceModels=[f"Model{i}"],
            DeviceOperatingSystems=["iOS", "Android"], DeviceUserAgents=["$NONE", "iOS/"],
        )
    for i in range(100):
        mock.put_mobile_device_access_override(
            OrganizationId=org, UserId=users[i % 20], DeviceId=f"DEVICE{i:04d}",
            Effect="DENY" if i % 2 else "ALLOW",
        )
    rules = [
        {"ImpersonationRuleId": f"r{i}", "Name": f"rule {i}", "Effect": "DENY" if i == 9 else "ALLOW",
         "TargetUsers": users[i : i + 5], "NotTargetUsers": users[i + 10 : i + 11]}
        for i in range(10)
    ]
    role = mock.create_impersonation_role(
        OrganizationId=org, Name="auditor", Type="READ_ONLY", Rules=rules
    )["ImpersonationRoleId"]
    return {
        "GetAccessControlEffect": {
            "OrganizationId": org, "IpAddress": "192.0.2.10", "Action": "IMAP", "UserId": users[15],
        },
        "GetMobileDeviceAccessEffect": {
            "OrganizationId": org, "DeviceType": "iPhone", "DeviceModel": "iPhone15C2",
            "DeviceOperatingSystem": "iOS 17.1",
        },
        "GetImpersonationRoleEffect": {
            "OrganizationId": org, "ImpersonationRoleId": role, "TargetUser": users[12],
        },
        # A reference measured in the same run: bench_calls.py's DescribeUser (target 1.25x).
        "DescribeUser": {"OrganizationId": org, "UserId": users[0]},
    }


def main() -> None:
    rows = []
    with mock_workmail():
        mock = boto3.client("workmail", region_name=REGION)
        requests = _seed(mock)
        bodies = {op: raw_body(mock, op, **params) for op, params in requests.items()}
        floor = canned_client(bodies)
        for operation, params in requests.items():
            method = xform_name(operation)
            timing = side_by_side({
                "floor": lambda m=method, p=params: getattr(floor, m)(**p),
                "mock": lambda m=method, p=params: getattr(mock, m)(**p),
            }, CALLS, ROUNDS)
            rows.append((operation, timing, bodies[operation]))
    labels = {
        "GetAccessControlEffect": "GetAccessControlEffect (10 rules)",
        "GetMobileDeviceAccessEffect": "GetMobileDeviceAccessEffect (10 rules, 100 overrides)",
        "GetImpersonationRoleEffect": "GetImpersonationRoleEffect (10 rules)",
        "DescribeUser": "DescribeUser (reference, same run)",
    }
    print("| call | floor (before-send) | workmail_mock | mock / floor | target |")
    print("|---|---|---|---|---|")
    for operation, r, _body in rows:
        print(f"| {labels[operation]} | {r['floor'] * 1e6:.0f} µs | {r['mock'] * 1e6:.0f} µs | "
              f"{r['mock'] / r['floor']:.2f}× | "
              f"{'–' if operation == 'DescribeUser' else f'≤ {TARGET}×'} |")
    for operation, _r, body in rows:
        print(f"<!-- {operation}: {body.decode()} -->")


if __name__ == "__main__":
    main()
