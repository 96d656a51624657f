"""Inbound DMARC enforcement (spec section 7): on for new organizations."""

from __future__ import annotations

from workmail_mock.operations.registry import Call, operation


@operation("PutInboundDmarcSettings")
def put_inbound_dmarc_settings(call: Call, enforced: bool) -> None:
    call.org.settings.dmarc_enforced = enforced


@operation("DescribeInboundDmarcSettings")
def describe_inbound_dmarc_settings(call: Call) -> dict[str, bool]:
    return {"Enforced": call.org.settings.dmarc_enforced}
