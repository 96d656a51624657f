"""What threads, scopes and servers share (issue 12 points 11, 12, 13; README "Threads
and servers"): one in-process WorkMail state per process, used by every thread's
``mock_workmail`` scope and by ``mock_aws``; moto's server running in the same process
(ThreadedMotoServer) has a state of its own, which no scope touches; a client aimed at
an explicit ``endpoint_url`` is left alone inside ``mock_workmail``."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

import workmail_mock
from tests.support import REGION, aliases, reset, server_client, workmail_client
from workmail_mock import mock_workmail

THREADS = 8


def test_threads_with_their_own_scopes_share_one_state() -> None:
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        with mock_workmail():
            client = workmail_client()
            barrier.wait(timeout=30)
            try:
                client.create_organization(Alias="mine")
                outcome = "created"
            except ClientError as error:
                outcome = error.response["Error"]["Code"]
            with lock:
                outcomes.append(outcome)
            barrier.wait(timeout=30)  # nobody leaves before all have tried

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["NameAvailabilityException"] * (THREADS - 1) + ["created"]


def test_the_state_lives_until_the_last_scope_closes() -> None:
    entered, left = threading.Event(), threading.Event()

    def other_thread() -> None:
        with mock_workmail():
            workmail_client().create_organization(Alias="fromthread")
            entered.set()
        left.set()

    with mock_workmail():
        thread = threading.Thread(target=other_thread)
        thread.start()
        assert entered.wait(timeout=30) and left.wait(timeout=30)
        thread.join(timeout=30)
        # The other thread's scope closed, but this one is open: nothing was wiped.
        assert aliases(workmail_client()) == ["fromthread"]
    with mock_workmail():
        assert aliases(workmail_client()) == []


@pytest.fixture
def server(server_url: str) -> Any:
    reset(server_url)
    yield server_url
    reset(server_url)


def test_mock_workmail_never_touches_an_in_process_server(server: str) -> None:
    remote = server_client(server)
    remote.create_organization(Alias="onserver")
    with mock_workmail():
        assert aliases(workmail_client()) == []  # the scope starts empty...
        workmail_client().create_organization(Alias="inscope")
        assert aliases(remote) == ["onserver"]  # ...and the server keeps its own state
    # Leaving the scope wiped the in-process state only.
    assert aliases(remote) == ["onserver"]
    with mock_workmail():
        pass
    assert aliases(remote) == ["onserver"]


def test_explicit_endpoint_url_is_left_alone_inside_mock_workmail(server: str) -> None:
    with mock_workmail():
        remote = server_client(server)  # endpoint_url=server
        remote.create_organization(Alias="sent")
        assert aliases(remote) == ["sent"]
        assert aliases(workmail_client()) == []
    assert aliases(server_client(server)) == ["sent"]


def test_mock_aws_leaves_an_explicit_endpoint_url_alone_too(server: str) -> None:
    with mock_aws():
        server_client(server).create_organization(Alias="viaserver")
        assert aliases(workmail_client()) == []


def test_backend_for_picks_the_state_in_use(server: str) -> None:
    server_client(server).create_organization(Alias="srv")
    # No scope and no mock_aws: the server running in this process.
    assert [o.alias for o in workmail_mock.backend_for("123456789012", REGION).organizations] == [
        "srv"
    ]
    with mock_workmail():
        workmail_client().create_organization(Alias="local")
        assert [
            o.alias for o in workmail_mock.backend_for("123456789012", REGION).organizations
        ] == ["local"]
        assert [
            o.alias
            for o in workmail_mock.backend_for("123456789012", REGION, server=True).organizations
        ] == ["srv"]


@pytest.mark.parametrize("option", ["use_fips_endpoint", "use_dualstack_endpoint"])
def test_aws_endpoint_variants_are_still_answered_in_process(option: str) -> None:
    from botocore.config import Config

    with mock_workmail():
        client = workmail_client(config=Config(**{option: True}))
        client.create_organization(Alias="variant")
        assert aliases(workmail_client()) == ["variant"]
