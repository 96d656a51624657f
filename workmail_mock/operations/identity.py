"""IAM Identity Center as WorkMail's identity provider (spec section 9): the Identity
Center application and the organization's identity provider configuration."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import (
    InvalidParameterException,
    OrganizationStateException,
    ResourceNotFoundException,
    not_configured,
)
from workmail_mock.integrations import sso
from workmail_mock.operations.registry import Call, Org, operation
from workmail_mock.state import runtime
from workmail_mock.state.settings import IdentityCenterApplication, IdentityProviderConfiguration
from workmail_mock.state.tokens import DEFAULT_LIFETIME_DAYS


@operation("CreateIdentityCenterApplication", org=Org.NONE)
def create_identity_center_application(call: Call, name: str, instance_arn: str) -> dict[str, str]:
    if sso.instance_exists(call.account_id, call.region_name, instance_arn) is False:
        # A guess: checked only when moto's sso-admin is in use here.
        raise InvalidParameterException(
            f"Identity Center instance {instance_arn} does not exist in account "
            f"{call.account_id}, region {call.region_name}"
        )
    instance_id = instance_arn.rsplit("/", 1)[1]
    # A guess at the ARN: the form of the model's ApplicationArn pattern.
    arn = (
        f"arn:aws:sso::{call.account_id}:application/{instance_id}/"
        f"apl-{runtime.current().random_hex(16)}"
    )
    call.region.identity_center_applications[arn] = IdentityCenterApplication(
        arn, name, instance_arn
    )
    return {"ApplicationArn": arn}


@operation("DeleteIdentityCenterApplication", org=Org.NONE)
def delete_identity_center_application(call: Call, application_arn: str) -> None:
    if application_arn not in call.region.identity_center_applications:
        # A guess: the modelled InvalidParameterException rather than a no-op.
        raise InvalidParameterException(
            f"Identity Center application {application_arn} does not exist in account "
            f"{call.account_id}"
        )
    users = call.region.users_of_application(application_arn)
    if users:
        # A guess: refused while an organization's configuration still names it.
        raise OrganizationStateException(
            f"Identity Center application {application_arn} is still used by organization "
            f"{users[0]}; delete its identity provider configuration first"
        )
    del call.region.identity_center_applications[application_arn]


@operation("PutIdentityProviderConfiguration")
def put_identity_provider_configuration(
    call: Call,
    authentication_mode: str,
    identity_center_configuration: dict[str, str],
    personal_access_token_configuration: dict[str, Any],
) -> None:
    instance_arn = identity_center_configuration["InstanceArn"]
    application_arn = identity_center_configuration["ApplicationArn"]
    application = call.region.identity_center_applications.get(application_arn)
    if application is None:
        raise ResourceNotFoundException(
            f"Identity Center application {application_arn} was not created with "
            f"CreateIdentityCenterApplication in account {call.account_id}"
        )
    if application.instance_arn != instance_arn:
        raise InvalidParameterException(
            f"Identity Center application {application_arn} belongs to instance "
            f"{application.instance_arn}, not {instance_arn}"
        )
    tokens = dict(personal_access_token_configuration)
    if tokens["Status"] == "ACTIVE":
        # A guess: the console's default lifetime when none is given.
        tokens.setdefault("LifetimeInDays", DEFAULT_LIFETIME_DAYS)
    call.org.settings.identity_provider = IdentityProviderConfiguration(
        authentication_mode, instance_arn, application_arn, tokens
    )


@operation("DescribeIdentityProviderConfiguration")
def describe_identity_provider_configuration(call: Call) -> dict[str, Any]:
    configuration = call.org.settings.identity_provider
    if configuration is None:  # a guess at the mapping
        raise not_configured(call.org.id, "identity provider configuration")
    return configuration.view()


@operation("DeleteIdentityProviderConfiguration")
def delete_identity_provider_configuration(call: Call) -> None:
    call.org.settings.identity_provider = None  # nothing configured: a no-op (a guess)
