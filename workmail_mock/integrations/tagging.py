"""moto's TaggingService holds the tags of WorkMail organizations (one per account and
region, keyed by organization ARN), so tags behave as in every other moto service."""

from __future__ import annotations

from moto.utilities.tagging_service import TaggingService


def new_store() -> TaggingService:
    return TaggingService()
