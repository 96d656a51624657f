"""Fixed costs: entering a scope, the first client in it, the import, the first call.

Run: ``python bench/bench_fixed.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import boto3
from moto import mock_aws

from workmail_mock import mock_workmail


def scope_cost(factory: object, n: int = 200) -> float:
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            with factory():  # type: ignore[operator]
                pass
        samples.append((time.perf_counter() - start) / n)
    return statistics.median(samples)


def first_client(factory: object) -> float:
    boto3.client("workmail", region_name="us-east-1")  # warm the default session
    samples = []
    for _ in range(5):
        with factory():  # type: ignore[operator]
            start = time.perf_counter()
            boto3.client("workmail", region_name="us-east-1")
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _subprocess_seconds(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def import_cost() -> tuple[float, float]:
    moto_only = statistics.median(_subprocess_seconds(
        "import time; t=time.perf_counter(); import moto; print(time.perf_counter()-t)") for _ in range(5))
    both = statistics.median(_subprocess_seconds(
        "import time; t=time.perf_counter(); import moto, workmail_mock; print(time.perf_counter()-t)")
        for _ in range(5))
    return moto_only, both


FIRST_CALL = """
import time, boto3, workmail_mock
from workmail_mock.protocol import dispatcher
spent = []
original = dispatcher.handle
def timed(*a, **k):
    t = time.perf_counter(); r = original(*a, **k); spent.append(time.perf_counter() - t); return r
dispatcher.handle = timed
import workmail_mock.wiring.interception as i; i.dispatcher = dispatcher
with workmail_mock.mock_workmail():
    client = boto3.client("workmail", region_name="us-east-1")
    client.list_organizations()
print(spent[0])
"""


def main() -> None:
    print("| fixed cost | workmail_mock | moto mock_aws | target |")
    print("|---|---|---|---|")
    print(f"| enter + leave a scope | {scope_cost(mock_workmail) * 1e3:.3f} ms | "
          f"{scope_cost(mock_aws, 50) * 1e3:.2f} ms | ≤ 1 ms |")
    print(f"| first client inside a fresh scope | {first_client(mock_workmail) * 1e3:.1f} ms | "
          f"{first_client(mock_aws) * 1e3:.1f} ms | no model reload |")
    moto_only, both = import_cost()
    print(f"| import workmail_mock on top of import moto | {(both - moto_only) * 1e3:.0f} ms | – | ≤ 100 ms |")
    first = statistics.median(_subprocess_seconds(FIRST_CALL) for _ in range(5))
    print(f"| mock's own work in the first call of a process | {first * 1e3:.1f} ms | – | ≤ 10 ms |")


if __name__ == "__main__":
    main()
