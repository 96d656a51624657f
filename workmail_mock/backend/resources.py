"""Resources (rooms and equipment): create, describe, list."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from workmail_mock.backend import ids
from workmail_mock.backend.base import BackendState, page_size
from workmail_mock.backend.directory import check_writable
from workmail_mock.backend.entities import Entity, entity_filter
from workmail_mock.exceptions import EntityNotFoundException

if TYPE_CHECKING:
    from workmail_mock.backend.organizations import Organization


@dataclasses.dataclass
class BookingOptions:
    """How a resource answers meeting requests (WorkMail's defaults)."""

    auto_accept_requests: bool = True
    auto_decline_recurring_requests: bool = False
    auto_decline_conflicting_requests: bool = True


@dataclasses.dataclass(eq=False)
class Resource(Entity):
    KIND: ClassVar[str] = "RESOURCE"

    resource_type: str = "ROOM"
    description: str | None = None
    booking_options: BookingOptions = dataclasses.field(default_factory=BookingOptions)

    @property
    def resource_id(self) -> str:
        return self.id

    @property
    def type(self) -> str:
        """The output member ``Type`` of a resource is ROOM or EQUIPMENT."""
        return self.resource_type


class ResourcesMixin(BackendState):
    """CreateResource, DescribeResource, ListResources."""

    def _resource(self, org: Organization, resource_id: str) -> Resource:
        resource = org.entities.resources.get(resource_id)
        if resource is None:
            raise EntityNotFoundException(
                f"Resource {resource_id} does not exist in organization {org.id}"
            )
        return resource  # type: ignore[return-value]

    def create_resource(
        self,
        organization_id: str,
        name: str,
        type: str,
        description: str | None = None,
        hidden_from_global_address_list: bool | None = None,
    ) -> dict[str, str]:
        org = self._organization(organization_id)
        check_writable(org, self.account_id, self.region_name)
        resource = Resource(
            id=ids.resource_id(),
            name=name,
            resource_type=type,
            description=description,
            hidden_from_global_address_list=bool(hidden_from_global_address_list),
        )
        org.entities.claim_name(name, resource.id)
        org.entities.resources.add(resource.id, resource)
        return {"ResourceId": resource.id}

    def describe_resource(self, organization_id: str, resource_id: str) -> Resource:
        org = self._organization(organization_id)
        return self._resource(org, resource_id)

    def list_resources(
        self,
        organization_id: str,
        next_token: str | None = None,
        max_results: int | None = None,
        filters: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        org = self._organization(organization_id)
        page, token = org.entities.resources.page(
            page_size(max_results), next_token, entity_filter(filters)
        )
        return {"Resources": page, "NextToken": token}
