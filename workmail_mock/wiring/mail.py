"""What moto's SES does with WorkMail's domains and mailboxes (installed on moto's
``SESBackend`` by ``wiring/registration.py``, the only module that patches moto):

- GetIdentityVerificationAttributes and GetIdentityDkimAttributes answer a WorkMail
  domain's statuses from the WorkMail domain itself (``VERIFIED`` -> ``Success``,
  ``PENDING`` -> ``Pending``), DKIM tokens from the records GetMailDomain lists; a read
  counts towards the opt-in realistic progression, as a GetMailDomain read does;
- sending from an address of a WorkMail domain that is not verified yet is refused, as
  SES refuses an unverified identity;
- a message SES sent (moto keeps its own record of it) is delivered to the mailboxes of
  the recipients that are addresses of an organization of the same account and region,
  through the inbound email flow a test registered for that organization, if any.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Any

from workmail_mock.operations.mail import deliver, inbound_flow, ses_view
from workmail_mock.state.region import LOCK, RegionState


def _region(account_id: str, region: str) -> RegionState | None:
    """WorkMail's state of an account and region, without making one: the in-process one
    under a mock, else that of moto's server in this process (``current_backends``),
    whichever way the SES request came in."""
    from workmail_mock.models import current_backends

    backends = current_backends()
    if account_id not in list(backends.keys()):
        return None
    by_region = backends[account_id]
    if region not in list(by_region.keys()):
        return None
    state: RegionState = by_region[region]
    return state


def _rewrite(
    backend: Any,
    answer: dict[str, dict[str, Any]],
    observe: bool,
    shown: tuple[tuple[str, bool], ...],
    fixed: dict[str, Any],
) -> None:
    """Replace moto's attributes of each identity that is a WorkMail domain with the
    members ``shown`` of the domain's SES view (those marked True only when not empty)."""
    state = _region(backend.account_id, backend.region_name)
    if state is None:
        return
    with LOCK:
        for identity in list(answer):
            view = ses_view(state, identity, observe=observe)
            if view is not None:
                answer[identity] = {
                    **fixed,
                    **{name: view[name] for name, optional in shown
                       if view[name] or not optional},
                }


def verification_attributes(backend: Any, answer: dict[str, dict[str, Any]]) -> None:
    _rewrite(backend, answer, True,
             (("VerificationStatus", False), ("VerificationToken", True)), {})


def dkim_attributes(backend: Any, answer: dict[str, dict[str, Any]]) -> None:
    _rewrite(backend, answer, False,
             (("DkimVerificationStatus", False), ("DkimTokens", True)), {"DkimEnabled": True})


def may_send_from(backend: Any, source: str) -> bool:
    """False when the sender's domain is a WorkMail domain that is not verified yet."""
    state = _region(backend.account_id, backend.region_name)
    if state is None:
        return True
    _, address = parseaddr(source)
    domain = address.rsplit("@", 1)[-1]
    with LOCK:
        view = ses_view(state, domain, observe=False)
    return view is None or bool(view["Verified"])


def raw_sender(source: str | None, raw_data: str) -> str:
    """The address SendRawEmail sends from: ``Source``, else the message's From."""
    if source:
        return parseaddr(source)[1]
    for line in raw_data.splitlines():
        if not line.strip():
            break
        if line.lower().startswith("from:"):
            return parseaddr(line[5:].strip())[1]
    return ""


def mime_of_simple(
    source: str, subject: str, body: str, destinations: dict[str, list[str]]
) -> bytes:
    """The MIME message SES builds for SendEmail (text body; HTML when it looks like it)."""
    message = EmailMessage()
    message["From"] = source
    for header, key in (("To", "ToAddresses"), ("Cc", "CcAddresses")):
        if destinations.get(key):
            message[header] = ", ".join(destinations[key])
    message["Subject"] = subject
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain="amazonses.com")
    subtype = "html" if body.lstrip().startswith("<") else "plain"
    message.set_content(body, subtype=subtype)
    return bytes(message)


def deliver_sent(backend: Any, content: bytes, recipients: list[str]) -> None:
    """Deliver what SES sent to the WorkMail mailboxes among its recipients, through the
    inbound email flow a test registered for the organization, if any (run outside the
    lock: the flow's handler calls the APIs itself)."""
    state = _region(backend.account_id, backend.region_name)
    if state is None:
        return
    with LOCK:
        by_org: dict[str, list[str]] = {}
        for recipient in recipients:
            _, address = parseaddr(recipient)
            for org in state.organizations:
                if org.state == "Active" and org.directory.holder_of(address) is not None:
                    if address not in by_org.get(org.id, []):
                        by_org.setdefault(org.id, []).append(address)
                    break
    flow = inbound_flow()
    for org_id, addresses in by_org.items():
        if flow is not None and flow(
            backend.account_id, backend.region_name, org_id, content, addresses
        ):
            continue
        with LOCK:
            deliver(state.organization(org_id), content, addresses)
