"""moto's dashboard data (``/moto-api/data.json``) shows the WorkMail state."""

from __future__ import annotations

import requests

from tests.support import reset, server_client


def test_data_json_lists_workmail_state(server_url: str) -> None:
    reset(server_url)
    client = server_client(server_url)
    org_id = client.create_organization(Alias="dash")["OrganizationId"]
    user_id = client.create_user(OrganizationId=org_id, Name="alice", DisplayName="Alice")["UserId"]
    data = requests.get(f"{server_url}/moto-api/data.json", timeout=10).json()
    (org,) = data["workmail"]["Organization"]
    assert (org["id"], org["alias"], org["state"], org["users"]) == (org_id, "dash", "Active", 1)
    assert [(u["id"], u["name"]) for u in data["workmail"]["User"]] == [(user_id, "alice")]
    assert data["workmail"]["Group"] == []
    assert requests.get(f"{server_url}/moto-api/", timeout=10).status_code == 200
    reset(server_url)
    data = requests.get(f"{server_url}/moto-api/data.json", timeout=10).json()
    assert data["workmail"]["Organization"] == []
