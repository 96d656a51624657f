"""``@mock_workmail`` on a class leaves no way out: inherited tests and set-up, autouse and
class-scoped fixtures of the class, setup_class, unittest ``setUpClass``. Each case runs with
no credentials at all, so a request that escaped the mock fails (NoCredentialsError)."""

from __future__ import annotations

import os
import unittest
from collections.abc import Iterator

import boto3
import pytest

from workmail_mock import backend_for, mock_workmail

CONFTEST = '''
import os
import pytest

_NO_AWS = {
    "AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None, "AWS_SESSION_TOKEN": None,
    "AWS_PROFILE": None, "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
    "AWS_CONFIG_FILE": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
}

@pytest.fixture(scope="session", autouse=True)
def _no_network():
    from botocore.httpsession import URLLib3Session

    def send(self, request):
        raise AssertionError(f"a request left the process: {request.url}")

    original, URLLib3Session.send = URLLib3Session.send, send
    saved = {key: os.environ.get(key) for key in _NO_AWS}
    for key, value in _NO_AWS.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    URLLib3Session.send = original
'''

HELPERS = '''
import unittest
import boto3
import pytest
from workmail_mock import mock_workmail

def orgs():
    client = boto3.client("workmail", region_name="us-east-1")
    return sorted(o["Alias"] for o in client.list_organizations()["OrganizationSummaries"])

def create(alias):
    boto3.client("workmail", region_name="us-east-1").create_organization(Alias=alias)
'''


def run(pytester: pytest.Pytester, body: str, passed: int) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_case=HELPERS + body)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=passed)


def test_inherited_tests_and_setup_and_teardown_are_scoped(pytester: pytest.Pytester) -> None:
    run(pytester, '''
class Base:
    def setup_method(self):
        create("from-setup")

    def teardown_method(self):
        assert "from-setup" in orgs()

    def test_inherited(self):
        assert "from-setup" in orgs()

@mock_workmail
class TestChild(Base):
    def test_own(self):
        create("own")
        assert orgs() == ["from-setup", "own"]

    def test_each_test_is_fresh(self):
        assert orgs() == ["from-setup"]
''', passed=3)


def test_autouse_fixtures_of_the_class_are_scoped(pytester: pytest.Pytester) -> None:
    run(pytester, '''
@mock_workmail
class TestAutouse:
    @pytest.fixture(autouse=True)
    def seeded(self):
        create("seed")
        yield
        assert "seed" in orgs()

    def test_sees_the_seed(self):
        assert orgs() == ["seed"]

    def test_fresh_again(self):
        create("other")
        assert orgs() == ["other", "seed"]
''', passed=2)


def test_class_scoped_fixtures_and_setup_class_share_one_class_scope(
    pytester: pytest.Pytester,
) -> None:
    run(pytester, '''
@mock_workmail
class TestClassFixture:
    @pytest.fixture(scope="class")
    def org(self):
        create("shared")
        yield "shared"
        assert "shared" in orgs()

    def test_one(self, org):
        assert org in orgs()

    def test_two(self, org):
        assert org in orgs()

class Base:
    @classmethod
    def setup_class(cls):
        create("class-level")

    @classmethod
    def teardown_class(cls):
        assert "class-level" in orgs()

@mock_workmail
class TestSetupClass(Base):
    def test_sees_class_state(self):
        assert "class-level" in orgs()

def test_after_the_classes_workmail_is_empty():
    with mock_workmail():
        assert orgs() == []
''', passed=4)


def test_unittest_set_up_class_and_inherited_tests(pytester: pytest.Pytester) -> None:
    run(pytester, '''
class Base:
    @classmethod
    def setUpClass(cls):
        create("class-level")

    @classmethod
    def tearDownClass(cls):
        assert "class-level" in orgs()

    def setUp(self):
        create(f"each-{self._testMethodName[-1]}")

    def test_a(self):
        assert orgs() == ["class-level", "each-a"]

@mock_workmail
class TestChild(Base, unittest.TestCase):
    def test_b(self):
        assert "class-level" in orgs()

@mock_workmail
class TestPlain(unittest.TestCase):
    def test_fresh(self):
        self.assertEqual(orgs(), [])
''', passed=3)


def test_unittest_runner_without_pytest_fixtures() -> None:
    @mock_workmail
    class Case(unittest.TestCase):
        @classmethod
        def setUpClass(cls) -> None:
            boto3.client("workmail", region_name="us-east-1").create_organization(Alias="c")

        def test_sees_it(self) -> None:
            client = boto3.client("workmail", region_name="us-east-1")
            assert len(client.list_organizations()["OrganizationSummaries"]) == 1

    with open(os.devnull, "w") as sink:
        result = unittest.TextTestRunner(stream=sink).run(
            unittest.defaultTestLoader.loadTestsFromTestCase(Case)
        )
    assert result.wasSuccessful(), result.errors + result.failures


# --- quotas persist into a scope ----------------------------------------------------------


@pytest.fixture
def adjusted() -> Iterator[None]:
    # This suite runs a ThreadedMotoServer in its process, so outside a scope
    # backend_for() means the server's state unless told (README): say in-process.
    backend_for("123456789012", "us-east-1", server=False).quotas.organizations_per_region = 1
    yield
    with mock_workmail():
        pass
    from workmail_mock.models import workmail_backends

    workmail_backends.wipe()


def test_quotas_set_before_a_scope_persist_into_it_and_after(adjusted: None) -> None:
    for _ in range(2):
        with mock_workmail():
            client = boto3.client("workmail", region_name="us-east-1")
            client.create_organization(Alias="one")
            with pytest.raises(client.exceptions.LimitExceededException):
                client.create_organization(Alias="two")
    assert backend_for("123456789012", "us-east-1", server=False).quotas.organizations_per_region == 1


def test_quotas_given_to_the_scope() -> None:
    with mock_workmail(quotas={"organizations_per_region": 1}):
        client = boto3.client("workmail", region_name="eu-west-1")
        client.create_organization(Alias="one")
        with pytest.raises(client.exceptions.LimitExceededException):
            client.create_organization(Alias="two")
    with mock_workmail():
        assert backend_for("123456789012", "eu-west-1").quotas.organizations_per_region == 100


@mock_workmail(quotas={"aliases_per_entity": 1})
def test_quotas_on_a_decorator() -> None:
    assert backend_for("123456789012", "us-east-1").quotas.aliases_per_entity == 1


def test_unknown_quota_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown quota organisations"):
        mock_workmail(quotas={"organisations": 1})


def test_the_guard_catches_a_request_that_leaves(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_case=HELPERS + '''
class TestUndecorated:
    def test_leaks(self):
        import os
        os.environ["AWS_ACCESS_KEY_ID"] = os.environ["AWS_SECRET_ACCESS_KEY"] = "x"
        try:
            orgs()
        finally:
            del os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]
''')
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*a request left the process*"])
