"""List pages reuse each entity's encoded JSON until the entity changes."""

from __future__ import annotations

from botocore.client import BaseClient


def test_a_changed_entity_is_listed_with_its_new_values(client: BaseClient, org: str) -> None:
    client.register_mail_domain(OrganizationId=org, DomainName="cache.example.com")
    group = client.create_group(OrganizationId=org, Name="cached")["GroupId"]
    assert client.list_groups(OrganizationId=org)["Groups"][0]["State"] == "DISABLED"
    client.register_to_work_mail(OrganizationId=org, EntityId=group, Email="cached@cache.example.com")
    listed = client.list_groups(OrganizationId=org)["Groups"][0]
    assert (listed["State"], listed["Email"]) == ("ENABLED", "cached@cache.example.com")
    client.deregister_from_work_mail(OrganizationId=org, EntityId=group)
    listed = client.list_groups(OrganizationId=org)["Groups"][0]
    assert listed["State"] == "DISABLED" and "Email" not in listed


def test_a_renamed_resource_is_listed_with_its_new_name(client: BaseClient, org: str) -> None:
    room = client.create_resource(OrganizationId=org, Name="before", Type="ROOM")["ResourceId"]
    assert client.list_resources(OrganizationId=org)["Resources"][0]["Name"] == "before"
    client.update_resource(OrganizationId=org, ResourceId=room, Name="after", Type="EQUIPMENT")
    listed = client.list_resources(OrganizationId=org)["Resources"][0]
    assert (listed["Name"], listed["Type"]) == ("after", "EQUIPMENT")
