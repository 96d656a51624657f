"""RegisterMailDomain, GetMailDomain, ListMailDomains, DeregisterMailDomain and
UpdateDefaultMailDomain, in-process and against moto's server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from moto.moto_api import state_manager

import workmail_mock
from tests.support import ACCOUNT, MISSING_ORG, REGION, VERIFICATION_MODEL, raises
from tests.support.internals import WorkMailBackend


@pytest.fixture
def pending_domains() -> Iterator[None]:
    """Domains stay PENDING for one GetMailDomain read, then verify."""
    state_manager.set_transition(VERIFICATION_MODEL, {"progression": "manual", "times": 1})
    try:
        yield
    finally:
        state_manager.unset_transition(VERIFICATION_MODEL)


def _domains(client: Any, org: str) -> list[tuple[str, bool]]:
    listed = client.list_mail_domains(OrganizationId=org)["MailDomains"]
    return [(d["DomainName"], d["DefaultDomain"]) for d in listed]


# --- RegisterMailDomain -------------------------------------------------------------------


def test_register_mail_domain(client, org):
    assert (
        client.register_mail_domain(OrganizationId=org, DomainName="acme.example")[
            "ResponseMetadata"
        ]["HTTPStatusCode"]
        == 200
    )
    assert _domains(client, org) == [("testorg.awsapps.com", True), ("acme.example", False)]


def test_register_mail_domain_twice_in_the_same_organization_is_a_no_op(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    assert len(_domains(client, org)) == 2


def test_register_mail_domain_pattern_is_validated(client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value '_~_' at 'domainName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9.-]+",
    ):
        client.register_mail_domain(OrganizationId=org, DomainName="_~_")


@pytest.mark.parametrize("name", ["_acme.example", "acme.example!", "ac me.example"])
def test_register_mail_domain_name_matching_only_in_part_is_an_invalid_parameter(client, org, name):
    with raises(
        "InvalidParameterException",
        f"Domain name {name!r} is not valid: use letters, digits, dots and hyphens",
    ):
        client.register_mail_domain(OrganizationId=org, DomainName=name)


def test_register_mail_domain_length_is_validated(raw_client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value 'ab' at 'domainName' failed to satisfy "
        "constraint: Member must have length greater than or equal to 3",
    ):
        raw_client.register_mail_domain(OrganizationId=org, DomainName="ab")


def test_register_mail_domain_test_domain_is_refused(client, org):
    with raises(
        "InvalidParameterException",
        "Domain other.awsapps.com is an awsapps.com test domain and can't be registered",
    ):
        client.register_mail_domain(OrganizationId=org, DomainName="other.awsapps.com")


def test_register_mail_domain_in_use_by_another_organization(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    other = client.create_organization(Alias="other")["OrganizationId"]
    with raises(
        "MailDomainInUseException",
        f"Domain ACME.example is already registered to organization {org}",
    ):
        client.register_mail_domain(OrganizationId=other, DomainName="ACME.example")


def test_register_mail_domain_of_a_deleted_organization_is_free(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    other = client.create_organization(Alias="other")["OrganizationId"]
    client.register_mail_domain(OrganizationId=other, DomainName="acme.example")


def test_register_mail_domain_client_token_replay(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example", ClientToken="t-1")
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example", ClientToken="t-1")
    assert len(_domains(client, org)) == 2


def test_register_mail_domain_client_token_with_other_parameters(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example", ClientToken="t-1")
    with raises(
        "InvalidParameterException",
        "ClientToken t-1 was already used for a RegisterMailDomain request with different "
        "parameters",
    ):
        client.register_mail_domain(OrganizationId=org, DomainName="acme.test", ClientToken="t-1")


def test_register_mail_domain_quota(client, org):
    workmail_mock.backend_for(ACCOUNT, REGION).quotas.mail_domains_per_organization = 2
    client.register_mail_domain(OrganizationId=org, DomainName="one.example")
    client.register_mail_domain(OrganizationId=org, DomainName="two.example")
    with raises(
        "LimitExceededException",
        f"Organization {org} already has 2 mail domains; the quota is 2",
    ):
        client.register_mail_domain(OrganizationId=org, DomainName="three.example")


def test_default_mail_domain_quota_is_100():
    assert WorkMailBackend(REGION, ACCOUNT).quotas.mail_domains_per_organization == 100


def test_register_mail_domain_unknown_organization(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.register_mail_domain(OrganizationId=MISSING_ORG, DomainName="acme.example")


# --- GetMailDomain ------------------------------------------------------------------------


def test_get_mail_domain_records(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    answer = client.get_mail_domain(OrganizationId=org, DomainName="acme.example")
    records = [(r["Type"], r["Hostname"], r["Value"]) for r in answer["Records"]]
    assert len(records) == 8
    ses, mx, autodiscover, *dkim, spf, dmarc = records
    assert ses[:2] == ("TXT", "_amazonses.acme.example")
    assert re.fullmatch(r"[A-Za-z0-9+/]{43}=", ses[2])
    assert mx == ("MX", "acme.example", f"10 inbound-smtp.{REGION}.amazonaws.com")
    assert autodiscover == (
        "CNAME",
        "autodiscover.acme.example",
        f"autodiscover.mail.{REGION}.awsapps.com",
    )
    assert len(dkim) == 3
    for kind, host, value in dkim:
        token = host.split(".", 1)[0]
        assert kind == "CNAME"
        assert re.fullmatch(r"[a-z0-9]{32}", token)
        assert host == f"{token}._domainkey.acme.example"
        assert value == f"{token}.dkim.amazonses.com"
    assert len({host for _, host, _ in dkim}) == 3
    assert spf == ("TXT", "acme.example", "v=spf1 include:amazonses.com ~all")
    assert dmarc == ("TXT", "_dmarc.acme.example", "v=DMARC1;p=quarantine;pct=100;fo=1")


def test_get_mail_domain_region_appears_in_the_records(make_client):
    west = make_client(region="us-west-2")
    org = west.create_organization(Alias="west")["OrganizationId"]
    west.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    records = west.get_mail_domain(OrganizationId=org, DomainName="acme.example")["Records"]
    assert records[1]["Value"] == "10 inbound-smtp.us-west-2.amazonaws.com"


def test_get_mail_domain_custom_domain_flags(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    answer = client.get_mail_domain(OrganizationId=org, DomainName="acme.example")
    assert answer["IsTestDomain"] is False
    assert answer["IsDefault"] is False
    assert answer["OwnershipVerificationStatus"] == "VERIFIED"
    assert answer["DkimVerificationStatus"] == "VERIFIED"


def test_get_mail_domain_test_domain(client, org):
    answer = client.get_mail_domain(OrganizationId=org, DomainName="testorg.awsapps.com")
    assert answer["Records"] == []
    assert answer["IsTestDomain"] is True
    assert answer["IsDefault"] is True
    assert answer["OwnershipVerificationStatus"] == "VERIFIED"
    assert answer["DkimVerificationStatus"] == "VERIFIED"


def test_get_mail_domain_is_case_insensitive(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    assert client.get_mail_domain(OrganizationId=org, DomainName="ACME.Example")["Records"]


def test_get_mail_domain_unknown(client, org):
    with raises(
        "MailDomainNotFoundException",
        f"Domain nope.example is not a mail domain of organization {org}",
    ):
        client.get_mail_domain(OrganizationId=org, DomainName="nope.example")


def test_get_mail_domain_of_a_deleted_organization(client, org):
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises(
        "OrganizationStateException",
        f"Organization {org} is in state Deleted; the operation requires state Active",
    ):
        client.get_mail_domain(OrganizationId=org, DomainName="testorg.awsapps.com")


def test_get_mail_domain_realistic_verification(client, org, pending_domains):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    first = client.get_mail_domain(OrganizationId=org, DomainName="acme.example")
    assert (first["OwnershipVerificationStatus"], first["DkimVerificationStatus"]) == (
        "PENDING",
        "PENDING",
    )
    second = client.get_mail_domain(OrganizationId=org, DomainName="acme.example")
    assert (second["OwnershipVerificationStatus"], second["DkimVerificationStatus"]) == (
        "VERIFIED",
        "VERIFIED",
    )


# --- ListMailDomains ----------------------------------------------------------------------


def test_list_mail_domains_has_the_test_domain(client, org):
    assert _domains(client, org) == [("testorg.awsapps.com", True)]


def test_list_mail_domains_pagination(client, org):
    names = [f"d{i}.example" for i in range(4)]
    for name in names:
        client.register_mail_domain(OrganizationId=org, DomainName=name)
    seen: list[str] = []
    sizes: list[int] = []
    kwargs: dict[str, Any] = {"OrganizationId": org, "MaxResults": 2}
    while True:
        answer = client.list_mail_domains(**kwargs)
        sizes.append(len(answer["MailDomains"]))
        seen += [d["DomainName"] for d in answer["MailDomains"]]
        if "NextToken" not in answer:
            break
        kwargs["NextToken"] = answer["NextToken"]
    assert sizes == [2, 2, 1]
    assert seen == ["testorg.awsapps.com", *names]


def test_list_mail_domains_bad_next_token(client, org):
    with raises("InvalidParameterException", "The NextToken 'garbage' is not valid"):
        client.list_mail_domains(OrganizationId=org, NextToken="garbage")


def test_list_mail_domains_unknown_organization(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.list_mail_domains(OrganizationId=MISSING_ORG)


# --- DeregisterMailDomain -----------------------------------------------------------------


def test_deregister_mail_domain(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    client.deregister_mail_domain(OrganizationId=org, DomainName="acme.example")
    assert _domains(client, org) == [("testorg.awsapps.com", True)]
    with raises(
        "MailDomainNotFoundException",
        f"Domain acme.example is not a mail domain of organization {org}",
    ):
        client.get_mail_domain(OrganizationId=org, DomainName="acme.example")


def test_deregister_mail_domain_frees_it_for_another_organization(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    client.deregister_mail_domain(OrganizationId=org, DomainName="acme.example")
    other = client.create_organization(Alias="other")["OrganizationId"]
    client.register_mail_domain(OrganizationId=other, DomainName="acme.example")


def test_deregister_mail_domain_unknown_is_a_no_op(client, org):
    client.deregister_mail_domain(OrganizationId=org, DomainName="nope.example")
    assert _domains(client, org) == [("testorg.awsapps.com", True)]


def test_deregister_mail_domain_test_domain_is_refused(client, org):
    with raises(
        "InvalidParameterException",
        f"Domain testorg.awsapps.com is the test domain of organization {org} and can't be "
        "deregistered",
    ):
        client.deregister_mail_domain(OrganizationId=org, DomainName="testorg.awsapps.com")


def test_deregister_mail_domain_default_domain_is_refused(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    client.update_default_mail_domain(OrganizationId=org, DomainName="acme.example")
    with raises(
        "MailDomainInUseException",
        f"Domain acme.example is the default mail domain of organization {org}; choose "
        "another default first",
    ):
        client.deregister_mail_domain(OrganizationId=org, DomainName="acme.example")


def test_deregister_mail_domain_in_use_by_an_address(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    group = client.create_group(OrganizationId=org, Name="staff")["GroupId"]
    client.register_to_work_mail(OrganizationId=org, EntityId=group, Email="staff@acme.example")
    with raises(
        "MailDomainInUseException",
        f"Domain acme.example is still used by 1 email addresses or aliases in organization "
        f"{org}; remove them first",
    ):
        client.deregister_mail_domain(OrganizationId=org, DomainName="acme.example")


def test_deregister_mail_domain_unknown_organization(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.deregister_mail_domain(OrganizationId=MISSING_ORG, DomainName="acme.example")


# --- UpdateDefaultMailDomain --------------------------------------------------------------


def test_update_default_mail_domain(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    client.update_default_mail_domain(OrganizationId=org, DomainName="acme.example")
    assert _domains(client, org) == [("testorg.awsapps.com", False), ("acme.example", True)]
    assert client.get_mail_domain(OrganizationId=org, DomainName="acme.example")["IsDefault"]
    assert not client.get_mail_domain(OrganizationId=org, DomainName="testorg.awsapps.com")[
        "IsDefault"
    ]
    described = client.describe_organization(OrganizationId=org)
    assert described["DefaultMailDomain"] == "acme.example"


def test_update_default_mail_domain_back_to_the_test_domain(client, org):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    client.update_default_mail_domain(OrganizationId=org, DomainName="acme.example")
    client.update_default_mail_domain(OrganizationId=org, DomainName="testorg.awsapps.com")
    assert _domains(client, org) == [("testorg.awsapps.com", True), ("acme.example", False)]


def test_update_default_mail_domain_unknown(client, org):
    with raises(
        "MailDomainNotFoundException",
        f"Domain nope.example is not a mail domain of organization {org}",
    ):
        client.update_default_mail_domain(OrganizationId=org, DomainName="nope.example")


def test_update_default_mail_domain_pending_domain(client, org, pending_domains):
    client.register_mail_domain(OrganizationId=org, DomainName="acme.example")
    with raises(
        "MailDomainStateException",
        "Domain acme.example is PENDING; only a verified domain can be the default",
    ):
        client.update_default_mail_domain(OrganizationId=org, DomainName="acme.example")
    client.get_mail_domain(OrganizationId=org, DomainName="acme.example")  # PENDING
    with raises("MailDomainStateException", re.compile("is PENDING")):
        client.update_default_mail_domain(OrganizationId=org, DomainName="acme.example")
    client.get_mail_domain(OrganizationId=org, DomainName="acme.example")  # VERIFIED
    client.update_default_mail_domain(OrganizationId=org, DomainName="acme.example")
    assert client.describe_organization(OrganizationId=org)["DefaultMailDomain"] == "acme.example"


def test_update_default_mail_domain_unknown_organization(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.update_default_mail_domain(OrganizationId=MISSING_ORG, DomainName="acme.example")
