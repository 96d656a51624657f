"""Mail that reaches an organization: delivery to mailboxes (users, groups expanded to
their members, resources), and how moto's SES sees the organization's domains.

No WorkMail operation is here: ``workmail_mock.testing`` (the delivery API and the email
flow harness) and the SES hooks (``wiring/mail.py``) call these functions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from email.utils import getaddresses
from typing import Any

from workmail_mock.integrations.ses import SES_STATUS
from workmail_mock.state.entities import Entity, Group, Resource, User
from workmail_mock.state.kinds import EntityState
from workmail_mock.state.organization import Organization
from workmail_mock.state.region import RegionState

_MB = 1024 * 1024

#: ``(account, region, organization id, MIME, recipients) -> handled``: the inbound email
#: flow a test registered (``workmail_mock.testing.register_email_flow``); mail arriving
#: through SES goes through it instead of straight to the mailboxes.
InboundFlow = Callable[[str, str, str, bytes, list[str]], bool]
_inbound_flows: list[InboundFlow] = []


def install_inbound_flow(flow: InboundFlow | None) -> None:
    """Set (or, with None, remove) the inbound flow mail from SES goes through."""
    _inbound_flows.clear()
    if flow is not None:
        _inbound_flows.append(flow)


def inbound_flow() -> InboundFlow | None:
    return _inbound_flows[0] if _inbound_flows else None


@dataclasses.dataclass
class Delivery:
    """What happened to one message: accepted recipients (address -> the ids of the
    mailboxes it reached) and bounced addresses."""

    accepted: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    bounced: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"Accepted": dict(self.accepted), "Bounced": list(self.bounced)}


def addresses(values: list[str]) -> list[str]:
    """Plain addresses of header-style values (``"Name <a@b>"`` -> ``a@b``)."""
    return [address for _, address in getaddresses(values) if address]


def _mailboxes(org: Organization, entity: Entity) -> list[Entity]:
    """The enabled mailboxes an address of ``entity`` reaches: itself, or a group's
    enabled members at any depth."""
    if not isinstance(entity, Group):
        return [entity] if entity.state == EntityState.ENABLED else []
    found: dict[str, Entity] = {}
    seen: set[str] = set()
    pending: list[Entity] = [entity]
    while pending:
        current = pending.pop()
        if current.id in seen:
            continue
        seen.add(current.id)
        for member in org.memberships.members_of(current) if isinstance(current, Group) else ():
            if isinstance(member, Group):
                pending.append(member)
            elif member.state == EntityState.ENABLED:
                found.setdefault(member.id, member)
    return list(found.values())


def deliver(
    org: Organization, content: bytes, recipients: list[str], folder: str = "Inbox"
) -> Delivery:
    """Deliver MIME content to recipients of the organization; unknown or disabled
    recipients (and groups without enabled members) bounce."""
    delivery = Delivery()
    reached: dict[str, Entity] = {}
    for address in recipients:
        entity = org.directory.holder_of(address)
        targets = _mailboxes(org, entity) if entity is not None else []
        if entity is None or entity.state != EntityState.ENABLED or not targets:
            delivery.bounced.append(address)
            continue
        delivery.accepted[address] = [t.id for t in targets]
        for target in targets:
            reached.setdefault(target.id, target)
    for target in reached.values():
        org.mail.deliver(target.id, content, folder)
        if isinstance(target, User):
            target.mailbox_size = org.mail.mailbox_bytes(target.id) / _MB
    return delivery


def ses_view(region: RegionState, identity: str, observe: bool) -> dict[str, Any] | None:
    """How SES sees a WorkMail domain: its verification and DKIM, from WorkMail's own
    statuses and records; None when no organization holds the domain. ``observe`` counts
    the read towards an opt-in (manual) verification progression, as GetMailDomain does."""
    org = region.domain_holder(identity, None)
    if org is None:
        return None
    domain = org.domains.get(identity.lower())
    if domain is None:
        return None
    if observe:
        domain.observe()
    else:
        domain.refresh()
    token = next(
        (r.value for r in domain.records
         if r.type == "TXT" and r.hostname.startswith("_amazonses.")),
        None,
    )
    dkim = [
        r.hostname.split("._domainkey.", 1)[0]
        for r in domain.records
        if r.type == "CNAME" and "._domainkey." in r.hostname
    ]
    return {
        "VerificationStatus": SES_STATUS.get(domain.ownership_verification_status, "Pending"),
        "VerificationToken": token,
        "DkimVerificationStatus": SES_STATUS.get(domain.dkim_verification_status, "Pending"),
        "DkimTokens": dkim,
        "Verified": domain.verified,
    }


# --- the test controls (``workmail_mock.testing`` and the server's mail endpoint) -------


def control(region: RegionState, request: dict[str, Any]) -> dict[str, Any]:
    """One test-control request on a region's state, as plain JSON-able data:

    - ``{"Action": "Deliver", "OrganizationId", "Content" (base64), "Recipients"?,
      "Folder"?}`` -> ``{"Accepted": {address: [entity ids]}, "Bounced": [addresses]}``;
    - ``{"Action": "PutInTransit", "OrganizationId", "Content", "Frozen"?}`` ->
      ``{"MessageId"}``;
    - ``{"Action": "GetInTransit", "MessageId"}`` -> ``{"Content"}`` (404 error if gone);
    - ``{"Action": "ListMailbox", "OrganizationId", "EntityId"}`` -> ``{"Messages":
      [{"Content", "Folder", "Received"}]}``.
    """
    import base64

    from workmail_mock.operations.messageflow import find_message
    from workmail_mock.state.messages import parse

    action = request["Action"]
    if action == "GetInTransit":
        message = find_message(region, request["MessageId"])
        return {"Content": base64.b64encode(message.content).decode()}
    org = region.organization(request["OrganizationId"])
    if action == "Deliver":
        content = base64.b64decode(request["Content"])
        recipients = request.get("Recipients")
        if recipients is None:
            parsed = parse(content)
            recipients = addresses(
                [str(v) for name in ("To", "Cc") for v in parsed.get_all(name) or []]
            )
        return deliver(org, content, list(recipients), request.get("Folder", "Inbox")).to_dict()
    if action == "PutInTransit":
        message = org.mail.add_in_transit(
            org.id, base64.b64decode(request["Content"]), bool(request.get("Frozen", False))
        )
        return {"MessageId": message.message_id}
    if action == "ListMailbox":
        entity = org.directory.find(
            request["EntityId"], (User, Group, Resource), operation="ListMailbox"
        )
        return {
            "Messages": [
                {
                    "Content": base64.b64encode(item.content).decode(),
                    "Folder": item.folder,
                    "Received": item.received.isoformat(),
                }
                for item in org.mail.mailbox(entity.id)
            ]
        }
    raise ValueError(f"unknown mail control action {action!r}")
