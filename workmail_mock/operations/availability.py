"""Availability configurations: how free/busy data of another domain is fetched, from
EWS or a Lambda function (spec section 5)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from workmail_mock.errors import (
    InvalidParameterException,
    LimitExceededException,
    NameAvailabilityException,
    not_configured,
)
from workmail_mock.integrations import lambda_
from workmail_mock.operations.registry import Call, operation, page_size
from workmail_mock.rules import lambda_policy
from workmail_mock.state.settings import AvailabilityConfiguration, new_availability_configuration


def _one_provider(ews: dict[str, str] | None, lambda_provider: dict[str, str] | None) -> None:
    # "exactly one provider definition" (model doc); the error is a guess.
    if (ews is None) == (lambda_provider is None):
        raise InvalidParameterException(
            "Give exactly one provider: EwsProvider or LambdaProvider"
        )


def _unparsable(ews: dict[str, str] | None) -> str | None:
    """Why an EWS endpoint can't be read as a URL at all (``urlsplit`` or its port raises
    ValueError: an unclosed ``[``, a port out of range), or None."""
    if ews is None:
        return None
    try:
        _ = urlsplit(ews["EwsEndpoint"]).port
    except ValueError as error:
        return str(error)
    return None


def _check_storable(ews: dict[str, str] | None) -> None:
    # A guess: Create and Update refuse an endpoint that is not a URL at all (the model's
    # pattern is matched with search semantics, so it lets such a value through), rather
    # than store one every later test of the domain can only fail on.
    # InvalidParameterException is in both operations' model error lists.
    problem = _unparsable(ews)
    if problem is not None:
        assert ews is not None
        raise InvalidParameterException(
            f"EwsEndpoint {ews['EwsEndpoint']} is not a valid URL: {problem}"
        )


def _configuration(call: Call, domain_name: str) -> AvailabilityConfiguration:
    found = call.org.settings.availability.get(domain_name.lower())
    if found is None:
        raise not_configured(
            call.org.id, f"availability configuration for domain {domain_name}"
        )
    return found


@operation("CreateAvailabilityConfiguration")
def create_availability_configuration(
    call: Call,
    domain_name: str,
    ews_provider: dict[str, str] | None = None,
    lambda_provider: dict[str, str] | None = None,
) -> None:
    _one_provider(ews_provider, lambda_provider)
    _check_storable(ews_provider)
    store = call.org.settings.availability
    if domain_name.lower() in store:  # a guess: one configuration per domain
        raise NameAvailabilityException(
            f"Organization {call.org.id} already has an availability configuration for "
            f"domain {domain_name}"
        )
    quota = call.region.quotas.availability_configurations_per_organization
    if len(store) >= quota:
        raise LimitExceededException(
            f"Organization {call.org.id} already has {len(store)} availability "
            f"configurations; the quota is {quota}"
        )
    store.add(
        domain_name.lower(),
        new_availability_configuration(domain_name, ews_provider, lambda_provider),
    )


@operation("UpdateAvailabilityConfiguration")
def update_availability_configuration(
    call: Call,
    domain_name: str,
    ews_provider: dict[str, str] | None = None,
    lambda_provider: dict[str, str] | None = None,
) -> None:
    configuration = _configuration(call, domain_name)
    _one_provider(ews_provider, lambda_provider)
    _check_storable(ews_provider)
    configuration.replace_provider(ews_provider, lambda_provider)


@operation("DeleteAvailabilityConfiguration")
def delete_availability_configuration(call: Call, domain_name: str) -> None:
    call.org.settings.availability.remove(domain_name.lower())  # absent: a no-op (a guess)


@operation("ListAvailabilityConfigurations")
def list_availability_configurations(
    call: Call, max_results: int | None = None, next_token: str | None = None
) -> dict[str, Any]:
    page, token = call.org.settings.availability.page(page_size(max_results), next_token)
    return {"AvailabilityConfigurations": [c.view() for c in page], "NextToken": token}


def _test_lambda(call: Call, arn: str) -> str | None:
    """Why a Lambda provider fails, or None. The function is looked up in moto's Lambda
    of the ARN's account and region when Lambda is in use there; otherwise it passes (a
    guess, the "in use" rule). A function moto holds must have a resource policy that
    lets the availability service invoke it for this organization, and not anonymously
    (model documentation; the details are ``rules.lambda_policy``'s guess)."""
    parts = arn.split(":")
    exists, statements = lambda_.function_policy(parts[4], parts[3], arn)
    if exists is False:
        return f"Lambda function {arn} was not found"
    if exists is None:
        return None
    return lambda_policy.policy_problem(
        statements, call.region_name, call.account_id, call.org.arn
    )


def _test_ews(endpoint: str) -> str | None:
    """Why an EWS provider fails, or None: the mock can't log in, so it checks the URL's
    form only (scheme, host and port; a guess). An endpoint ``urlsplit`` can't read fails
    the test too (it never raises: TestPassed false is the answer)."""
    invalid = f"EWS endpoint {endpoint} is not a valid URL"
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return invalid
    if parts.scheme not in ("http", "https") or not parts.hostname or port == 0:
        return invalid
    return None


@operation("TestAvailabilityConfiguration")
def test_availability_configuration(
    call: Call,
    domain_name: str | None = None,
    ews_provider: dict[str, str] | None = None,
    lambda_provider: dict[str, str] | None = None,
) -> dict[str, Any]:
    given = [x for x in (domain_name, ews_provider, lambda_provider) if x is not None]
    if len(given) != 1:  # "either one provider definition ... or the DomainName" (model)
        raise InvalidParameterException(
            "Give exactly one of DomainName, EwsProvider or LambdaProvider"
        )
    if domain_name is not None:
        stored = _configuration(call, domain_name)
        ews_provider, lambda_provider = stored.ews_provider, stored.lambda_provider
    if lambda_provider is not None:
        reason = _test_lambda(call, lambda_provider["LambdaArn"])
    else:
        assert ews_provider is not None
        reason = _test_ews(ews_provider["EwsEndpoint"])
    if reason is not None and len(reason) > 256:  # the model's FailureReason bound
        reason = reason[:253] + "..."
    return {"TestPassed": reason is None, "FailureReason": reason}
