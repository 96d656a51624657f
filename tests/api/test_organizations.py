"""CreateOrganization, DescribeOrganization, ListOrganizations, DeleteOrganization and
the organization lifecycle, in-process and against moto's server."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest
from moto.moto_api import state_manager

import workmail_mock
from tests.support import ACCOUNT, MISSING_ORG, ORG_ID, REGION, raises
from tests.support.directories import ad_connector, simple_ad
from tests.support.internals import WorkMailBackend

ORGANIZATION_MODEL = "workmail::organization"
DELETION_MODEL = "workmail::organization-deletion"


@pytest.fixture
def manual(request: pytest.FixtureRequest) -> Iterator[Any]:
    """Switches a state-manager model to a manual progression for one test."""
    models: list[str] = []

    def use(model: str, times: int = 1) -> None:
        state_manager.set_transition(model, {"progression": "manual", "times": times})
        models.append(model)

    try:
        yield use
    finally:
        for model in models:
            state_manager.unset_transition(model)


# --- CreateOrganization: Alias ------------------------------------------------------------


def test_create_organization_returns_an_m_id(client):
    org_id = client.create_organization(Alias="acme")["OrganizationId"]
    assert ORG_ID.match(org_id)


@pytest.mark.parametrize("alias", ["a", "acme-corp", "A1-b2-C3", "x" * 62, "9lives"])
def test_create_organization_accepts_valid_aliases(client, alias):
    org_id = client.create_organization(Alias=alias)["OrganizationId"]
    assert client.describe_organization(OrganizationId=org_id)["Alias"] == alias


def test_create_organization_alias_longer_than_62_is_a_validation_error(client):
    alias = "a" * 63
    with raises(
        "ValidationException",
        f"1 validation error detected: Value '{alias}' at 'alias' failed to satisfy "
        "constraint: Member must have length less than or equal to 62",
    ):
        client.create_organization(Alias=alias)


def test_create_organization_empty_alias_is_a_validation_error(raw_client):
    with raises(
        "ValidationException",
        "2 validation errors detected: Value '' at 'alias' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1; Value '' at 'alias' failed to "
        r"satisfy constraint: Member must satisfy regular expression pattern: "
        r"^(?!d-)([\da-zA-Z]+)([-][\da-zA-Z]+)*",
    ):
        raw_client.create_organization(Alias="")


@pytest.mark.parametrize("alias", ["d-acme", "-acme", "!acme"])
def test_create_organization_alias_failing_the_pattern_prefix_is_a_validation_error(client, alias):
    with raises(
        "ValidationException",
        f"1 validation error detected: Value '{alias}' at 'alias' failed to satisfy "
        r"constraint: Member must satisfy regular expression pattern: "
        r"^(?!d-)([\da-zA-Z]+)([-][\da-zA-Z]+)*",
    ):
        client.create_organization(Alias=alias)


@pytest.mark.parametrize("alias", ["ab!", "acme-", "acme--corp", "acme.corp", "acme corp"])
def test_create_organization_alias_matching_only_a_prefix_is_an_invalid_parameter(client, alias):
    with raises(
        "InvalidParameterException",
        f"Alias {alias!r} is not valid: use letters, digits and single hyphens, "
        "not starting with 'd-'",
    ):
        client.create_organization(Alias=alias)


def test_create_organization_alias_taken_in_the_same_region(client):
    first = client.create_organization(Alias="acme")["OrganizationId"]
    with raises(
        "NameAvailabilityException",
        f"The alias acme is already in use by organization {first} "
        "(aliases are unique across all of WorkMail)",
    ):
        client.create_organization(Alias="acme")


def test_create_organization_alias_taken_is_case_insensitive(client):
    first = client.create_organization(Alias="acme")["OrganizationId"]
    with raises("NameAvailabilityException", re.compile(f"organization {first} ")):
        client.create_organization(Alias="ACME")


def test_create_organization_alias_taken_in_another_region(client, make_client):
    first = client.create_organization(Alias="acme")["OrganizationId"]
    with raises(
        "NameAvailabilityException",
        re.compile(f"^The alias acme is already in use by organization {first} "),
    ):
        make_client(region="eu-west-1").create_organization(Alias="acme")


def test_create_organization_alias_taken_in_another_account(client, monkeypatch):
    first = client.create_organization(Alias="acme")["OrganizationId"]
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111122223333")
    with raises(
        "NameAvailabilityException",
        re.compile(f"^The alias acme is already in use by organization {first} "),
    ):
        client.create_organization(Alias="acme")
    # the other account is otherwise empty
    assert client.list_organizations()["OrganizationSummaries"] == []


def test_create_organization_alias_of_a_deleted_organization_is_free_again(client):
    first = client.create_organization(Alias="acme")["OrganizationId"]
    client.delete_organization(OrganizationId=first, DeleteDirectory=True)
    second = client.create_organization(Alias="acme")["OrganizationId"]
    assert second != first


# --- CreateOrganization: ClientToken ------------------------------------------------------


def test_create_organization_same_client_token_same_parameters_is_idempotent(client):
    first = client.create_organization(Alias="acme", ClientToken="tok-1")["OrganizationId"]
    again = client.create_organization(Alias="acme", ClientToken="tok-1")["OrganizationId"]
    assert again == first
    assert len(client.list_organizations()["OrganizationSummaries"]) == 1


def test_create_organization_same_client_token_different_parameters_is_refused(client):
    client.create_organization(Alias="acme", ClientToken="tok-1")
    with raises(
        "InvalidParameterException",
        "ClientToken tok-1 was already used for a CreateOrganization request with "
        "different parameters",
    ):
        client.create_organization(Alias="other", ClientToken="tok-1")


def test_create_organization_different_client_tokens_create_different_organizations(client):
    client.create_organization(Alias="acme", ClientToken="tok-1")
    client.create_organization(Alias="other", ClientToken="tok-2")
    assert len(client.list_organizations()["OrganizationSummaries"]) == 2


# --- CreateOrganization: DirectoryId and EnableInteroperability ---------------------------


def test_create_organization_with_unknown_directory(client):
    with raises(
        "DirectoryUnavailableException",
        f"Directory d-0123456789 does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.create_organization(Alias="corp", DirectoryId="d-0123456789")


def test_create_organization_with_a_simple_ad_directory(client, aws):
    directory = simple_ad(aws, alias="corp")
    org_id = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    described = client.describe_organization(OrganizationId=org_id)
    assert described["DirectoryId"] == directory
    assert described["DirectoryType"] == "SimpleAD"
    assert described["InteroperabilityEnabled"] is False


def test_create_organization_with_a_directory_of_another_region(client, aws, make_client):
    directory = simple_ad(aws, alias="corp")
    with raises(
        "DirectoryUnavailableException",
        f"Directory {directory} does not exist in account {ACCOUNT}, region eu-west-1",
    ):
        make_client(region="eu-west-1").create_organization(Alias="corp", DirectoryId=directory)


def test_create_organization_alias_must_match_the_directory_alias(client, aws):
    directory = simple_ad(aws, alias="corp")
    with raises(
        "InvalidParameterException",
        f"Alias other does not match the alias corp of directory {directory}",
    ):
        client.create_organization(Alias="other", DirectoryId=directory)


def test_create_organization_directory_without_ds_alias_never_matches(client, aws):
    directory = simple_ad(aws)
    with raises(
        "InvalidParameterException",
        f"Alias corp does not match the alias {directory} of directory {directory}",
    ):
        client.create_organization(Alias="corp", DirectoryId=directory)


def test_create_organization_directory_in_use_by_another_organization(client, aws):
    directory = simple_ad(aws, alias="corp")
    first = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    with raises(
        "DirectoryInUseException",
        f"Directory {directory} is already used by organization {first}",
    ):
        client.create_organization(Alias="other", DirectoryId=directory)


def test_create_organization_directory_of_a_deleted_organization_can_be_reused(client, aws):
    directory = simple_ad(aws, alias="corp")
    first = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    client.delete_organization(OrganizationId=first, DeleteDirectory=False)
    second = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    assert client.describe_organization(OrganizationId=second)["DirectoryId"] == directory


def test_create_organization_interoperability_without_a_directory_is_refused(client):
    with raises(
        "InvalidParameterException",
        "EnableInteroperability can only be true with the DirectoryId of an AD Connector directory",
    ):
        client.create_organization(Alias="corp", EnableInteroperability=True)


def test_create_organization_interoperability_with_simple_ad_is_refused(client, aws):
    directory = simple_ad(aws, alias="corp")
    with raises(
        "InvalidParameterException",
        f"EnableInteroperability needs an AD Connector directory; {directory} is a SimpleAD "
        "directory",
    ):
        client.create_organization(Alias="corp", DirectoryId=directory, EnableInteroperability=True)


def test_create_organization_interoperability_with_ad_connector(client, aws):
    directory = ad_connector(aws, alias="onprem")
    org_id = client.create_organization(
        Alias="onprem", DirectoryId=directory, EnableInteroperability=True
    )["OrganizationId"]
    described = client.describe_organization(OrganizationId=org_id)
    assert described["DirectoryType"] == "ADConnector"
    assert described["InteroperabilityEnabled"] is True


def test_create_organization_interoperability_false_is_the_default(client):
    org_id = client.create_organization(Alias="acme", EnableInteroperability=False)[
        "OrganizationId"
    ]
    assert client.describe_organization(OrganizationId=org_id)["InteroperabilityEnabled"] is False


# --- CreateOrganization: Domains ----------------------------------------------------------


def test_create_organization_registers_its_domains(client):
    org_id = client.create_organization(
        Alias="acme",
        Domains=[
            {"DomainName": "acme.example"},
            {"DomainName": "acme.test", "HostedZoneId": "Z0123"},
        ],
    )["OrganizationId"]
    listed = client.list_mail_domains(OrganizationId=org_id)["MailDomains"]
    assert [d["DomainName"] for d in listed] == ["acme.awsapps.com", "acme.example", "acme.test"]
    assert [d["DefaultDomain"] for d in listed] == [True, False, False]
    record = client.get_mail_domain(OrganizationId=org_id, DomainName="acme.test")
    assert record["IsTestDomain"] is False
    assert record["OwnershipVerificationStatus"] == "VERIFIED"


def test_create_organization_with_no_domains(client):
    org_id = client.create_organization(Alias="acme", Domains=[])["OrganizationId"]
    listed = client.list_mail_domains(OrganizationId=org_id)["MailDomains"]
    assert [d["DomainName"] for d in listed] == ["acme.awsapps.com"]


def test_create_organization_with_five_domains(client):
    names = [f"d{i}.example" for i in range(5)]
    org_id = client.create_organization(Alias="acme", Domains=[{"DomainName": n} for n in names])[
        "OrganizationId"
    ]
    listed = client.list_mail_domains(OrganizationId=org_id)["MailDomains"]
    assert [d["DomainName"] for d in listed][1:] == names


def test_create_organization_domain_in_use_by_another_organization(client):
    """CreateOrganization's model error list has no MailDomainInUseException: the closest
    listed error answers (docs/aws-behaviour.md section 7)."""
    first = client.create_organization(Alias="acme", Domains=[{"DomainName": "acme.example"}])[
        "OrganizationId"
    ]
    with raises(
        "InvalidParameterException",
        f"Domain acme.example is already registered to organization {first}",
    ):
        client.create_organization(Alias="other", Domains=[{"DomainName": "acme.example"}])
    # nothing was created by the failed call
    assert len(client.list_organizations()["OrganizationSummaries"]) == 1


def test_create_organization_domain_listed_twice(client):
    with raises(
        "InvalidParameterException",
        "Domains lists a domain twice: ['acme.example', 'ACME.example']",
    ):
        client.create_organization(
            Alias="acme", Domains=[{"DomainName": "acme.example"}, {"DomainName": "ACME.example"}]
        )


def test_create_organization_invalid_domain_name_is_refused(client):
    with raises(
        "InvalidParameterException",
        "Domain name 'acme_example.com' is not valid: use letters, digits, dots and hyphens",
    ):
        client.create_organization(Alias="acme", Domains=[{"DomainName": "acme_example.com"}])


def test_create_organization_awsapps_domain_is_refused(client):
    with raises(
        "InvalidParameterException",
        "Domain other.awsapps.com is an awsapps.com test domain and can't be registered",
    ):
        client.create_organization(Alias="acme", Domains=[{"DomainName": "other.awsapps.com"}])


# --- CreateOrganization: KmsKeyArn --------------------------------------------------------


def _stored_org(org_id: str) -> Any:
    return workmail_mock.backend_for(ACCOUNT, REGION).organizations.get(org_id)


def test_create_organization_stores_the_kms_key_arn_when_kms_is_unused(client):
    arn = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"
    org_id = client.create_organization(Alias="acme", KmsKeyArn=arn)["OrganizationId"]
    assert _stored_org(org_id).kms_key_arn == arn


def test_create_organization_with_an_existing_kms_key(client, aws):
    arn = aws("kms").create_key()["KeyMetadata"]["Arn"]
    org_id = client.create_organization(Alias="acme", KmsKeyArn=arn)["OrganizationId"]
    assert _stored_org(org_id).kms_key_arn == arn


def test_create_organization_with_an_existing_kms_alias(client, aws):
    kms = aws("kms")
    key = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/workmail", TargetKeyId=key)
    arn = f"arn:aws:kms:{REGION}:{ACCOUNT}:alias/workmail"
    org_id = client.create_organization(Alias="acme", KmsKeyArn=arn)["OrganizationId"]
    assert _stored_org(org_id).kms_key_arn == arn


def test_create_organization_with_an_unknown_kms_key(client, aws):
    aws("kms").create_key()
    arn = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"
    with raises(
        "InvalidParameterException",
        f"KmsKeyArn {arn} names no KMS key of account {ACCOUNT} in {REGION}",
    ):
        client.create_organization(Alias="acme", KmsKeyArn=arn)


def test_create_organization_with_a_disabled_kms_key(client, aws):
    kms = aws("kms")
    metadata = kms.create_key()["KeyMetadata"]
    kms.disable_key(KeyId=metadata["KeyId"])
    with raises(
        "InvalidParameterException",
        f"KMS key {metadata['Arn']} is Disabled; WorkMail needs an enabled key",
    ):
        client.create_organization(Alias="acme", KmsKeyArn=metadata["Arn"])


def test_create_organization_kms_key_arn_pattern_is_validated(client):
    with raises(
        "ValidationException",
        re.compile(
            r"^1 validation error detected: Value 'not-an-arn-at-all-really' at "
            r"'kmsKeyArn' failed to satisfy constraint: Member must satisfy regular "
            r"expression pattern: arn:aws:kms:"
        ),
    ):
        client.create_organization(Alias="acme", KmsKeyArn="not-an-arn-at-all-really")


# --- CreateOrganization: quota ------------------------------------------------------------


def test_create_organization_quota_per_account_and_region(client, make_client):
    workmail_mock.backend_for(ACCOUNT, REGION).quotas.organizations_per_region = 2
    client.create_organization(Alias="one")
    client.create_organization(Alias="two")
    with raises(
        "LimitExceededException",
        f"Account {ACCOUNT} already has 2 organizations in {REGION}; the quota is 2",
    ):
        client.create_organization(Alias="three")
    # the quota is per region
    make_client(region="us-west-2").create_organization(Alias="three")


def test_create_organization_deleted_organizations_do_not_count_against_the_quota(client):
    workmail_mock.backend_for(ACCOUNT, REGION).quotas.organizations_per_region = 1
    first = client.create_organization(Alias="one")["OrganizationId"]
    client.delete_organization(OrganizationId=first, DeleteDirectory=True)
    client.create_organization(Alias="two")


def test_default_organization_quota_is_100():
    assert WorkMailBackend(REGION, ACCOUNT).quotas.organizations_per_region == 100


# --- DescribeOrganization -----------------------------------------------------------------


def test_describe_organization_reports_every_member(client):
    before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)
    org_id = client.create_organization(Alias="acme")["OrganizationId"]
    described = client.describe_organization(OrganizationId=org_id)
    described.pop("ResponseMetadata")
    completed = described.pop("CompletedDate")
    directory = described.pop("DirectoryId")
    assert described == {
        "OrganizationId": org_id,
        "Alias": "acme",
        "State": "Active",
        "DirectoryType": "VpcDirectory",
        "DefaultMailDomain": "acme.awsapps.com",
        "ARN": f"arn:aws:workmail:{REGION}:{ACCOUNT}:organization/{org_id}",
        "InteroperabilityEnabled": False,
    }
    assert re.match(r"^d-[0-9a-f]{10}$", directory)
    assert (
        before
        <= completed
        <= datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=5)
    )


def test_describe_organization_arn_names_the_region_and_account(make_client, monkeypatch):
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111122223333")
    west = make_client(region="us-west-2")
    org_id = west.create_organization(Alias="acme")["OrganizationId"]
    arn = west.describe_organization(OrganizationId=org_id)["ARN"]
    assert arn == f"arn:aws:workmail:us-west-2:111122223333:organization/{org_id}"


def test_describe_organization_unknown(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.describe_organization(OrganizationId=MISSING_ORG)


def test_describe_organization_of_another_region_is_not_found(client, make_client):
    org_id = client.create_organization(Alias="acme")["OrganizationId"]
    with raises(
        "OrganizationNotFoundException",
        f"Organization {org_id} does not exist in account {ACCOUNT}, region eu-west-1",
    ):
        make_client(region="eu-west-1").describe_organization(OrganizationId=org_id)


def test_describe_organization_malformed_id_is_a_validation_error(raw_client):
    with raises(
        "ValidationException",
        "2 validation errors detected: Value 'm-123' at 'organizationId' failed to satisfy "
        "constraint: Member must have length greater than or equal to 34; Value 'm-123' at "
        "'organizationId' failed to satisfy constraint: Member must satisfy regular "
        "expression pattern: ^m-[0-9a-f]{32}$",
    ):
        raw_client.describe_organization(OrganizationId="m-123")


# --- ListOrganizations --------------------------------------------------------------------


def test_list_organizations_empty(client):
    answer = client.list_organizations()
    assert answer["OrganizationSummaries"] == []
    assert "NextToken" not in answer


def test_list_organizations_summaries(client):
    org_id = client.create_organization(Alias="acme")["OrganizationId"]
    assert client.list_organizations()["OrganizationSummaries"] == [
        {
            "OrganizationId": org_id,
            "Alias": "acme",
            "DefaultMailDomain": "acme.awsapps.com",
            "State": "Active",
        }
    ]


def test_list_organizations_pagination(client):
    created = [client.create_organization(Alias=f"org{i}")["OrganizationId"] for i in range(5)]
    seen: list[str] = []
    pages = []
    token = None
    while True:
        kwargs: dict[str, Any] = {"MaxResults": 2}
        if token:
            kwargs["NextToken"] = token
        answer = client.list_organizations(**kwargs)
        pages.append(len(answer["OrganizationSummaries"]))
        seen += [o["OrganizationId"] for o in answer["OrganizationSummaries"]]
        token = answer.get("NextToken")
        if not token:
            break
    assert pages == [2, 2, 1]
    assert seen == created


def test_list_organizations_paginator(client):
    created = [client.create_organization(Alias=f"org{i}")["OrganizationId"] for i in range(3)]
    pages = client.get_paginator("list_organizations").paginate(PaginationConfig={"PageSize": 1})
    assert [o["OrganizationId"] for p in pages for o in p["OrganizationSummaries"]] == created


def test_list_organizations_bad_next_token(client):
    with raises("InvalidParameterException", "The NextToken 'garbage' is not valid"):
        client.list_organizations(NextToken="garbage")


def test_list_organizations_is_per_region(client, make_client):
    client.create_organization(Alias="acme")
    assert make_client(region="eu-west-1").list_organizations()["OrganizationSummaries"] == []


# --- DeleteOrganization -------------------------------------------------------------------


def test_delete_organization_answers_deleting_then_describe_shows_deleted(client, org):
    answer = client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    assert (answer["OrganizationId"], answer["State"]) == (org, "Deleting")
    assert client.describe_organization(OrganizationId=org)["State"] == "Deleted"


def test_delete_organization_deleted_stays_listed(client, org):
    client.delete_organization(OrganizationId=org, DeleteDirectory=False)
    summaries = client.list_organizations()["OrganizationSummaries"]
    assert [(s["OrganizationId"], s["State"]) for s in summaries] == [(org, "Deleted")]


def test_delete_organization_refuses_further_work(client, org):
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    message = f"Organization {org} is in state Deleted; the operation requires state Active"
    with raises("OrganizationStateException", message):
        client.create_group(OrganizationId=org, Name="staff")
    with raises("OrganizationStateException", message):
        client.list_mail_domains(OrganizationId=org)
    with raises("OrganizationStateException", message):
        client.register_mail_domain(OrganizationId=org, DomainName="acme.example")


def test_delete_organization_twice_is_refused(client, org):
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises(
        "OrganizationStateException",
        f"Organization {org} is in state Deleted and can't be deleted",
    ):
        client.delete_organization(OrganizationId=org, DeleteDirectory=True)


def test_delete_organization_unknown(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.delete_organization(OrganizationId=MISSING_ORG, DeleteDirectory=True)


def test_delete_organization_delete_directory_is_required(raw_client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value null at 'deleteDirectory' failed to satisfy "
        "constraint: Member must not be null",
    ):
        raw_client.delete_organization(OrganizationId=org)


def test_delete_organization_delete_directory_removes_the_ds_directory(client, aws):
    directory = simple_ad(aws, alias="corp")
    org_id = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    client.delete_organization(OrganizationId=org_id, DeleteDirectory=True)
    listed = aws("ds").describe_directories()["DirectoryDescriptions"]
    assert directory not in [d["DirectoryId"] for d in listed]


def test_delete_organization_keep_directory_leaves_the_ds_directory(client, aws):
    directory = simple_ad(aws, alias="corp")
    org_id = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    client.delete_organization(OrganizationId=org_id, DeleteDirectory=False)
    listed = aws("ds").describe_directories()["DirectoryDescriptions"]
    assert directory in [d["DirectoryId"] for d in listed]


def test_delete_organization_client_token_replay(client, org):
    first = client.delete_organization(
        OrganizationId=org, DeleteDirectory=True, ClientToken="del-1"
    )
    again = client.delete_organization(
        OrganizationId=org, DeleteDirectory=True, ClientToken="del-1"
    )
    assert (again["OrganizationId"], again["State"]) == (first["OrganizationId"], first["State"])


def test_delete_organization_client_token_with_other_parameters(client, org):
    client.delete_organization(OrganizationId=org, DeleteDirectory=True, ClientToken="del-1")
    with raises(
        "InvalidParameterException",
        "ClientToken del-1 was already used for a DeleteOrganization request with different "
        "parameters",
    ):
        client.delete_organization(OrganizationId=org, DeleteDirectory=False, ClientToken="del-1")


def test_delete_organization_delete_identity_center_application_is_accepted(client, org):
    answer = client.delete_organization(
        OrganizationId=org, DeleteDirectory=True, DeleteIdentityCenterApplication=True
    )
    assert answer["State"] == "Deleting"


def _enabled_user(client: Any, org: str) -> None:
    user = client.create_user(
        OrganizationId=org, Name="alice", DisplayName="Alice", Password="Passw0rd!x"
    )["UserId"]
    client.register_to_work_mail(
        OrganizationId=org, EntityId=user, Email="alice@testorg.awsapps.com"
    )


def test_delete_organization_with_enabled_users_needs_force_delete(client, org):
    _enabled_user(client, org)
    with raises(
        "InvalidParameterException",
        f"Organization {org} has 1 enabled users; deregister them first or set ForceDelete",
    ):
        client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    answer = client.delete_organization(OrganizationId=org, DeleteDirectory=True, ForceDelete=True)
    assert answer["State"] == "Deleting"


def test_delete_organization_force_delete_without_users(client, org):
    answer = client.delete_organization(OrganizationId=org, DeleteDirectory=True, ForceDelete=True)
    assert answer["State"] == "Deleting"


# --- realistic lifecycle (opt-in through moto's state manager) ----------------------------


def test_organization_realistic_lifecycle_requested_creating_active(client, manual):
    manual(ORGANIZATION_MODEL)
    org_id = client.create_organization(Alias="slow")["OrganizationId"]
    first = client.describe_organization(OrganizationId=org_id)
    assert first["State"] == "Requested"
    assert "CompletedDate" not in first
    with raises(
        "OrganizationStateException",
        f"Organization {org_id} is in state Requested; the operation requires state Active",
    ):
        client.create_group(OrganizationId=org_id, Name="staff")
    assert client.describe_organization(OrganizationId=org_id)["State"] == "Creating"
    with raises(
        "OrganizationStateException",
        f"Organization {org_id} is in state Creating; the operation requires state Active",
    ):
        client.list_mail_domains(OrganizationId=org_id)
    with raises(
        "OrganizationStateException",
        f"Organization {org_id} is in state Creating and can't be deleted",
    ):
        client.delete_organization(OrganizationId=org_id, DeleteDirectory=True)
    last = client.describe_organization(OrganizationId=org_id)
    assert last["State"] == "Active"
    assert "CompletedDate" in last
    client.create_group(OrganizationId=org_id, Name="staff")


def test_organization_realistic_lifecycle_through_list_organizations(client, manual):
    manual(ORGANIZATION_MODEL)
    client.create_organization(Alias="slow")
    states = [client.list_organizations()["OrganizationSummaries"][0]["State"] for _ in range(4)]
    assert states == ["Requested", "Creating", "Active", "Active"]


def test_organization_realistic_deletion_deleting_then_deleted(client, org, manual):
    manual(DELETION_MODEL)
    assert (
        client.delete_organization(OrganizationId=org, DeleteDirectory=True)["State"] == "Deleting"
    )
    assert client.describe_organization(OrganizationId=org)["State"] == "Deleting"
    with raises(
        "OrganizationStateException",
        f"Organization {org} is in state Deleting; the operation requires state Active",
    ):
        client.create_group(OrganizationId=org, Name="staff")
    assert client.describe_organization(OrganizationId=org)["State"] == "Deleted"


def test_organization_lifecycle_is_immediate_by_default(client):
    org_id = client.create_organization(Alias="fast")["OrganizationId"]
    client.create_group(OrganizationId=org_id, Name="staff")
    assert client.describe_organization(OrganizationId=org_id)["State"] == "Active"
