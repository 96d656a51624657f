"""WorkMail in moto's dashboard (``/moto-api/``) and ``/moto-api/data.json``.

moto lists there the instances of its ``BaseModel`` classes, from
``moto.core.model_instances.model_data``. workmail_mock's state is not made of moto models,
so ``register()`` adds live entries under ``"workmail"``: organizations, users, groups,
resources and mail domains of every account and region, read through
``workmail_mock.testing.inspection`` each time moto asks.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator

from workmail_mock.testing import inspection


class _LiveModel:
    """What moto's ``model_data`` expects of a model class: ``instances_tracked``."""

    def __init__(self, read: Callable[[], Iterator[types.SimpleNamespace]]) -> None:
        self._read = read

    @property
    def instances_tracked(self) -> list[types.SimpleNamespace]:
        return list(self._read())

    @instances_tracked.setter
    def instances_tracked(self, value: object) -> None:
        """moto's reset empties its lists; WorkMail's state is reset by its backend."""


def _organizations() -> Iterator[types.SimpleNamespace]:
    for region in inspection.state():
        for org in region.organizations:
            yield types.SimpleNamespace(
                account=org.account, region=org.region, id=org.id, alias=org.alias,
                arn=org.arn, state=org.state, directory_id=org.directory_id,
                directory_type=org.directory_type,
                default_mail_domain=org.default_mail_domain,
                domains=[domain.name for domain in org.domains], users=len(org.users),
                groups=len(org.groups), resources=len(org.resources),
            )


def _entities(kind: str) -> Callable[[], Iterator[types.SimpleNamespace]]:
    def read() -> Iterator[types.SimpleNamespace]:
        for region in inspection.state():
            for org in region.organizations:
                listed = {"USER": org.users, "GROUP": org.groups, "RESOURCE": org.resources}
                for entity in listed[kind]:
                    yield types.SimpleNamespace(
                        account=org.account, region=org.region, organization_id=org.id,
                        id=entity.id, name=entity.name, email=entity.email,
                        state=entity.state, aliases=list(entity.aliases),
                        members=list(org.members.get(entity.id, ())),
                    )

    return read


def _domains() -> Iterator[types.SimpleNamespace]:
    for region in inspection.state():
        for org in region.organizations:
            for domain in org.domains:
                yield types.SimpleNamespace(
                    account=org.account, region=org.region, organization_id=org.id,
                    name=domain.name, is_default=domain.is_default,
                    is_test_domain=domain.is_test_domain,
                    ownership_verification_status=domain.ownership_verification_status,
                    dkim_verification_status=domain.dkim_verification_status,
                )


def register() -> None:
    from moto.core.model_instances import model_data

    models = model_data["workmail"]
    models["Organization"] = _LiveModel(_organizations)
    models["User"] = _LiveModel(_entities("USER"))
    models["Group"] = _LiveModel(_entities("GROUP"))
    models["Resource"] = _LiveModel(_entities("RESOURCE"))
    models["MailDomain"] = _LiveModel(_domains)
