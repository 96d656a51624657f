"""Put/Describe/DeleteIdentityProviderConfiguration, Create/DeleteIdentityCenterApplication
and DeleteOrganization's DeleteIdentityCenterApplication flag."""

from __future__ import annotations

import re
from typing import Any

from tests.support import ACCOUNT, MISSING_ORG, REGION, deleted_org, org_missing_message, raises

INSTANCE = "arn:aws:sso:::instance/ssoins-0123456789abcdef"
APPLICATION = re.compile(r"^arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-[0-9a-f]{16}$")


def _application(client: Any, instance: str = INSTANCE) -> str:
    return str(
        client.create_identity_center_application(Name="workmail", InstanceArn=instance)[
            "ApplicationArn"
        ]
    )


def _put(client: Any, org: str, application: str, instance: str = INSTANCE, **tokens: Any) -> None:
    client.put_identity_provider_configuration(
        OrganizationId=org,
        AuthenticationMode="IDENTITY_PROVIDER_AND_DIRECTORY",
        IdentityCenterConfiguration={"InstanceArn": instance, "ApplicationArn": application},
        PersonalAccessTokenConfiguration=tokens or {"Status": "ACTIVE"},
    )


def _describe(client: Any, org: str) -> dict[str, Any]:
    answer = client.describe_identity_provider_configuration(OrganizationId=org)
    answer.pop("ResponseMetadata")
    return dict(answer)


def test_create_identity_center_application_arn(client):
    assert APPLICATION.match(_application(client))


def test_create_is_idempotent_per_client_token(client):
    first = client.create_identity_center_application(
        Name="workmail", InstanceArn=INSTANCE, ClientToken="t1"
    )["ApplicationArn"]
    again = client.create_identity_center_application(
        Name="workmail", InstanceArn=INSTANCE, ClientToken="t1"
    )["ApplicationArn"]
    assert first == again


def test_an_instance_moto_sso_admin_lacks_is_refused(client, aws):
    (instance,) = aws("sso-admin").list_instances()["Instances"]
    assert _application(client, instance["InstanceArn"]).startswith("arn:aws:sso::")
    with raises(
        "InvalidParameterException",
        f"Identity Center instance {INSTANCE} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        _application(client)


def test_put_and_describe(client, org):
    application = _application(client)
    _put(client, org, application)
    assert _describe(client, org) == {
        "AuthenticationMode": "IDENTITY_PROVIDER_AND_DIRECTORY",
        "IdentityCenterConfiguration": {"InstanceArn": INSTANCE, "ApplicationArn": application},
        "PersonalAccessTokenConfiguration": {"Status": "ACTIVE", "LifetimeInDays": 365},
    }
    _put(client, org, application, Status="INACTIVE")
    assert _describe(client, org)["PersonalAccessTokenConfiguration"] == {"Status": "INACTIVE"}
    _put(client, org, application, Status="ACTIVE", LifetimeInDays=30)
    assert _describe(client, org)["PersonalAccessTokenConfiguration"] == {
        "Status": "ACTIVE", "LifetimeInDays": 30
    }


def test_nothing_configured_is_resource_not_found(client, org):
    with raises(
        "ResourceNotFoundException", f"Organization {org} has no identity provider configuration"
    ):
        client.describe_identity_provider_configuration(OrganizationId=org)


def test_an_application_not_created_is_resource_not_found(client, org):
    application = "arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef"
    with raises(
        "ResourceNotFoundException",
        f"Identity Center application {application} was not created with "
        f"CreateIdentityCenterApplication in account {ACCOUNT}",
    ):
        _put(client, org, application)


def test_an_application_of_another_instance_is_refused(client, org):
    application = _application(client)
    other = "arn:aws:sso:::instance/ssoins-fedcba9876543210"
    with raises(
        "InvalidParameterException",
        f"Identity Center application {application} belongs to instance {INSTANCE}, not {other}",
    ):
        _put(client, org, application, instance=other)


def test_delete_identity_provider_configuration(client, org):
    _put(client, org, _application(client))
    client.delete_identity_provider_configuration(OrganizationId=org)
    client.delete_identity_provider_configuration(OrganizationId=org)
    with raises(
        "ResourceNotFoundException", f"Organization {org} has no identity provider configuration"
    ):
        client.describe_identity_provider_configuration(OrganizationId=org)


def test_delete_identity_center_application(client, org):
    application = _application(client)
    _put(client, org, application)
    with raises(
        "OrganizationStateException",
        f"Identity Center application {application} is still used by organization {org}; "
        "delete its identity provider configuration first",
    ):
        client.delete_identity_center_application(ApplicationArn=application)
    client.delete_identity_provider_configuration(OrganizationId=org)
    client.delete_identity_center_application(ApplicationArn=application)
    message = f"Identity Center application {application} does not exist in account {ACCOUNT}"
    with raises("InvalidParameterException", message):
        client.delete_identity_center_application(ApplicationArn=application)
    with raises("ResourceNotFoundException", re.compile("was not created")):
        _put(client, org, application)


def test_delete_organization_deletes_the_application_when_asked(client, org):
    kept_org = client.create_organization(Alias="kept")["OrganizationId"]
    application = _application(client)
    _put(client, org, application)
    client.delete_organization(
        OrganizationId=org, DeleteDirectory=True, DeleteIdentityCenterApplication=True
    )
    with raises("ResourceNotFoundException", re.compile("was not created")):
        _put(client, kept_org, application)


def test_delete_organization_keeps_an_application_another_organization_uses(client, org):
    """The flag deletes the application WorkMail made for this organization; one that
    another organization still uses stays, as DeleteIdentityCenterApplication would refuse
    to delete it (a guess, docs/aws-behaviour.md section 13)."""
    other = client.create_organization(Alias="other")["OrganizationId"]
    application = _application(client)
    _put(client, org, application)
    _put(client, other, application)
    client.delete_organization(
        OrganizationId=org, DeleteDirectory=True, DeleteIdentityCenterApplication=True
    )
    assert _describe(client, other)["IdentityCenterConfiguration"]["ApplicationArn"] == application
    _put(client, other, application)  # still there


def test_delete_organization_keeps_the_application_by_default(client, org):
    kept_org = client.create_organization(Alias="kept")["OrganizationId"]
    application = _application(client)
    _put(client, org, application)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    _put(client, kept_org, application)
    assert _describe(client, kept_org)["IdentityCenterConfiguration"]["ApplicationArn"] == application


def test_unknown_and_deleted_organizations(client, org):
    application = _application(client)
    calls = [
        lambda o: _put(client, o, application),
        lambda o: client.describe_identity_provider_configuration(OrganizationId=o),
        lambda o: client.delete_identity_provider_configuration(OrganizationId=o),
    ]
    for call in calls:
        with raises("OrganizationNotFoundException", org_missing_message()):
            call(MISSING_ORG)
    message = deleted_org(client, org)
    for call in calls:
        with raises("OrganizationStateException", message):
            call(org)
