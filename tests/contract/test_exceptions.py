"""The error classes match the model's error shapes one to one; the conformance checker
catches responses that drift from the model."""

from __future__ import annotations

import dataclasses
import json

import pytest

from tests.support import conformance
from tests.support.internals import REGISTRY, dispatcher, spec
from workmail_mock.errors import (
    InternalFailure,
    ValidationException,
    common_error_classes,
    modelled_error_classes,
)


def test_error_classes_match_the_model_error_shapes_one_to_one():
    shapes = {shape.name for shape in spec.service_model().error_shapes}
    assert len(shapes) == 22
    assert set(modelled_error_classes()) == shapes


def test_common_errors_are_not_model_shapes():
    shapes = {shape.name for shape in spec.service_model().error_shapes}
    common = set(common_error_classes())
    assert "ValidationException" in common
    assert not common & shapes


@pytest.mark.parametrize("code", sorted(modelled_error_classes()))
def test_each_modelled_error_is_http_400_with_its_shape_name(code):
    cls = modelled_error_classes()[code]
    status, headers, body = dispatcher.error_response(cls(f"a {code}"))
    assert status == 400
    assert headers["x-amzn-ErrorType"] == code
    assert json.loads(body) == {"__type": code, "Message": f"a {code}"}


@pytest.mark.parametrize("code", sorted(modelled_error_classes()))
def test_each_modelled_error_shape_has_only_a_message(code):
    shape = spec.service_model().shape_for(code)
    assert shape.metadata.get("exception") is True
    assert set(shape.members) <= {"Message"}


def test_validation_exception_is_http_400():
    status, _, body = dispatcher.error_response(ValidationException("bad"))
    assert status == 400
    assert json.loads(body)["__type"] == "ValidationException"


def test_internal_failures_are_400_so_botocore_does_not_retry():
    assert InternalFailure("x").status == 400


def test_a_bug_in_an_operation_becomes_an_internal_failure(monkeypatch):
    def broken(call, **_kwargs):
        raise RuntimeError("boom")

    operation = REGISTRY["ListOrganizations"]
    monkeypatch.setitem(REGISTRY, "ListOrganizations", dataclasses.replace(operation, handler=broken))
    status, _, body = dispatcher.handle(
        "WorkMailService.ListOrganizations", b"{}", "us-east-1", "123456789012"
    )
    error = json.loads(body)
    assert status == 400
    assert error["__type"] == "InternalFailure"
    assert error["Message"].startswith("workmail_mock internal error (RuntimeError: boom) at ")
    assert "/" not in error["Message"], "no filesystem path of the user's machine"


# --- the conformance checker itself -------------------------------------------------------


def _operation(name):
    return spec.operation_model(name)


def test_conformance_accepts_a_conforming_response():
    body = json.dumps({"OrganizationId": "m-" + "0" * 32}).encode()
    assert conformance.check_response(_operation("CreateOrganization"), 200, body) == []


def test_conformance_rejects_an_extra_member():
    body = json.dumps({"OrganizationId": "m-" + "0" * 32, "Extra": 1}).encode()
    assert conformance.check_response(_operation("CreateOrganization"), 200, body) == [
        "CreateOrganization.Extra: not a member of CreateOrganizationResponse"
    ]


def test_conformance_rejects_a_nested_extra_member_and_a_wrong_type():
    body = json.dumps({"OrganizationSummaries": [{"OrganizationId": 5, "Color": "red"}]}).encode()
    problems = conformance.check_response(_operation("ListOrganizations"), 200, body)
    assert (
        "ListOrganizations.OrganizationSummaries[0].Color: not a member of OrganizationSummary"
        in problems
    )
    assert (
        "ListOrganizations.OrganizationSummaries[0].OrganizationId: expected string, got 5"
        in problems
    )


def test_conformance_rejects_a_value_outside_the_enum():
    body = json.dumps({"OrganizationSummaries": [], "NextToken": None}).encode()
    assert conformance.check_response(_operation("ListOrganizations"), 200, body)
    body = json.dumps({"Records": [], "OwnershipVerificationStatus": "MAYBE"}).encode()
    assert conformance.check_response(_operation("GetMailDomain"), 200, body) == [
        "GetMailDomain.OwnershipVerificationStatus: 'MAYBE' is not in the enum of "
        "DnsRecordVerificationStatus"
    ]


def test_conformance_rejects_a_body_for_an_empty_output():
    problems = conformance.check_response(_operation("RegisterMailDomain"), 200, b'{"x": 1}')
    assert problems and "RegisterMailDomain" in problems[0]


def test_conformance_rejects_an_unknown_error_code_and_a_500():
    body = json.dumps({"__type": "MadeUpException", "Message": "x"}).encode()
    assert conformance.check_response(_operation("ListOrganizations"), 500, body) == [
        "ListOrganizations: error code 'MadeUpException' is not known to the model",
        "ListOrganizations: HTTP 500: {'__type': 'MadeUpException', 'Message': 'x'}",
    ]


def test_the_enum_values_the_code_names_are_the_model_s() -> None:
    """State and rules name the enum values they branch on; the model holds the enums."""
    from workmail_mock.rules import matching
    from workmail_mock.state import exports
    from workmail_mock.state.kinds import EntityKind, EntityState

    def enum(name: str) -> set[str]:
        return set(spec.service_model().shape_for(name).enum)

    assert {state.value for state in EntityState} == enum("EntityState")
    assert {kind.value for kind in EntityKind} == enum("EntityType")
    assert set(matching.EFFECTS) == enum("AccessControlRuleEffect") == enum(
        "MobileDeviceAccessRuleEffect"
    )
    assert {exports.RUNNING, exports.COMPLETED, exports.FAILED, exports.CANCELLED} == enum(
        "MailboxExportJobState"
    )
