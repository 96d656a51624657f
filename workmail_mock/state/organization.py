"""The Organization aggregate: one WorkMail organization and everything it holds."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Protocol

from workmail_mock.errors import EntityStateException, InvalidParameterException
from workmail_mock.state import runtime
from workmail_mock.state.delegates import Delegates
from workmail_mock.state.directory import EntityDirectory
from workmail_mock.state.domains import MailDomain
from workmail_mock.state.entities import Entity
from workmail_mock.state.exports import ExportJobs
from workmail_mock.state.kinds import EntityState, OrganizationState
from workmail_mock.state.mailboxes import MailboxPermissions
from workmail_mock.state.membership import Memberships
from workmail_mock.state.messages import Mail
from workmail_mock.state.policies import Policies
from workmail_mock.state.runtime import Progression
from workmail_mock.state.settings import Settings
from workmail_mock.state.store import OrderedStore
from workmail_mock.state.tokens import PersonalAccessTokens

#: Progression model names; tests opt into realistic progressions with
#: ``state_manager.set_transition(ORGANIZATION_MODEL, {"progression": "manual", "times": 1})``.
ORGANIZATION_MODEL = "workmail::organization"
DELETION_MODEL = "workmail::organization-deletion"
_LIFECYCLE = [("Requested", "Creating"), ("Creating", "Active")]
_DELETION = [("Deleting", "Deleted")]


class Holder(Protocol):
    """A part of an organization that refers to entities."""

    def forget(self, entity: Entity) -> None:
        """Drop every reference to an entity that is being deleted."""

#: DescribeOrganization's DirectoryType for an organization with its own directory, as
#: the AWS CLI example of describe-organization shows it (other values are undocumented).
WORKMAIL_DIRECTORY_TYPE = "VpcDirectory"

GONE = (OrganizationState.DELETING, OrganizationState.DELETED)
_FINAL = (OrganizationState.ACTIVE, OrganizationState.DELETED)


def _lifecycle() -> Progression:
    return runtime.current().progression(ORGANIZATION_MODEL, _LIFECYCLE)


@dataclasses.dataclass(eq=False)
class Organization:
    """A WorkMail organization. It owns every area's state; ``holders`` lists the parts
    that keep references to entities, so that deleting one reaches all of them."""

    id: str
    alias: str
    arn: str
    directory_id: str
    directory_type: str
    #: True when the directory belongs to moto's Directory Service backend.
    external_directory: bool
    default_mail_domain: str
    kms_key_arn: str | None = None
    interoperability_enabled: bool = False
    state: OrganizationState = OrganizationState.REQUESTED
    #: When the organization became Active.
    completed_date: datetime | None = None
    lifecycle: Progression = dataclasses.field(default_factory=_lifecycle, repr=False)
    deletion: Progression | None = dataclasses.field(default=None, repr=False)
    #: The progression a Describe/List read saw last (see ``observe``).
    read_before: Progression | None = dataclasses.field(default=None, repr=False)
    domains: OrderedStore[MailDomain] = dataclasses.field(default_factory=OrderedStore)
    directory: EntityDirectory = dataclasses.field(init=False)
    memberships: Memberships = dataclasses.field(default_factory=Memberships)
    delegates: Delegates = dataclasses.field(default_factory=Delegates)
    permissions: MailboxPermissions = dataclasses.field(default_factory=MailboxPermissions)
    settings: Settings = dataclasses.field(default_factory=Settings)
    exports: ExportJobs = dataclasses.field(default_factory=ExportJobs)
    tokens: PersonalAccessTokens = dataclasses.field(default_factory=PersonalAccessTokens)
    #: In-transit messages and mailbox contents (``state.messages``).
    mail: Mail = dataclasses.field(default_factory=Mail)
    #: Access control, mobile device access and impersonation.
    policies: Policies = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        self.directory = EntityDirectory(self.id)
        self.policies = Policies(self.id)
        self.refresh()

    @property
    def organization_id(self) -> str:
        return self.id

    @property
    def read_only(self) -> bool:
        """An AD Connector directory is read-only for WorkMail (users and groups come
        from the on-premises AD)."""
        return self.external_directory and self.directory_type == "ADConnector"

    @property
    def holders(
        self,
    ) -> tuple[Holder, ...]:
        """Every part that refers to entities; the directory last, as it marks the entity
        DELETED and drops its names and addresses."""
        return (
            self.memberships, self.delegates, self.permissions, self.policies, self.tokens,
            self.mail, self.directory,
        )

    # --- lifecycle --------------------------------------------------------------------

    def refresh(self) -> OrganizationState:
        """Take the state the progressions have reached now. Active (with no deletion) and
        Deleted are final: nothing moves any more, so there is nothing to ask."""
        if self.state in _FINAL and (self.deletion is None) == (self.state == "Active"):
            return self.state
        lifecycle = self.lifecycle.settle() or "Active"
        if lifecycle == "Active" and self.completed_date is None:
            self.completed_date = runtime.current().now()
        if self.deletion is not None:
            self.state = OrganizationState(self.deletion.settle() or "Deleted")
        else:
            self.state = OrganizationState(lifecycle)
        return self.state

    def observe(self) -> OrganizationState:
        """The state one read (Describe/List) reports.

        A read counts towards a manual progression only once the next read starts, so the
        state stays put between reads: with ``times`` 1, successive reads show Requested,
        Creating, Active, and the operations in between see the state last reported.
        """
        machine = self.deletion or self.lifecycle
        if self.read_before is machine:
            machine.advance()
        self.read_before = machine
        return self.refresh()

    def start_deletion(self) -> None:
        self.deletion = runtime.current().progression(DELETION_MODEL, _DELETION)
        self.refresh()

    # --- entities ---------------------------------------------------------------------

    def delete_entity(self, entity: Entity) -> None:
        """DeleteUser / DeleteGroup / DeleteResource: the entity must be DISABLED; it then
        stays listed as DELETED, without its name, addresses and references.

        The DISABLED rule is documented for users; a guess for groups and resources
        (docs/aws-behaviour.md section 6).
        """
        if entity.state != EntityState.DISABLED:
            raise EntityStateException(
                f"{entity.LABEL} {entity.id} is in state {entity.state}; only a DISABLED "
                f"{entity.noun} can be deleted (deregister it from WorkMail first)"
            )
        for holder in self.holders:
            holder.forget(entity)

    def check_domains_are_new(self, names: list[str]) -> None:
        if len({n.lower() for n in names}) != len(names):
            raise InvalidParameterException(f"Domains lists a domain twice: {names}")
