"""Tags of organizations, the only taggable WorkMail resource (spec section 11), kept in
moto's TaggingService."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import (
    InvalidParameterException,
    OrganizationStateException,
    ResourceNotFoundException,
    TooManyTagsException,
)
from workmail_mock.integrations import tagging
from workmail_mock.operations.registry import Call, Org, operation
from workmail_mock.state.kinds import OrganizationState
from workmail_mock.state.organization import Organization
from workmail_mock.state.settings import TagStore


def _store(call: Call) -> TagStore:
    if call.region.tags is None:
        call.region.tags = tagging.new_store()
    return call.region.tags


def _organization(call: Call, arn: str) -> Organization:
    """The organization an ARN names, in the caller's account and region.

    A guess: an ARN of another account or region, of another resource type, or of an
    unknown or Deleted organization is ResourceNotFoundException, the one error all
    three tag operations model.
    """
    parts = arn.split(":", 5)
    resource = parts[5] if len(parts) == 6 else ""
    kind, _, org_id = resource.partition("/")
    org = call.region.organizations.get(org_id) if kind == "organization" else None
    if (
        org is None
        or parts[3] != call.region_name
        or parts[4] != call.account_id
        or org.arn != arn
        or org.refresh() == OrganizationState.DELETED
    ):
        raise ResourceNotFoundException(
            f"Resource {arn} does not exist: only organizations of account "
            f"{call.account_id} in {call.region_name} can be tagged"
        )
    return org


@operation("TagResource", org=Org.NONE)
def tag_resource(call: Call, resource_arn: str, tags: list[dict[str, str]]) -> None:
    org = _organization(call, resource_arn)
    if org.state != OrganizationState.ACTIVE:
        # A guess: the modelled OrganizationStateException for an organization that is
        # not Active (being created or deleted).
        raise OrganizationStateException(
            f"Organization {org.id} is in state {org.state}; tags can be added only to an "
            "Active organization"
        )
    keys = [tag["Key"] for tag in tags]
    if len(set(keys)) != len(keys):
        raise InvalidParameterException(f"Tags lists a key twice: {keys}")
    reserved = [key for key in keys if key.lower().startswith("aws:")]
    if reserved:  # a guess: the AWS-wide rule for the aws: prefix
        raise InvalidParameterException(
            f"Tag keys starting with 'aws:' are reserved for AWS use: {reserved}"
        )
    held = call.region.tags.get_tag_dict_for_resource(resource_arn) if call.region.tags else {}
    merged = set(held) | set(keys)
    quota = call.region.quotas.tags_per_resource
    if len(merged) > quota:
        raise TooManyTagsException(
            f"Organization {org.id} would have {len(merged)} tags; at most {quota} are allowed"
        )
    _store(call).tag_resource(resource_arn, [{"Key": t["Key"], "Value": t["Value"]} for t in tags])


@operation("UntagResource", org=Org.NONE)
def untag_resource(call: Call, resource_arn: str, tag_keys: list[str]) -> None:
    _organization(call, resource_arn)
    _store(call).untag_resource_using_names(resource_arn, tag_keys)  # absent keys: ignored


@operation("ListTagsForResource", org=Org.NONE)
def list_tags_for_resource(call: Call, resource_arn: str) -> dict[str, Any]:
    _organization(call, resource_arn)
    return {"Tags": _store(call).list_tags_for_resource(resource_arn)["Tags"]}
