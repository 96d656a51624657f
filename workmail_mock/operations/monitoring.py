"""Email monitoring: email events sent to a CloudWatch Logs group (spec section 6)."""

from __future__ import annotations

from workmail_mock.errors import (
    InvalidParameterException,
    ResourceNotFoundException,
    not_configured,
)
from workmail_mock.integrations import iam, logs
from workmail_mock.operations.registry import Call, operation
from workmail_mock.state.settings import EmailMonitoring

_SERVICE_LINKED_ROLE = (
    "arn:aws:iam::{account}:role/aws-service-role/events.workmail.amazonaws.com/"
    "AWSServiceRoleForAmazonWorkMailEvents"
)


@operation("PutEmailMonitoringConfiguration")
def put_email_monitoring_configuration(
    call: Call, log_group_arn: str, role_arn: str | None = None
) -> None:
    # The model's pattern: arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*
    parts = log_group_arn.split(":")
    region, account, name = parts[3], parts[4], ":".join(parts[6:-1])
    if region != call.region_name or account != call.account_id:
        # A guess: WorkMail writes to a log group of its own account and region.
        raise InvalidParameterException(
            f"Log group {log_group_arn} is not in account {call.account_id}, region "
            f"{call.region_name} of organization {call.org.id}"
        )
    if logs.log_group_exists(account, region, name) is False:
        raise ResourceNotFoundException(
            f"Log group {name} does not exist in account {account}, region {region}"
        )
    if role_arn is not None and iam.role_exists(call.account_id, role_arn) is False:
        # A guess: a role IAM doesn't have (when IAM is in use) can't be assumed.
        raise InvalidParameterException(
            f"IAM role {role_arn} does not exist in account {call.account_id}"
        )
    # Without RoleArn WorkMail uses its service-linked role (model doc); storing its ARN
    # so that Describe returns it is a guess.
    role = role_arn if role_arn is not None else _SERVICE_LINKED_ROLE.format(
        account=call.account_id
    )
    call.org.settings.email_monitoring = EmailMonitoring(role, log_group_arn)


@operation("DescribeEmailMonitoringConfiguration")
def describe_email_monitoring_configuration(call: Call) -> dict[str, str]:
    monitoring = call.org.settings.email_monitoring
    if monitoring is None:  # a guess at the mapping
        raise not_configured(call.org.id, "email monitoring configuration")
    return {"RoleArn": monitoring.role_arn, "LogGroupArn": monitoring.log_group_arn}


@operation("DeleteEmailMonitoringConfiguration")
def delete_email_monitoring_configuration(call: Call) -> None:
    call.org.settings.email_monitoring = None  # nothing configured: a no-op (a guess)
