"""(to be written: see issue 3)"""

from __future__ import annotations

from workmail_mock.backend.base import BackendState


class MembershipMixin(BackendState):
    """(to be written)"""
