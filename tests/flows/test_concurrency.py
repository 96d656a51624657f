"""Concurrency and faults: no write is lost or duplicated, and the store stays consistent."""

from __future__ import annotations

import json
import socket
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlparse

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.support import server_client
from workmail_mock import mock_workmail
from workmail_mock.testing import snapshot

THREADS, PER_THREAD = 8, 250
DOCUMENTED = {"EntityStateException", "EmailAddressInUseException", "EntityNotFoundException"}


def _server_client(url: str) -> Any:
    return server_client(
        url, config=Config(max_pool_connections=THREADS * 2, retries={"max_attempts": 1})
    )


def test_server_under_load_loses_no_write(server_url: str) -> None:
    requests.post(f"{server_url}/moto-api/reset", timeout=10)
    setup = _server_client(server_url)
    org = setup.create_organization(Alias="loadtest")["OrganizationId"]
    setup.register_mail_domain(OrganizationId=org, DomainName="load.example.com")
    groups = [setup.create_group(OrganizationId=org, Name=f"team{t}")["GroupId"] for t in range(THREADS)]
    unexpected: list[str] = []

    def work(thread: int) -> list[str]:
        client = _server_client(server_url)
        made = []
        for i in range(PER_THREAD):
            user = client.create_user(
                OrganizationId=org, Name=f"t{thread}u{i}", DisplayName=f"T{thread} U{i}"
            )["UserId"]
            made.append(user)
            try:
                if i % 5 == 0:
                    client.register_to_work_mail(
                        OrganizationId=org, EntityId=user, Email=f"t{thread}u{i}@load.example.com"
                    )
                if i % 10 == 0:
                    client.deregister_from_work_mail(OrganizationId=org, EntityId=user)
                if i % 3 == 0:
                    client.associate_member_to_group(
                        OrganizationId=org, GroupId=groups[thread], MemberId=user
                    )
            except ClientError as error:
                code = error.response["Error"]["Code"]
                if code not in DOCUMENTED:
                    unexpected.append(f"{code}: {error}")
        return made

    with ThreadPoolExecutor(THREADS) as pool:
        created = [u for made in pool.map(work, range(THREADS)) for u in made]

    assert not unexpected
    assert len(created) == len(set(created)) == THREADS * PER_THREAD
    listed, token = [], None
    while True:
        page = setup.list_users(OrganizationId=org, MaxResults=100, **({"NextToken": token} if token else {}))
        listed += page["Users"]
        token = page.get("NextToken")
        if not token:
            break
    names = Counter(u["Name"] for u in listed)
    assert len(listed) == THREADS * PER_THREAD
    assert all(count == 1 for count in names.values())
    assert {u["Id"] for u in listed} == set(created)
    for thread, group in enumerate(groups):
        members, token = [], None
        while True:
            page = setup.list_group_members(
                OrganizationId=org, GroupId=group, MaxResults=100, **({"NextToken": token} if token else {})
            )
            members += [m["Name"] for m in page["Members"]]
            token = page.get("NextToken")
            if not token:
                break
        expected = {f"t{thread}u{i}" for i in range(0, PER_THREAD, 3)}
        assert sorted(members) == sorted(expected)
    enabled = [u for u in listed if u["State"] == "ENABLED"]
    assert {u["Name"] for u in enabled} == {
        f"t{t}u{i}" for t in range(THREADS) for i in range(0, PER_THREAD, 5) if i % 10
    }


def test_two_threads_in_one_scope_share_one_state() -> None:
    with mock_workmail():
        org = boto3.client("workmail", region_name="us-east-1").create_organization(
            Alias="shared"
        )["OrganizationId"]
        barrier = threading.Barrier(2)

        def work(prefix: str) -> None:
            client = boto3.client("workmail", region_name="us-east-1")
            barrier.wait()
            for i in range(50):
                client.create_group(OrganizationId=org, Name=f"{prefix}{i}")

        threads = [threading.Thread(target=work, args=(p,)) for p in ("a", "b")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        client = boto3.client("workmail", region_name="us-east-1")
        names = [g["Name"] for g in client.list_groups(OrganizationId=org, MaxResults=100)["Groups"]]
        assert sorted(names) == sorted([f"a{i}" for i in range(50)] + [f"b{i}" for i in range(50)])


def test_client_disconnecting_mid_request_leaves_the_store_consistent(server_url: str) -> None:
    requests.post(f"{server_url}/moto-api/reset", timeout=10)
    client = _server_client(server_url)
    org = client.create_organization(Alias="faults")["OrganizationId"]
    before = snapshot()
    body = json.dumps({"OrganizationId": org, "Name": "halfway"}).encode()
    address = urlparse(server_url)
    for cut in (0, len(body) // 2, len(body) - 1):
        with socket.create_connection((address.hostname, address.port), timeout=5) as sock:
            sock.sendall(
                b"POST / HTTP/1.1\r\nHost: workmail.us-east-1.amazonaws.com\r\n"
                b"X-Amz-Target: WorkMailService.CreateGroup\r\n"
                b"Content-Type: application/x-amz-json-1.1\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body[:cut]
            )
    # The server answers the next request, and nothing half-written is there.
    assert client.list_groups(OrganizationId=org)["Groups"] == []
    assert snapshot() == before


def test_request_rejected_halfway_changes_nothing() -> None:
    """CreateOrganization whose second domain is taken: no organization, no domain."""
    with mock_workmail():
        client = boto3.client("workmail", region_name="us-east-1")
        first = client.create_organization(Alias="first")["OrganizationId"]
        client.register_mail_domain(OrganizationId=first, DomainName="taken.example.com")
        before = snapshot()
        with pytest.raises(ClientError) as info:
            client.create_organization(
                Alias="second",
                Domains=[{"DomainName": "free.example.com"}, {"DomainName": "taken.example.com"}],
            )
        assert info.value.response["Error"]["Code"] == "InvalidParameterException"
        assert snapshot() == before
