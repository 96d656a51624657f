"""Server mode: latency and throughput with 1 and 8 client threads.

Run: ``python bench/bench_server.py``. Starts ``python -m workmail_mock`` and moto's own
server (for identitystore) on loopback ports, and drives DescribeUser on both.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import requests
from botocore.config import Config

CALLS = int(os.environ.get("BENCH_SERVER_CALLS", "800"))


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(args: list[str], port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, *args, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            requests.get(f"http://127.0.0.1:{port}/moto-api/", timeout=1)
            return proc
        except requests.RequestException:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"server {args} did not start")


def _client(service: str, port: int) -> Any:
    return boto3.client(service, region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{port}",
                        aws_access_key_id="x", aws_secret_access_key="x",
                        config=Config(max_pool_connections=16))


def _run(call: Any, threads: int) -> tuple[float, float]:
    """(median latency in s, calls per second) for CALLS calls over ``threads`` threads."""
    latencies: list[float] = []

    def one(_: int) -> None:
        start = time.perf_counter()
        call()
        latencies.append(time.perf_counter() - start)

    for _ in range(20):
        call()
    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(CALLS)))
    elapsed = time.perf_counter() - start
    return statistics.median(latencies), CALLS / elapsed


def main() -> None:
    wm_port, moto_port = _port(), _port()
    wm = _start(["-m", "workmail_mock"], wm_port)
    moto = _start(["-m", "moto.server"], moto_port)
    try:
        results: dict[str, dict[int, tuple[float, float]]] = {"workmail_mock": {}, "moto identitystore": {}}
        for threads in (1, 8):
            clients_wm = _client("workmail", wm_port)
            org = clients_wm.create_organization(Alias=f"srv{threads}")["OrganizationId"]
            user = clients_wm.create_user(OrganizationId=org, Name="u", DisplayName="U")["UserId"]
            ids = _client("identitystore", moto_port)
            moto_user = ids.create_user(IdentityStoreId="d-1234567890", UserName=f"u{threads}", DisplayName="U",
                                        Name={"GivenName": "G", "FamilyName": "F"})["UserId"]
            results["workmail_mock"][threads] = _run(
                lambda: clients_wm.describe_user(OrganizationId=org, UserId=user), threads)
            results["moto identitystore"][threads] = _run(
                lambda: ids.describe_user(IdentityStoreId="d-1234567890", UserId=moto_user), threads)
    finally:
        wm.terminate()
        moto.terminate()
    print("| server | latency, 1 thread | calls/s, 1 thread | latency, 8 threads | calls/s, 8 threads |")
    print("|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r[1][0] * 1e3:.2f} ms | {r[1][1]:.0f} | {r[8][0] * 1e3:.2f} ms | {r[8][1]:.0f} |")
    ratio = results["workmail_mock"][8][1] / results["moto identitystore"][8][1]
    print(f"\nThroughput at 8 threads, workmail_mock / moto: {ratio:.2f}× (target ≥ 1.5×)")


if __name__ == "__main__":
    main()
