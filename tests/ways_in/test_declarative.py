"""``workmail_mock.load`` / ``dump``: the documented format, validated with errors that name
the place in the file, round-tripping ids; the server's --state / --persist and endpoints."""

from __future__ import annotations

import json
import pathlib

import boto3
import pytest
import requests

import workmail_mock
from tests.support import reset, server_client
from workmail_mock import mock_workmail
from workmail_mock.declarative import StateFileError, dump_to
from workmail_mock.testing import snapshot


def build() -> str:
    client = boto3.client("workmail", region_name="us-east-1")
    org = client.create_organization(Alias="acme", Domains=[{"DomainName": "example.com"}])[
        "OrganizationId"
    ]
    alice = client.create_user(OrganizationId=org, Name="alice", DisplayName="Alice",
                               Password="Str0ng!Passw0rd")["UserId"]
    client.register_to_work_mail(OrganizationId=org, EntityId=alice, Email="alice@example.com")
    client.create_alias(OrganizationId=org, EntityId=alice, Alias="al@example.com")
    team = client.create_group(OrganizationId=org, Name="team")["GroupId"]
    client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=alice)
    room = client.create_resource(OrganizationId=org, Name="room", Type="ROOM")["ResourceId"]
    client.associate_delegate_to_resource(OrganizationId=org, ResourceId=room, EntityId=alice)
    return str(org)


@mock_workmail
def test_load_of_dump_gives_the_same_state_ids_included(tmp_path: pathlib.Path) -> None:
    org = build()
    data = workmail_mock.dump()
    shown = json.loads(json.dumps(data))
    before = snapshot()
    workmail_mock.load(shown)
    assert workmail_mock.dump() == data
    after = snapshot()
    view = after["123456789012/us-east-1"]["organizations"][0]
    assert view["id"] == org
    assert [u["name"] for u in view["directory"]["users"]] == ["alice"]
    was = before["123456789012/us-east-1"]["organizations"][0]

    def members(org_view: dict) -> dict:
        return {g: [m["id"] for m in ms] for g, ms in org_view["memberships"]["members"].items()}

    assert members(view) == members(was)
    client = boto3.client("workmail", region_name="us-east-1")
    user = client.describe_user(OrganizationId=org, UserId="alice@example.com")
    assert user["State"] == "ENABLED"
    path = tmp_path / "state.json"
    dump_to(path)
    workmail_mock.load(path)
    assert workmail_mock.dump() == data


@mock_workmail
def test_errors_name_the_place_in_the_file() -> None:
    bad = {"format": "workmail_mock/state@1",
           "accounts": {"123456789012": {"us-east-1": {"organizations": [{"id": "m-1", "alias": "x"}]}}}}
    with pytest.raises(StateFileError, match=r"\$\.accounts\['123456789012'\]\['us-east-1'\]\.organizations\[0\]\.id"):
        workmail_mock.load(bad)
    org = "m-" + "a" * 32
    twice = {"format": "workmail_mock/state@1", "accounts": {"123456789012": {"us-east-1": {
        "organizations": [{"id": org, "alias": "acme", "users": [
            {"id": "u1", "name": "bob"}, {"id": "u2", "name": "bob"}]}]}}}}
    with pytest.raises(StateFileError, match=r"organizations\[0\]\.users\[1\]"):
        workmail_mock.load(twice)


def test_server_endpoints(server_url: str) -> None:
    reset(server_url)
    server_client(server_url).create_organization(Alias="srv")
    state = requests.get(f"{server_url}/_workmail_mock/state", timeout=10).json()
    assert state["accounts"]["123456789012"]["us-east-1"]["organizations"][0]["alias"] == "srv"
    reset(server_url)
    assert requests.post(f"{server_url}/_workmail_mock/state", json=state, timeout=10).ok
    orgs = server_client(server_url).list_organizations()["OrganizationSummaries"]
    assert [o["Alias"] for o in orgs] == ["srv"]
    bad = requests.post(f"{server_url}/_workmail_mock/state", json={"format": 1}, timeout=10)
    assert bad.status_code == 400 and "$" in bad.json()["Message"]
    reset(server_url)


def test_cli_state_and_persist(tmp_path: pathlib.Path) -> None:
    """--state loads at start; --persist writes the state on stop and loads it again."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.support import free_port

    def serve(*options: str) -> tuple[subprocess.Popen[bytes], str]:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "workmail_mock", "--port", str(port), *options],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                requests.get(f"{url}/moto-api/data.json", timeout=1)
                return process, url
            except requests.ConnectionError:
                time.sleep(0.1)
        process.kill()
        raise AssertionError("the server did not start")

    org = "m-" + "b" * 32
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"format": "workmail_mock/state@1", "accounts": {
        "123456789012": {"us-east-1": {"organizations": [{"id": org, "alias": "seeded"}]}}}}))
    persist = tmp_path / "persist.json"
    process, url = serve("--state", str(seed), "--persist", str(persist))
    try:
        client = server_client(url)
        assert [o["OrganizationId"] for o in client.list_organizations()["OrganizationSummaries"]] == [org]
        client.create_organization(Alias="later")
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    saved = json.loads(persist.read_text())
    aliases = [o["alias"] for o in saved["accounts"]["123456789012"]["us-east-1"]["organizations"]]
    assert aliases == ["seeded", "later"]
    process, url = serve("--persist", str(persist))
    try:
        listed = server_client(url).list_organizations()["OrganizationSummaries"]
        assert sorted(o["Alias"] for o in listed) == ["later", "seeded"]
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
