"""(to be written: see issue 3)"""

from __future__ import annotations

from workmail_mock.backend.base import BackendState


class AddressesMixin(BackendState):
    """(to be written)"""
