"""Identifiers: unique, and in the formats WorkMail returns."""

from __future__ import annotations

import re

from tests.support import GROUP_ID, ORG_ID, REGION, RESOURCE_ID


def test_ids_of_100_groups_and_100_resources_are_unique_and_well_formed(client, org):
    groups = [
        client.create_group(OrganizationId=org, Name=f"group-{i}")["GroupId"] for i in range(100)
    ]
    resources = [
        client.create_resource(OrganizationId=org, Name=f"room-{i}", Type="ROOM")["ResourceId"]
        for i in range(100)
    ]
    assert len(set(groups)) == 100
    assert len(set(resources)) == 100
    assert all(GROUP_ID.match(g) for g in groups), groups
    assert all(RESOURCE_ID.match(r) for r in resources), resources
    listed = [g["Id"] for g in client.list_groups(OrganizationId=org)["Groups"]]
    assert listed == groups


def test_organization_ids_and_arns(client):
    ids = [client.create_organization(Alias=f"org{i}")["OrganizationId"] for i in range(10)]
    assert len(set(ids)) == 10
    for org_id in ids:
        assert ORG_ID.match(org_id)
        arn = client.describe_organization(OrganizationId=org_id)["ARN"]
        assert arn == f"arn:aws:workmail:{REGION}:123456789012:organization/{org_id}"


def test_directory_ids_of_own_directories(client):
    ids = [client.create_organization(Alias=f"org{i}")["OrganizationId"] for i in range(5)]
    directories = [client.describe_organization(OrganizationId=i)["DirectoryId"] for i in ids]
    assert len(set(directories)) == 5
    assert all(re.match(r"^d-[0-9a-f]{10}$", d) for d in directories)
