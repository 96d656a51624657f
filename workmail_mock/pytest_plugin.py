"""The pytest plugin, registered through the ``pytest11`` entry point: installing
workmail_mock is enough to get these fixtures and the ``workmail`` marker.

- ``aws_credentials``: fake AWS credentials (and ``AWS_DEFAULT_REGION``) in the environment
  for the test, so that nothing can reach a real account;
- ``workmail``: a boto3 WorkMail client inside a fresh ``mock_workmail`` scope;
- ``workmail_organization``: a factory of organizations in that scope, with mail domains
  and users on request;
- ``workmail_server``: a moto server with WorkMail (``ThreadedMotoServer``) on a free port,
  started once per session; ``workmail_endpoint_url`` resets it and gives its URL;
- ``@pytest.mark.workmail(region=..., account=...)``: the region and account of the
  fixtures above (``us-east-1`` and ``123456789012`` by default).

Importing this module imports workmail_mock, which registers WorkMail with moto.
"""

from __future__ import annotations

import dataclasses
import socket
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pytest

from workmail_mock.wiring.scope import mock_workmail

if TYPE_CHECKING:
    from mypy_boto3_workmail import WorkMailClient
else:
    WorkMailClient = Any

DEFAULT_REGION = "us-east-1"
DEFAULT_ACCOUNT = "123456789012"
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "workmail(region='us-east-1', account='123456789012'): the AWS region and account "
        "of workmail_mock's fixtures",
    )


@dataclasses.dataclass(frozen=True)
class WorkMailTarget:
    """Where the fixtures act: ``@pytest.mark.workmail(region=..., account=...)``."""

    region: str = DEFAULT_REGION
    account: str = DEFAULT_ACCOUNT


@dataclasses.dataclass(frozen=True)
class MadeOrganization:
    """What ``workmail_organization(...)`` made."""

    id: str
    alias: str
    domains: tuple[str, ...]
    #: User name → user id.
    users: dict[str, str]


@pytest.fixture
def workmail_target(request: pytest.FixtureRequest) -> WorkMailTarget:
    marker = request.node.get_closest_marker("workmail")
    if marker is None:
        return WorkMailTarget()
    if marker.args:
        raise pytest.UsageError("@pytest.mark.workmail takes keywords: region=..., account=...")
    return WorkMailTarget(**marker.kwargs)


@pytest.fixture
def aws_credentials(
    monkeypatch: pytest.MonkeyPatch, workmail_target: WorkMailTarget
) -> dict[str, str]:
    """Fake credentials, region and account (``MOTO_ACCOUNT_ID``) for this test."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    values = {
        **FAKE_CREDENTIALS,
        "AWS_DEFAULT_REGION": workmail_target.region,
        "MOTO_ACCOUNT_ID": workmail_target.account,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.fixture
def workmail(aws_credentials: dict[str, str], workmail_target: WorkMailTarget) -> Iterator[
    WorkMailClient
]:
    """A boto3 WorkMail client inside a fresh ``mock_workmail`` scope."""
    import boto3

    with mock_workmail():
        yield boto3.client("workmail", region_name=workmail_target.region)


@pytest.fixture
def workmail_organization(workmail: WorkMailClient) -> Callable[..., MadeOrganization]:
    """``workmail_organization(alias=None, *, domains=(), users=())``: an Active organization
    (alias ``org-N`` unless given) with these mail domains registered and these users
    created and enabled, at ``name@`` the first domain (or the organization's default)."""
    made = 0

    def make(
        alias: str | None = None, *, domains: Sequence[str] = (), users: Sequence[str] = ()
    ) -> MadeOrganization:
        nonlocal made
        made += 1
        alias = alias or f"org-{made}"
        org_id = workmail.create_organization(Alias=alias)["OrganizationId"]
        for domain in domains:
            workmail.register_mail_domain(OrganizationId=org_id, DomainName=domain)
        mail_domain = domains[0] if domains else f"{alias}.awsapps.com"
        ids = {}
        for name in users:
            user_id = workmail.create_user(
                OrganizationId=org_id, Name=name, DisplayName=name.title()
            )["UserId"]
            workmail.register_to_work_mail(
                OrganizationId=org_id, EntityId=user_id, Email=f"{name}@{mail_domain}"
            )
            ids[name] = user_id
        return MadeOrganization(org_id, alias, tuple(domains), ids)

    return make


@dataclasses.dataclass
class WorkMailServer:
    """A moto server with WorkMail, in this process (``ThreadedMotoServer``)."""

    endpoint_url: str

    def reset(self) -> None:
        """Wipe every service of the server (moto's ``/moto-api/reset``)."""
        request = urllib.request.Request(f"{self.endpoint_url}/moto-api/reset", method="POST")
        with urllib.request.urlopen(request, timeout=10):
            pass

    def client(self, region: str = DEFAULT_REGION, **kwargs: Any) -> WorkMailClient:
        import boto3

        for name, value in FAKE_CREDENTIALS.items():
            kwargs.setdefault(name.lower(), value)
        return boto3.client(
            "workmail", region_name=region, endpoint_url=self.endpoint_url, **kwargs
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def workmail_server() -> Iterator[WorkMailServer]:
    """One server for the session, on a free port of 127.0.0.1 (needs ``moto[server]``)."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:  # pragma: no cover - depends on the extras installed
        pytest.skip('workmail_server needs moto\'s server: pip install "workmail_mock[server]"')
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield WorkMailServer(f"http://127.0.0.1:{port}")
    finally:
        server.stop()


@pytest.fixture
def workmail_endpoint_url(workmail_server: WorkMailServer) -> str:
    """The session's server, reset for this test: pass it as ``endpoint_url``."""
    workmail_server.reset()
    return workmail_server.endpoint_url
