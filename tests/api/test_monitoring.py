"""Put/Describe/DeleteEmailMonitoringConfiguration, with moto's CloudWatch Logs."""

from __future__ import annotations

from tests.support import ACCOUNT, MISSING_ORG, REGION, deleted_org, org_missing_message, raises

GROUP = "/aws/workmail/emailevents/testorg"
GROUP_ARN = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{GROUP}:*"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/workmail-events"
SERVICE_LINKED_ROLE = (
    f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/events.workmail.amazonaws.com/"
    "AWSServiceRoleForAmazonWorkMailEvents"
)


def test_nothing_configured_is_resource_not_found(client, org):
    with raises(
        "ResourceNotFoundException", f"Organization {org} has no email monitoring configuration"
    ):
        client.describe_email_monitoring_configuration(OrganizationId=org)


def test_put_and_describe_without_logs_in_use_accepts_the_group(client, org):
    client.put_email_monitoring_configuration(
        OrganizationId=org, RoleArn=ROLE, LogGroupArn=GROUP_ARN
    )
    described = client.describe_email_monitoring_configuration(OrganizationId=org)
    assert (described["RoleArn"], described["LogGroupArn"]) == (ROLE, GROUP_ARN)


def test_without_role_the_service_linked_role_is_used(client, org):
    client.put_email_monitoring_configuration(OrganizationId=org, LogGroupArn=GROUP_ARN)
    described = client.describe_email_monitoring_configuration(OrganizationId=org)
    assert described["RoleArn"] == SERVICE_LINKED_ROLE


def test_put_replaces_and_delete_removes(client, org):
    client.put_email_monitoring_configuration(OrganizationId=org, LogGroupArn=GROUP_ARN)
    other = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:other:*"
    client.put_email_monitoring_configuration(OrganizationId=org, RoleArn=ROLE, LogGroupArn=other)
    assert client.describe_email_monitoring_configuration(OrganizationId=org)["LogGroupArn"] == other
    client.delete_email_monitoring_configuration(OrganizationId=org)
    client.delete_email_monitoring_configuration(OrganizationId=org)  # nothing left: a no-op
    with raises(
        "ResourceNotFoundException", f"Organization {org} has no email monitoring configuration"
    ):
        client.describe_email_monitoring_configuration(OrganizationId=org)


def test_a_log_group_that_moto_logs_has_is_accepted(client, org, aws):
    aws("logs").create_log_group(logGroupName=GROUP)
    client.put_email_monitoring_configuration(OrganizationId=org, LogGroupArn=GROUP_ARN)
    assert client.describe_email_monitoring_configuration(OrganizationId=org)["LogGroupArn"] == GROUP_ARN


def test_a_log_group_that_moto_logs_lacks_is_resource_not_found(client, org, aws):
    aws("logs").create_log_group(logGroupName="/some/other/group")
    with raises(
        "ResourceNotFoundException",
        f"Log group {GROUP} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.put_email_monitoring_configuration(OrganizationId=org, LogGroupArn=GROUP_ARN)


def test_a_log_group_of_another_region_or_account_is_refused(client, org):
    for arn in (
        f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:{GROUP}:*",
        f"arn:aws:logs:{REGION}:210987654321:log-group:{GROUP}:*",
    ):
        with raises(
            "InvalidParameterException",
            f"Log group {arn} is not in account {ACCOUNT}, region {REGION} of organization {org}",
        ):
            client.put_email_monitoring_configuration(OrganizationId=org, LogGroupArn=arn)


def test_the_log_group_arn_must_end_in_star(client, org):
    arn = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{GROUP}"
    with raises(
        "ValidationException",
        f"1 validation error detected: Value '{arn}' at 'logGroupArn' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: "
        "arn:aws:logs:[a-z\\-0-9]*:[0-9]{12}:log-group:([\\.\\-_/#A-Za-z0-9]+):\\*$",
    ):
        client.put_email_monitoring_configuration(OrganizationId=org, LogGroupArn=arn)


def test_unknown_and_deleted_organizations(client, org):
    calls = [
        lambda o: client.put_email_monitoring_configuration(OrganizationId=o, LogGroupArn=GROUP_ARN),
        lambda o: client.describe_email_monitoring_configuration(OrganizationId=o),
        lambda o: client.delete_email_monitoring_configuration(OrganizationId=o),
    ]
    for call in calls:
        with raises("OrganizationNotFoundException", org_missing_message()):
            call(MISSING_ORG)
    message = deleted_org(client, org)
    for call in calls:
        with raises("OrganizationStateException", message):
            call(org)


def test_a_role_that_moto_iam_lacks_is_refused(client, org, aws):
    aws("iam").create_role(RoleName="workmail-events", AssumeRolePolicyDocument="{}")
    client.put_email_monitoring_configuration(OrganizationId=org, RoleArn=ROLE, LogGroupArn=GROUP_ARN)
    missing = f"arn:aws:iam::{ACCOUNT}:role/missing"
    with raises(
        "InvalidParameterException", f"IAM role {missing} does not exist in account {ACCOUNT}"
    ):
        client.put_email_monitoring_configuration(
            OrganizationId=org, RoleArn=missing, LogGroupArn=GROUP_ARN
        )
