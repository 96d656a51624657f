"""Groups: create, describe, list, update, delete."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from workmail_mock.backend import ids
from workmail_mock.backend.base import BackendState, page_size
from workmail_mock.backend.directory import check_not_read_only, check_writable
from workmail_mock.backend.entities import Entity, check_not_deleted, entity_filter, find_entity

if TYPE_CHECKING:
    from workmail_mock.backend.organizations import Organization


@dataclasses.dataclass(eq=False)
class Group(Entity):
    KIND: ClassVar[str] = "GROUP"

    @property
    def group_id(self) -> str:
        return self.id


class GroupsMixin(BackendState):
    """CreateGroup, DescribeGroup, ListGroups, UpdateGroup, DeleteGroup."""

    def _group(self, org: Organization, group_id: str) -> Group:
        """The group an id, email address or name names (the model: "The identifier for
        the group to be described" accepts all three)."""
        return find_entity(org, group_id, (Group.KIND,), "Group")  # type: ignore[return-value]

    def create_group(
        self, organization_id: str, name: str, hidden_from_global_address_list: bool | None = None
    ) -> dict[str, str]:
        org = self._organization(organization_id)
        check_writable(org, self.account_id, self.region_name)
        group = Group(
            id=ids.entity_id(),
            name=name,
            hidden_from_global_address_list=bool(hidden_from_global_address_list),
        )
        org.entities.claim_name(name, group.id)
        org.entities.groups.add(group.id, group)
        return {"GroupId": group.id}

    def describe_group(self, organization_id: str, group_id: str) -> Group:
        org = self._organization(organization_id)
        return self._group(org, group_id)

    def list_groups(
        self,
        organization_id: str,
        next_token: str | None = None,
        max_results: int | None = None,
        filters: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        org = self._organization(organization_id)
        page, token = org.entities.groups.page(
            page_size(max_results), next_token, entity_filter(filters, "ListGroups")
        )
        return {"Groups": page, "NextToken": token}

    def update_group(
        self,
        organization_id: str,
        group_id: str,
        hidden_from_global_address_list: bool | None = None,
    ) -> None:
        org = self._organization(organization_id)
        check_not_read_only(org, "UpdateGroup")
        group = find_entity(org, group_id, ("GROUP",), "Group")
        check_not_deleted(group, "UpdateGroup")
        if hidden_from_global_address_list is not None:
            group.hidden_from_global_address_list = hidden_from_global_address_list

    def delete_group(self, organization_id: str, group_id: str) -> None:
        """Delete a DISABLED group; it stays listed in state DELETED, without its name,
        addresses and memberships."""
        org = self._organization(organization_id)
        check_writable(org, self.account_id, self.region_name)
        self._delete_disabled_entity(org, group_id, "GROUP")
