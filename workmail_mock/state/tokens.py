"""Personal access tokens (spec section 10). No API creates them (users do, in the
WorkMail web application), so ``issue`` is what ``workmail_mock.testing`` calls."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any

from workmail_mock.state import runtime
from workmail_mock.state.entities import Entity
from workmail_mock.state.store import OrderedStore

#: The console's default token lifetime (admin guide, personal_access-token).
DEFAULT_LIFETIME_DAYS = 365


@dataclasses.dataclass(eq=False)
class PersonalAccessToken:
    id: str
    user_id: str
    name: str
    scopes: list[str]
    date_created: datetime
    expires_time: datetime
    date_last_used: datetime | None = None

    def view(self) -> dict[str, Any]:
        return {
            "PersonalAccessTokenId": self.id,
            "UserId": self.user_id,
            "Name": self.name,
            "DateCreated": self.date_created,
            "DateLastUsed": self.date_last_used,
            "ExpiresTime": self.expires_time,
            "Scopes": self.scopes,
        }


@dataclasses.dataclass(eq=False)
class PersonalAccessTokens:
    tokens: OrderedStore[PersonalAccessToken] = dataclasses.field(default_factory=OrderedStore)

    def get(self, token_id: str) -> PersonalAccessToken | None:
        return self.tokens.get(token_id)

    def remove(self, token_id: str) -> None:
        self.tokens.remove(token_id)

    def issue(
        self, user_id: str, name: str, scopes: list[str], lifetime_days: int,
        last_used: datetime | None = None,
    ) -> PersonalAccessToken:
        now = runtime.current().now()
        token = PersonalAccessToken(
            runtime.current().uuid4(), user_id, name, list(scopes), now,
            now + timedelta(days=lifetime_days), last_used,
        )
        self.tokens.add(token.id, token)
        return token

    def forget(self, entity: Entity) -> None:
        """A deleted user's tokens go with it (a guess)."""
        for token in list(self.tokens):
            if token.user_id == entity.id:
                self.tokens.remove(token.id)
