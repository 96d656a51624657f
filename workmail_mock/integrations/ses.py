"""moto's SES: WorkMail's mail domains are SES identities of the same account and region.

The API reference says RegisterMailDomain "registers a new domain in WorkMail and SES",
and the test domain ``ALIAS.awsapps.com`` of every organization can send through SES.
Unlike the services WorkMail only *refers* to, WorkMail *writes* these identities, so
SES's backend is made here when the test has not used SES yet (moto keeps backends as
plain in-memory objects; nothing leaves the process).

Verification statuses and DKIM are not copied: moto's SES answers them from WorkMail's
own domain each time it is asked (``wiring/registration.py`` installs that hook), so the
two can't disagree.
"""

from __future__ import annotations

from typing import Any

#: WorkMail's verification statuses, as SES spells them.
SES_STATUS = {"VERIFIED": "Success", "PENDING": "Pending", "FAILED": "Failed"}


def _backend(account_id: str, region: str) -> Any:
    from moto.ses.models import ses_backends

    return ses_backends[account_id][region]


def register_identity(account_id: str, region: str, domain: str) -> None:
    """Make ``domain`` an SES domain identity (kept if it is there already)."""
    backend = _backend(account_id, region)
    name = domain.lower()
    if name not in backend.email_identities:
        backend.verify_domain(name)


def has_identity(account_id: str, region: str, domain: str) -> bool:
    return domain.lower() in _backend(account_id, region).email_identities
