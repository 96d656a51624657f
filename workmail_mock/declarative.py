"""Declarative state: ``workmail_mock.load(path_or_dict)`` and ``workmail_mock.dump()``.

The format (JSON; YAML too when PyYAML is installed) is described by the JSON Schema
shipped as ``workmail_mock/schemas/state.schema.json``: organizations by account and
region, with their mail domains (and DNS records), users, groups and resources, their
primary addresses and aliases, group members and resource delegates. Ids are kept, so
``load(dump())`` gives back the same organizations, entities and ids. Not covered (yet):
organization settings, policies, mailbox permissions, export jobs, tokens and tags.

``load`` validates first and raises ``StateFileError`` naming the place in the file
(``$.accounts['123456789012']['us-east-1'].organizations[0].alias``); then it replaces the
whole WorkMail state.
"""

from __future__ import annotations

import json
import os
import pathlib
import tempfile
from collections.abc import Mapping
from importlib import resources
from typing import Any

from workmail_mock.state.directory import EntityDirectory
from workmail_mock.state.domains import DnsRecord, MailDomain
from workmail_mock.state.entities import Entity, Group, Resource, User
from workmail_mock.state.kinds import EntityState
from workmail_mock.state.organization import Organization
from workmail_mock.state.region import LOCK, RegionState

FORMAT = "workmail_mock/state@1"


class StateFileError(ValueError):
    """A state file that does not fit the schema, or that contradicts itself."""


def schema() -> dict[str, Any]:
    text = resources.files("workmail_mock").joinpath("schemas/state.schema.json").read_text()
    return dict(json.loads(text))


def dump(*, server: bool | None = None) -> dict[str, Any]:
    """The WorkMail state as a dict of the documented format: the in-process state under
    a mock, else that of moto's server in this process (``models.current_backends``)."""
    accounts: dict[str, Any] = {}
    with LOCK:
        for account, regions in list(_backends(server).items()):
            for region, backend in list(regions.items()):
                if len(backend.organizations):
                    accounts.setdefault(account, {})[region] = {
                        "organizations": [_dump_org(org) for org in backend.organizations]
                    }
    return {"format": FORMAT, "accounts": accounts}


def _backends(server: bool | None) -> Any:
    """The state ``server`` names (``models.backend_for``'s rule when None)."""
    from workmail_mock.models import current_backends, server_backends, workmail_backends

    if server is None:
        return current_backends()
    return server_backends if server else workmail_backends


