"""Create/Update/Delete/List/TestAvailabilityConfiguration, with moto's Lambda."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from tests.support import (
    ACCOUNT,
    MISSING_ORG,
    REGION,
    collect,
    deleted_org,
    org_missing_message,
    raises,
)

EWS = {"EwsEndpoint": "https://ews.partner.example/EWS/Exchange.asmx", "EwsUsername": "svc", "EwsPassword": "pw"}
FUNCTION = "freebusy"
LAMBDA_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{FUNCTION}"


def _function(aws: Any, name: str = FUNCTION) -> None:
    role = aws("iam").create_role(
        RoleName="lambda-role",
        AssumeRolePolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                           "Action": "sts:AssumeRole"}],
        }),
    )["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return {}\n")
    aws("lambda").create_function(
        FunctionName=name, Runtime="python3.11", Role=role, Handler="index.handler",
        Code={"ZipFile": code.getvalue()},
    )


def _listed(client: Any, org: str) -> list[dict[str, Any]]:
    return collect(
        client.list_availability_configurations, "AvailabilityConfigurations", OrganizationId=org
    )


def test_create_and_list_hides_the_ews_password(client, org):
    client.create_availability_configuration(
        OrganizationId=org, DomainName="partner.example", EwsProvider=EWS
    )
    client.create_availability_configuration(
        OrganizationId=org, DomainName="lambda.example", LambdaProvider={"LambdaArn": LAMBDA_ARN}
    )
    listed = _listed(client, org)
    assert [(c["DomainName"], c["ProviderType"]) for c in listed] == [
        ("partner.example", "EWS"), ("lambda.example", "LAMBDA")
    ]
    assert listed[0]["EwsProvider"] == {
        "EwsEndpoint": EWS["EwsEndpoint"], "EwsUsername": "svc"
    }
    assert "LambdaProvider" not in listed[0]
    assert listed[1]["LambdaProvider"] == {"LambdaArn": LAMBDA_ARN}
    assert listed[0]["DateCreated"] == listed[0]["DateModified"]


def test_list_pages(client, org):
    for i in range(3):
        client.create_availability_configuration(
            OrganizationId=org, DomainName=f"d{i}.example", EwsProvider=EWS
        )
    first = client.list_availability_configurations(OrganizationId=org, MaxResults=2)
    assert len(first["AvailabilityConfigurations"]) == 2
    rest = client.list_availability_configurations(
        OrganizationId=org, MaxResults=2, NextToken=first["NextToken"]
    )
    assert [c["DomainName"] for c in rest["AvailabilityConfigurations"]] == ["d2.example"]
    assert "NextToken" not in rest
    pages = client.get_paginator("list_availability_configurations").paginate(OrganizationId=org)
    assert sum(len(p["AvailabilityConfigurations"]) for p in pages) == 3


def test_exactly_one_provider(client, org):
    message = "Give exactly one provider: EwsProvider or LambdaProvider"
    with raises("InvalidParameterException", message):
        client.create_availability_configuration(OrganizationId=org, DomainName="p.example")
    with raises("InvalidParameterException", message):
        client.create_availability_configuration(
            OrganizationId=org, DomainName="p.example", EwsProvider=EWS,
            LambdaProvider={"LambdaArn": LAMBDA_ARN},
        )
    client.create_availability_configuration(OrganizationId=org, DomainName="p.example", EwsProvider=EWS)
    with raises("InvalidParameterException", message):
        client.update_availability_configuration(OrganizationId=org, DomainName="p.example")


def test_one_configuration_per_domain(client, org):
    client.create_availability_configuration(OrganizationId=org, DomainName="p.example", EwsProvider=EWS)
    with raises(
        "NameAvailabilityException",
        f"Organization {org} already has an availability configuration for domain P.example",
    ):
        client.create_availability_configuration(
            OrganizationId=org, DomainName="P.example", LambdaProvider={"LambdaArn": LAMBDA_ARN}
        )


def test_the_quota_is_limit_exceeded(client, org):
    import workmail_mock

    workmail_mock.backend_for(ACCOUNT, REGION).quotas.availability_configurations_per_organization = 1
    client.create_availability_configuration(OrganizationId=org, DomainName="a.example", EwsProvider=EWS)
    with raises(
        "LimitExceededException",
        f"Organization {org} already has 1 availability configurations; the quota is 1",
    ):
        client.create_availability_configuration(OrganizationId=org, DomainName="b.example", EwsProvider=EWS)


def test_update_replaces_the_provider_even_of_the_other_type(client, org):
    client.create_availability_configuration(OrganizationId=org, DomainName="p.example", EwsProvider=EWS)
    client.update_availability_configuration(
        OrganizationId=org, DomainName="P.EXAMPLE", LambdaProvider={"LambdaArn": LAMBDA_ARN}
    )
    (listed,) = _listed(client, org)
    assert listed["ProviderType"] == "LAMBDA"
    assert "EwsProvider" not in listed
    assert listed["DateModified"] >= listed["DateCreated"]


def test_update_of_an_unknown_domain_is_resource_not_found(client, org):
    with raises(
        "ResourceNotFoundException",
        f"Organization {org} has no availability configuration for domain p.example",
    ):
        client.update_availability_configuration(OrganizationId=org, DomainName="p.example", EwsProvider=EWS)


def test_delete_availability_configuration(client, org):
    client.create_availability_configuration(OrganizationId=org, DomainName="p.example", EwsProvider=EWS)
    client.delete_availability_configuration(OrganizationId=org, DomainName="p.example")
    client.delete_availability_configuration(OrganizationId=org, DomainName="p.example")
    assert _listed(client, org) == []


def test_test_a_stored_ews_configuration_passes(client, org):
    client.create_availability_configuration(OrganizationId=org, DomainName="p.example", EwsProvider=EWS)
    answer = client.test_availability_configuration(OrganizationId=org, DomainName="p.example")
    assert answer["TestPassed"] is True
    assert "FailureReason" not in answer


def test_test_an_ews_endpoint_with_a_bad_port_fails(client, org):
    endpoint = "https://ews.example:99999/EWS"
    answer = client.test_availability_configuration(
        OrganizationId=org, EwsProvider={**EWS, "EwsEndpoint": endpoint}
    )
    assert answer == {**answer, "TestPassed": False,
                      "FailureReason": f"EWS endpoint {endpoint} is not a valid URL"}


BAD_ENDPOINT = "http://[x/https://a/"


def test_test_an_unparsable_ews_endpoint_fails(client, org):
    answer = client.test_availability_configuration(
        OrganizationId=org, EwsProvider={**EWS, "EwsEndpoint": BAD_ENDPOINT}
    )
    assert answer == {**answer, "TestPassed": False,
                      "FailureReason": f"EWS endpoint {BAD_ENDPOINT} is not a valid URL"}


def test_create_and_update_refuse_an_unparsable_ews_endpoint(client, org):
    bad = {**EWS, "EwsEndpoint": BAD_ENDPOINT}
    message = f"EwsEndpoint {BAD_ENDPOINT} is not a valid URL: Invalid IPv6 URL"
    with raises("InvalidParameterException", message):
        client.create_availability_configuration(
            OrganizationId=org, DomainName="p.example", EwsProvider=bad
        )
    assert _listed(client, org) == []
    client.create_availability_configuration(OrganizationId=org, DomainName="p.example", EwsProvider=EWS)
    with raises("InvalidParameterException", message):
        client.update_availability_configuration(
            OrganizationId=org, DomainName="p.example", EwsProvider=bad
        )
    answer = client.test_availability_configuration(OrganizationId=org, DomainName="p.example")
    assert answer["TestPassed"] is True


def test_test_lambda_without_lambda_in_use_passes(client, org):
    answer = client.test_availability_configuration(
        OrganizationId=org, LambdaProvider={"LambdaArn": LAMBDA_ARN}
    )
    assert answer["TestPassed"] is True


PRINCIPAL = f"availability.workmail.{REGION}.amazonaws.com"


def _org_arn(client: Any, org: str) -> str:
    return str(client.describe_organization(OrganizationId=org)["ARN"])


def _permit(aws: Any, sid: str = "workmail", **conditions: str) -> None:
    aws("lambda").add_permission(
        FunctionName=FUNCTION, StatementId=sid, Action="lambda:InvokeFunction",
        Principal=PRINCIPAL, **conditions,
    )


def _test_lambda(client: Any, org: str) -> dict[str, Any]:
    return client.test_availability_configuration(
        OrganizationId=org, LambdaProvider={"LambdaArn": LAMBDA_ARN}
    )


def test_test_a_moto_lambda_function_the_organization_may_invoke_passes(client, org, aws):
    _function(aws)
    _permit(aws, SourceAccount=ACCOUNT, SourceArn=_org_arn(client, org))
    answer = _test_lambda(client, org)
    assert answer["TestPassed"] is True
    assert "FailureReason" not in answer


def test_test_a_moto_lambda_function_granted_by_account_or_wildcard_arn_passes(client, org, aws):
    _function(aws)
    _permit(aws, SourceAccount=ACCOUNT)
    assert _test_lambda(client, org)["TestPassed"] is True
    aws("lambda").remove_permission(FunctionName=FUNCTION, StatementId="workmail")
    _permit(aws, "wildcard", SourceArn=f"arn:aws:workmail:{REGION}:{ACCOUNT}:organization/*")
    assert _test_lambda(client, org)["TestPassed"] is True


def test_test_a_moto_lambda_function_without_a_policy_fails(client, org, aws):
    _function(aws)
    answer = _test_lambda(client, org)
    assert answer["TestPassed"] is False
    assert answer["FailureReason"] == (
        f"The Lambda function's resource policy does not allow {PRINCIPAL} to invoke it for "
        "this organization"
    )


def test_test_a_moto_lambda_function_granted_to_another_organization_fails(client, org, aws):
    _function(aws)
    _permit(aws, SourceArn=f"arn:aws:workmail:{REGION}:{ACCOUNT}:organization/m-{'1' * 32}")
    answer = _test_lambda(client, org)
    assert answer["TestPassed"] is False
    assert answer["FailureReason"] == (
        f"The Lambda function's resource policy does not allow {PRINCIPAL} to invoke it for "
        "this organization"
    )


def test_test_a_moto_lambda_function_anyone_may_invoke_fails(client, org, aws):
    _function(aws)
    _permit(aws, SourceAccount=ACCOUNT, SourceArn=_org_arn(client, org))
    _permit(aws, "anonymous")
    client.create_availability_configuration(
        OrganizationId=org, DomainName="p.example", LambdaProvider={"LambdaArn": LAMBDA_ARN}
    )
    answer = client.test_availability_configuration(OrganizationId=org, DomainName="p.example")
    assert answer["TestPassed"] is False
    assert answer["FailureReason"] == (
        "The Lambda function's resource policy allows anonymous invocation: a statement "
        "grants it without a SourceArn or SourceAccount condition"
    )


def test_test_a_missing_moto_lambda_function_fails(client, org, aws):
    _function(aws, "another")
    client.create_availability_configuration(
        OrganizationId=org, DomainName="p.example", LambdaProvider={"LambdaArn": LAMBDA_ARN}
    )
    answer = client.test_availability_configuration(OrganizationId=org, DomainName="p.example")
    assert answer["TestPassed"] is False
    assert answer["FailureReason"] == f"Lambda function {LAMBDA_ARN} was not found"


def test_test_needs_exactly_one_input(client, org):
    message = "Give exactly one of DomainName, EwsProvider or LambdaProvider"
    with raises("InvalidParameterException", message):
        client.test_availability_configuration(OrganizationId=org)
    with raises("InvalidParameterException", message):
        client.test_availability_configuration(
            OrganizationId=org, DomainName="p.example", EwsProvider=EWS
        )


def test_test_an_unknown_domain_is_resource_not_found(client, org):
    with raises(
        "ResourceNotFoundException",
        f"Organization {org} has no availability configuration for domain p.example",
    ):
        client.test_availability_configuration(OrganizationId=org, DomainName="p.example")


def test_unknown_and_deleted_organizations(client, org):
    calls = [
        lambda o: client.create_availability_configuration(OrganizationId=o, DomainName="p.example", EwsProvider=EWS),
        lambda o: client.update_availability_configuration(OrganizationId=o, DomainName="p.example", EwsProvider=EWS),
        lambda o: client.delete_availability_configuration(OrganizationId=o, DomainName="p.example"),
        lambda o: client.list_availability_configurations(OrganizationId=o),
        lambda o: client.test_availability_configuration(OrganizationId=o, DomainName="p.example"),
    ]
    for call in calls:
        with raises("OrganizationNotFoundException", org_missing_message()):
            call(MISSING_ORG)
    message = deleted_org(client, org)
    for call in calls:
        with raises("OrganizationStateException", message):
            call(org)


def test_a_bad_next_token_is_invalid_parameter(client, org):
    with raises("InvalidParameterException", "The NextToken 'bad' is not valid"):
        client.list_availability_configurations(OrganizationId=org, NextToken="bad")
