from tests.conftest import raises


def test_create_and_describe(client, org):
    assert client.describe_organization(OrganizationId=org)["State"] == "Active"
    with raises("OrganizationNotFoundException", __import__("re").compile("does not exist")):
        client.describe_organization(OrganizationId="m-" + "0" * 32)