def dump_to(path: str | os.PathLike[str], *, server: bool | None = None) -> None:
    """Write ``dump()`` to ``path`` atomically (a temporary file renamed over it)."""
    target = pathlib.Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w") as out:
            json.dump(dump(server=server), out, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        pathlib.Path(temporary).unlink(missing_ok=True)
        raise


def load(
    source: str | os.PathLike[str] | Mapping[str, Any], *, server: bool | None = None
) -> None:
    """Replace the WorkMail state with the one in ``source`` (a path or a dict)."""
    data = _read(source) if not isinstance(source, Mapping) else dict(source)
    _validate(data)
    from workmail_mock.models import backend_for, server_backends

    backends = _backends(server)
    backends.wipe()
    try:
        with LOCK:
            for account, regions in data["accounts"].items():
                for region, content in regions.items():
                    backend = backend_for(account, region, server=backends is server_backends)
                    for index, org in enumerate(content["organizations"]):
                        where = f"$.accounts['{account}']['{region}'].organizations[{index}]"
                        _load_org(backend, org, where)
    except BaseException:
        backends.wipe()
        raise


def _read(path: str | os.PathLike[str]) -> dict[str, Any]:
    text = pathlib.Path(path).read_text()
    if str(path).endswith((".yaml", ".yml")):
        import yaml  # PyYAML: moto[server] brings it

        return dict(yaml.safe_load(text))
    return dict(json.loads(text))


def _validate(data: dict[str, Any]) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise StateFileError(f"{error.json_path}: {error.message}")


def _dump_entity(org: Organization, entity: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": entity.id, "name": entity.name, "email": entity.email,
        "state": entity.state.value,
        "aliases": list(org.directory.aliases_of(entity)),
        "hidden_from_global_address_list": entity.hidden_from_global_address_list,
    }
    if isinstance(entity, User):
        out.update(
            role=entity.user_role, display_name=entity.display_name,
            first_name=entity.first_name, last_name=entity.last_name,
            password_hash=entity.password_hash,
        )
    elif isinstance(entity, Group):
        out["members"] = [m.id for m in org.memberships.members_of(entity)]
    elif isinstance(entity, Resource):
        out.update(
            type=entity.resource_type, description=entity.description,
            delegates=[d.id for d in org.delegates.delegates_of(entity)],
        )
    return out


def _dump_org(org: Organization) -> dict[str, Any]:
    live = [e for e in (*org.directory.users, *org.directory.groups, *org.directory.resources)
            if e.state != EntityState.DELETED]
    return {
        "id": org.id, "alias": org.alias, "state": org.state.value,
        "directory_id": org.directory_id, "directory_type": org.directory_type,
        "external_directory": org.external_directory,
        "default_mail_domain": org.default_mail_domain, "kms_key_arn": org.kms_key_arn,
        "interoperability_enabled": org.interoperability_enabled,
        "domains": [
            {"name": d.domain_name, "hosted_zone_id": d.hosted_zone_id,
             "records": [{"type": r.type, "hostname": r.hostname, "value": r.value}
                         for r in d.records]}
            for d in org.domains if not d.is_test_domain
        ],
        "users": [_dump_entity(org, e) for e in live if isinstance(e, User)],
        "groups": [_dump_entity(org, e) for e in live if isinstance(e, Group)],
        "resources": [_dump_entity(org, e) for e in live if isinstance(e, Resource)],
    }


def _load_org(backend: RegionState, data: dict[str, Any], where: str) -> None:
    alias = data["alias"]
    test_domain = f"{alias}.awsapps.com"
    org = Organization(
        id=data["id"], alias=alias,
        arn=f"arn:aws:workmail:{backend.region_name}:{backend.account_id}:organization/{data['id']}",
        directory_id=data.get("directory_id", "d-" + data["id"][2:12]),
        directory_type=data.get("directory_type", "WorkMailDirectory"),
        external_directory=data.get("external_directory", False),
        default_mail_domain=data.get("default_mail_domain", test_domain),
        kms_key_arn=data.get("kms_key_arn"),
        interoperability_enabled=data.get("interoperability_enabled", False),
    )
    org.domains.add(test_domain.lower(), MailDomain.test_domain(test_domain))
    for domain in data.get("domains", []):
        made = MailDomain.custom(domain["name"], backend.region_name, domain.get("hosted_zone_id"))
        if "records" in domain:
            made.records = [DnsRecord(r["type"], r["hostname"], r["value"])
                            for r in domain["records"]]
        org.domains.add(domain["name"].lower(), made)
    try:
        backend.add(org)
    except Exception as error:
        raise StateFileError(f"{where}: {getattr(error, 'message', error)}") from None
    directory: EntityDirectory = org.directory
    made_entities: dict[str, Entity] = {}
    for kind in ("users", "groups", "resources"):
        for index, item in enumerate(data.get(kind, [])):
            entity: Entity
            if kind == "users":
                user = User(id=item["id"], name=item["name"], user_role=item.get("role", "USER"),
                            display_name=item.get("display_name"),
                            first_name=item.get("first_name"), last_name=item.get("last_name"))
                user.password_hash = item.get("password_hash")
                entity = user
            elif kind == "groups":
                entity = Group(id=item["id"], name=item["name"])
            else:
                entity = Resource(id=item["id"], name=item["name"],
                                  resource_type=item.get("type", "ROOM"),
                                  description=item.get("description"))
            entity.hidden_from_global_address_list = item.get(
                "hidden_from_global_address_list", False
            )
            try:
                directory.add(entity)
                if item.get("email") and item.get("state", "ENABLED") == "ENABLED":
                    directory.enable(entity, item["email"])
                for alias_address in item.get("aliases", []):
                    directory.add_alias(entity, alias_address)
            except Exception as error:
                raise StateFileError(
                    f"{where}.{kind}[{index}]: {getattr(error, 'message', error)}"
                ) from None
            made_entities[entity.id] = entity
    for kind, key in (("groups", "members"), ("resources", "delegates")):
        for index, item in enumerate(data.get(kind, [])):
            for position, other in enumerate(item.get(key, [])):
                member = made_entities.get(other)
                if member is None:
                    raise StateFileError(
                        f"{where}.{kind}[{index}].{key}[{position}]: no entity {other}"
                    )
                owner = made_entities[item["id"]]
                if isinstance(owner, Group):
                    org.memberships.add(owner, member)
                elif isinstance(owner, Resource):
                    org.delegates.add(owner, member)
    if data.get("state") == "Deleted":
        org.start_deletion()
