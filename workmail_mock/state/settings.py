"""An organization's settings: retention policy, availability configurations, email
monitoring, inbound DMARC and the identity provider configuration, plus the Identity
Center applications of a region (spec sections 4-7 and 9)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any, Protocol

from workmail_mock.state import runtime
from workmail_mock.state.store import OrderedStore


@dataclasses.dataclass
class RetentionPolicy:
    id: str
    name: str
    description: str | None
    folder_configurations: list[dict[str, Any]]

    def view(self) -> dict[str, Any]:
        return {
            "Id": self.id,
            "Name": self.name,
            "Description": self.description,
            "FolderConfigurations": self.folder_configurations,
        }


@dataclasses.dataclass
class AvailabilityConfiguration:
    domain_name: str
    ews_provider: dict[str, str] | None
    lambda_provider: dict[str, str] | None
    date_created: datetime
    date_modified: datetime

    @property
    def provider_type(self) -> str:
        return "EWS" if self.ews_provider is not None else "LAMBDA"

    def replace_provider(
        self, ews_provider: dict[str, str] | None, lambda_provider: dict[str, str] | None
    ) -> None:
        self.ews_provider, self.lambda_provider = ews_provider, lambda_provider
        self.date_modified = runtime.current().now()

    def view(self) -> dict[str, Any]:
        """The listed form: the EWS password is never returned (RedactedEwsAvailabilityProvider)."""
        ews = None
        if self.ews_provider is not None:
            ews = {
                "EwsEndpoint": self.ews_provider["EwsEndpoint"],
                "EwsUsername": self.ews_provider["EwsUsername"],
            }
        return {
            "DomainName": self.domain_name,
            "ProviderType": self.provider_type,
            "EwsProvider": ews,
            "LambdaProvider": self.lambda_provider,
            "DateCreated": self.date_created,
            "DateModified": self.date_modified,
        }


def new_availability_configuration(
    domain_name: str, ews_provider: dict[str, str] | None, lambda_provider: dict[str, str] | None
) -> AvailabilityConfiguration:
    now = runtime.current().now()
    return AvailabilityConfiguration(domain_name, ews_provider, lambda_provider, now, now)


@dataclasses.dataclass
class EmailMonitoring:
    role_arn: str
    log_group_arn: str


@dataclasses.dataclass
class IdentityProviderConfiguration:
    authentication_mode: str
    instance_arn: str
    application_arn: str
    personal_access_token_configuration: dict[str, Any]

    def view(self) -> dict[str, Any]:
        return {
            "AuthenticationMode": self.authentication_mode,
            "IdentityCenterConfiguration": {
                "InstanceArn": self.instance_arn,
                "ApplicationArn": self.application_arn,
            },
            "PersonalAccessTokenConfiguration": self.personal_access_token_configuration,
        }


@dataclasses.dataclass
class Settings:
    """The settings part of an Organization (none refers to entities)."""

    retention_policy: RetentionPolicy | None = None
    availability: OrderedStore[AvailabilityConfiguration] = dataclasses.field(
        default_factory=OrderedStore
    )
    email_monitoring: EmailMonitoring | None = None
    #: New organizations enforce inbound DMARC (admin guide, inbound-dmarc).
    dmarc_enforced: bool = True
    identity_provider: IdentityProviderConfiguration | None = None


@dataclasses.dataclass(frozen=True)
class IdentityCenterApplication:
    arn: str
    name: str
    instance_arn: str


class TagStore(Protocol):
    """moto's TaggingService, as the tag operations use it (``integrations.tagging``)."""

    def tag_resource(self, arn: str, tags: list[dict[str, str]]) -> None: ...

    def untag_resource_using_names(self, arn: str, tag_names: list[str]) -> None: ...

    def list_tags_for_resource(self, arn: str) -> dict[str, list[dict[str, str]]]: ...

    def get_tag_dict_for_resource(self, arn: str) -> dict[str, str]: ...
