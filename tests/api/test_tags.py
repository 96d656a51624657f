"""TagResource, UntagResource and ListTagsForResource on organization ARNs."""

from __future__ import annotations

import re
from typing import Any

from tests.support import ACCOUNT, REGION, raises


def _arn(org: str, region: str = REGION, account: str = ACCOUNT) -> str:
    return f"arn:aws:workmail:{region}:{account}:organization/{org}"


def _tags(client: Any, org: str) -> list[dict[str, str]]:
    return list(client.list_tags_for_resource(ResourceARN=_arn(org))["Tags"])


def test_a_new_organization_has_no_tags(client, org):
    assert _tags(client, org) == []


def test_tag_resource_adds_and_overwrites_in_insertion_order(client, org):
    client.tag_resource(ResourceARN=_arn(org), Tags=[{"Key": "team", "Value": "mail"}])
    client.tag_resource(
        ResourceARN=_arn(org),
        Tags=[{"Key": "cost", "Value": ""}, {"Key": "team", "Value": "ops"}],
    )
    assert _tags(client, org) == [{"Key": "team", "Value": "ops"}, {"Key": "cost", "Value": ""}]


def test_the_arn_describe_organization_returns_is_taggable(client, org):
    arn = client.describe_organization(OrganizationId=org)["ARN"]
    client.tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert client.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "k", "Value": "v"}]


def test_untag_resource_removes_keys_and_ignores_absent_ones(client, org):
    client.tag_resource(
        ResourceARN=_arn(org), Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
    )
    client.untag_resource(ResourceARN=_arn(org), TagKeys=["a", "nope"])
    assert _tags(client, org) == [{"Key": "b", "Value": "2"}]


def test_tags_belong_to_one_organization(client, org):
    other = client.create_organization(Alias="other")["OrganizationId"]
    client.tag_resource(ResourceARN=_arn(org), Tags=[{"Key": "a", "Value": "1"}])
    assert _tags(client, other) == []


def test_fifty_tags_are_allowed_and_the_fifty_first_is_refused(client, org):
    client.tag_resource(
        ResourceARN=_arn(org), Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)]
    )
    client.tag_resource(ResourceARN=_arn(org), Tags=[{"Key": "k0", "Value": "again"}])
    with raises(
        "TooManyTagsException", f"Organization {org} would have 51 tags; at most 50 are allowed"
    ):
        client.tag_resource(ResourceARN=_arn(org), Tags=[{"Key": "k50", "Value": "v"}])
    assert len(_tags(client, org)) == 50


def test_more_than_fifty_tags_in_one_request_is_a_validation_error(client, org):
    with raises(
        "ValidationException",
        re.compile(
            r"^1 validation error detected: Value '\[.*\]' at 'tags' failed to satisfy "
            r"constraint: Member must have length less than or equal to 50$"
        ),
    ):
        client.tag_resource(
            ResourceARN=_arn(org), Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)]
        )


def test_a_key_twice_in_one_request_is_refused(client, org):
    with raises("InvalidParameterException", "Tags lists a key twice: ['a', 'a']"):
        client.tag_resource(
            ResourceARN=_arn(org), Tags=[{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]
        )


def test_aws_prefixed_keys_are_reserved(client, org):
    with raises(
        "InvalidParameterException",
        "Tag keys starting with 'aws:' are reserved for AWS use: ['aws:x']",
    ):
        client.tag_resource(ResourceARN=_arn(org), Tags=[{"Key": "aws:x", "Value": "1"}])


def _not_found(arn: str) -> str:
    return (
        f"Resource {arn} does not exist: only organizations of account {ACCOUNT} in "
        f"{REGION} can be tagged"
    )


def test_unknown_organization_arn_is_resource_not_found(client, org):
    arn = _arn("m-" + "0" * 32)
    with raises("ResourceNotFoundException", _not_found(arn)):
        client.tag_resource(ResourceARN=arn, Tags=[{"Key": "a", "Value": "1"}])
    with raises("ResourceNotFoundException", _not_found(arn)):
        client.untag_resource(ResourceARN=arn, TagKeys=["a"])
    with raises("ResourceNotFoundException", _not_found(arn)):
        client.list_tags_for_resource(ResourceARN=arn)


def test_arn_of_another_account_or_region_or_type_is_resource_not_found(client, org):
    for arn in (
        _arn(org, account="210987654321"),
        _arn(org, region="eu-west-1"),
        f"arn:aws:workmail:{REGION}:{ACCOUNT}:user/{org}",
    ):
        with raises("ResourceNotFoundException", _not_found(arn)):
            client.list_tags_for_resource(ResourceARN=arn)


def test_a_deleted_organization_is_resource_not_found(client, org):
    client.tag_resource(ResourceARN=_arn(org), Tags=[{"Key": "a", "Value": "1"}])
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    client.describe_organization(OrganizationId=org)  # reads move it to Deleted
    with raises("ResourceNotFoundException", _not_found(_arn(org))):
        client.list_tags_for_resource(ResourceARN=_arn(org))
    with raises("ResourceNotFoundException", _not_found(_arn(org))):
        client.untag_resource(ResourceARN=_arn(org), TagKeys=["a"])
    with raises("ResourceNotFoundException", _not_found(_arn(org))):
        client.tag_resource(ResourceARN=_arn(org), Tags=[{"Key": "b", "Value": "1"}])


def test_an_organization_being_created_cannot_be_tagged(client):
    from moto.moto_api import state_manager

    state_manager.set_transition("workmail::organization", {"progression": "manual", "times": 10})
    try:
        org = client.create_organization(Alias="slow")["OrganizationId"]
        with raises(
            "OrganizationStateException",
            f"Organization {org} is in state Requested; tags can be added only to an Active "
            "organization",
        ):
            client.tag_resource(ResourceARN=_arn(org), Tags=[{"Key": "a", "Value": "1"}])
        assert _tags(client, org) == []
    finally:
        state_manager.unset_transition("workmail::organization")
