"""PutRetentionPolicy, GetDefaultRetentionPolicy and DeleteRetentionPolicy."""

from __future__ import annotations

from tests.support import MISSING_ORG, deleted_org, org_missing_message, raises

FOLDERS = [
    {"Name": "INBOX", "Action": "NONE"},
    {"Name": "DELETED_ITEMS", "Action": "PERMANENTLY_DELETE", "Period": 30},
]


def test_no_policy_is_entity_not_found(client, org):
    with raises("EntityNotFoundException", f"Organization {org} has no retention policy"):
        client.get_default_retention_policy(OrganizationId=org)


def test_put_without_id_creates_the_policy_with_a_generated_id(client, org):
    client.put_retention_policy(
        OrganizationId=org, Name="keep", Description="d", FolderConfigurations=FOLDERS
    )
    policy = client.get_default_retention_policy(OrganizationId=org)
    assert len(policy["Id"]) == 36
    assert policy["Name"] == "keep"
    assert policy["Description"] == "d"
    assert policy["FolderConfigurations"] == FOLDERS


def test_put_with_the_policy_id_replaces_it(client, org):
    client.put_retention_policy(
        OrganizationId=org, Id="p1", Name="keep", Description="d", FolderConfigurations=FOLDERS
    )
    client.put_retention_policy(
        OrganizationId=org, Id="p1", Name="short",
        FolderConfigurations=[{"Name": "JUNK_EMAIL", "Action": "DELETE", "Period": 1}],
    )
    policy = client.get_default_retention_policy(OrganizationId=org)
    assert policy["Id"] == "p1"
    assert policy["Name"] == "short"
    assert "Description" not in policy
    assert policy["FolderConfigurations"] == [
        {"Name": "JUNK_EMAIL", "Action": "DELETE", "Period": 1}
    ]


def test_a_second_policy_is_limit_exceeded(client, org):
    client.put_retention_policy(OrganizationId=org, Id="p1", Name="a", FolderConfigurations=[])
    message = (
        f"Organization {org} already has retention policy p1; put it with that Id to replace "
        "it, or delete it first"
    )
    with raises("LimitExceededException", message):
        client.put_retention_policy(OrganizationId=org, Id="p2", Name="b", FolderConfigurations=[])
    with raises("LimitExceededException", message):
        client.put_retention_policy(OrganizationId=org, Name="b", FolderConfigurations=[])


def test_a_folder_twice_is_refused(client, org):
    with raises(
        "InvalidParameterException", "FolderConfigurations names folder INBOX more than once"
    ):
        client.put_retention_policy(
            OrganizationId=org, Name="a",
            FolderConfigurations=[
                {"Name": "INBOX", "Action": "NONE"}, {"Name": "INBOX", "Action": "NONE"}
            ],
        )


def test_a_deleting_action_needs_a_period(client, org):
    with raises("InvalidParameterException", "Folder INBOX has action DELETE but no Period"):
        client.put_retention_policy(
            OrganizationId=org, Name="a", FolderConfigurations=[{"Name": "INBOX", "Action": "DELETE"}]
        )


def test_period_bounds_are_validated(client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value '731' at 'folderConfigurations.1.member.period' "
        "failed to satisfy constraint: Member must have value less than or equal to 730",
    ):
        client.put_retention_policy(
            OrganizationId=org, Name="a",
            FolderConfigurations=[{"Name": "INBOX", "Action": "DELETE", "Period": 731}],
        )


def test_delete_retention_policy(client, org):
    client.put_retention_policy(OrganizationId=org, Id="p1", Name="a", FolderConfigurations=[])
    client.delete_retention_policy(OrganizationId=org, Id="other")  # unknown id: a no-op
    assert client.get_default_retention_policy(OrganizationId=org)["Id"] == "p1"
    client.delete_retention_policy(OrganizationId=org, Id="p1")
    client.delete_retention_policy(OrganizationId=org, Id="p1")
    with raises("EntityNotFoundException", f"Organization {org} has no retention policy"):
        client.get_default_retention_policy(OrganizationId=org)
    client.put_retention_policy(OrganizationId=org, Id="p2", Name="b", FolderConfigurations=[])


def test_unknown_and_deleted_organizations(client, org):
    calls = [
        lambda o: client.put_retention_policy(OrganizationId=o, Name="a", FolderConfigurations=[]),
        lambda o: client.get_default_retention_policy(OrganizationId=o),
        lambda o: client.delete_retention_policy(OrganizationId=o, Id="p"),
    ]
    for call in calls:
        with raises("OrganizationNotFoundException", org_missing_message()):
            call(MISSING_ORG)
    message = deleted_org(client, org)
    for call in calls:
        with raises("OrganizationStateException", message):
            call(org)
