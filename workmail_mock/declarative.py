"""Declarative state: ``workmail_mock.load(path_or_dict)`` and ``workmail_mock.dump()``.

The format (JSON; YAML too when PyYAML is installed) is described by the JSON Schema
shipped as ``workmail_mock/schemas/state.schema.json``: per account and region, the
quotas, the Identity Center applications and the organizations, each with its mail domains
(and DNS records), users, groups and resources (attributes and dates), their primary
addresses and aliases, group members, resource delegates, mailbox permissions, settings
(retention policy, availability configurations, email monitoring, inbound DMARC, identity
provider configuration), policies (access control rules, mobile device access rules and
overrides, impersonation roles and tokens), export jobs, personal access tokens, tags and
mail (in-transit messages and mailboxes; content as base64). Ids and dates (ISO 8601) are
kept, so ``load(dump())`` gives back the same state. Not kept: ClientToken replay records
and the position of manual progressions (a loaded RUNNING export job or PENDING domain
verification starts a new one). Deleted entities are kept, listed as DELETED.

``load`` validates first and raises ``StateFileError`` naming the place in the file
(``$.accounts['123456789012']['us-east-1'].organizations[0].alias``); then it replaces the
whole WorkMail state.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import json
import os
import pathlib
import tempfile
from collections.abc import Mapping
from importlib import resources
from typing import Any, TypeVar

from workmail_mock.rules.impersonation import ImpersonationRule
from workmail_mock.state import runtime
from workmail_mock.state.directory import EntityDirectory
from workmail_mock.state.domains import DnsRecord, MailDomain
from workmail_mock.state.entities import BookingOptions, Entity, Group, Resource, User
from workmail_mock.state.exports import _RUNS, EXPORT_MODEL, ExportJob
from workmail_mock.state.kinds import EntityState
from workmail_mock.state.messages import InTransitMessage, Received
from workmail_mock.state.organization import Organization
from workmail_mock.state.policies import (
    AccessControlRule,
    ImpersonationRole,
    ImpersonationToken,
    MobileDeviceAccessOverride,
    MobileDeviceAccessRule,
    override_key,
)
from workmail_mock.state.quotas import Quotas
from workmail_mock.state.region import LOCK, RegionState
from workmail_mock.state.settings import (
    AvailabilityConfiguration,
    EmailMonitoring,
    IdentityCenterApplication,
    IdentityProviderConfiguration,
    RetentionPolicy,
)
from workmail_mock.state.tokens import PersonalAccessToken

FORMAT = "workmail_mock/state@1"
T = TypeVar("T")


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
                quotas = _plain(backend.quotas)
                if (len(backend.organizations) or backend.identity_center_applications
                        or quotas != _plain(Quotas.from_environment())):
                    accounts.setdefault(account, {})[region] = {
                        "organizations": [_dump_org(backend, org)
                                          for org in backend.organizations],
                        "identity_center_applications": [
                            _plain(app) for app in backend.identity_center_applications.values()
                        ],
                        "quotas": quotas,
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
                    for name, value in content.get("quotas", {}).items():
                        setattr(backend.quotas, name, value)
                    for app in content.get("identity_center_applications", []):
                        made = _build(IdentityCenterApplication, app)
                        backend.identity_center_applications[made.arn] = made
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

        return dict(_dates_as_text(yaml.safe_load(text)))
    return dict(json.loads(text))


def _dates_as_text(value: Any) -> Any:
    """YAML reads ISO 8601 timestamps as datetimes; the format keeps them as text."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value


def _validate(data: dict[str, Any]) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise StateFileError(f"{error.json_path}: {error.message}")


def _encode(value: Any) -> Any:
    """A state value as JSON: dates as ISO 8601 text, bytes as base64, dataclasses as dicts
    of their constructor fields."""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(value)
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def _plain(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The constructor fields of a dataclass (not ``init=False`` ones, not ``skip``)."""
    return {
        field.name: _encode(getattr(obj, field.name))
        for field in dataclasses.fields(obj)
        if field.init and field.name not in skip and not field.name.startswith("_")
    }


def _decode(annotation: str, value: Any) -> Any:
    if value is None:
        return None
    if "datetime" in annotation:
        return datetime.datetime.fromisoformat(value)
    if annotation.startswith("bytes"):
        return base64.b64decode(value)
    if annotation.startswith("tuple"):
        return tuple(value)
    return value


def _build(cls: type[T], data: Mapping[str, Any], **extra: Any) -> T:
    """A dataclass from ``_plain``'s dict (dates and bytes decoded by field type)."""
    kwargs = {
        field.name: _decode(str(field.type), data[field.name])
        for field in dataclasses.fields(cls)  # type: ignore[arg-type]
        if field.init and field.name in data
    }
    kwargs.update(extra)
    return cls(**kwargs)


_ENTITY_KEYS = (
    "id", "name", "email", "state", "hidden_from_global_address_list", "user_role",
    "display_name", "first_name", "last_name", "password_hash", "resource_type",
    "description", "booking_options",
)


def _dump_entity(org: Organization, entity: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": entity.id, "name": entity.name, "email": entity.email,
        "state": entity.state.value,
        "aliases": list(org.directory.aliases_of(entity)),
        "hidden_from_global_address_list": entity.hidden_from_global_address_list,
    }
    details = _plain(entity, _ENTITY_KEYS)
    out["enabled_date"] = details.pop("enabled_date")
    out["disabled_date"] = details.pop("disabled_date")
    if isinstance(entity, User):
        out.update(
            role=entity.user_role, display_name=entity.display_name,
            first_name=entity.first_name, last_name=entity.last_name,
            password_hash=entity.password_hash, details=details,
        )
    elif isinstance(entity, Group):
        out["members"] = [m.id for m in org.memberships.members_of(entity)]
    elif isinstance(entity, Resource):
        out.update(
            type=entity.resource_type, description=entity.description,
            delegates=[d.id for d in org.delegates.delegates_of(entity)],
            booking_options=_plain(entity.booking_options),
        )
    return out


def _dump_org(backend: RegionState, org: Organization) -> dict[str, Any]:
    every = [*org.directory.users, *org.directory.groups, *org.directory.resources]
    settings = org.settings
    policies = org.policies
    tags = backend.tags.get_tag_dict_for_resource(org.arn) if backend.tags is not None else {}
    return {
        "id": org.id, "alias": org.alias, "state": org.state.value,
        "completed_date": _encode(org.completed_date),
        "directory_id": org.directory_id, "directory_type": org.directory_type,
        "external_directory": org.external_directory,
        "default_mail_domain": org.default_mail_domain, "kms_key_arn": org.kms_key_arn,
        "interoperability_enabled": org.interoperability_enabled,
        "domains": [
            {"name": d.domain_name, "hosted_zone_id": d.hosted_zone_id,
             "ownership_verification_status": d.ownership_verification_status,
             "dkim_verification_status": d.dkim_verification_status,
             "records": [{"type": r.type, "hostname": r.hostname, "value": r.value}
                         for r in d.records]}
            for d in org.domains if not d.is_test_domain
        ],
        "users": [_dump_entity(org, e) for e in every if isinstance(e, User)],
        "groups": [_dump_entity(org, e) for e in every if isinstance(e, Group)],
        "resources": [_dump_entity(org, e) for e in every if isinstance(e, Resource)],
        "mailbox_permissions": [
            {"owner": owner, "grantee": p.grantee_id, "permissions": list(p.permission_values)}
            for owner, store in org.permissions.by_owner.items() for p in store
        ],
        "settings": {
            "retention_policy": _encode(settings.retention_policy),
            "availability_configurations": [_plain(a) for a in settings.availability],
            "email_monitoring": _encode(settings.email_monitoring),
            "dmarc_enforced": settings.dmarc_enforced,
            "identity_provider": _encode(settings.identity_provider),
        },
        "policies": {
            "access_control_rules": [_plain(r) for r in policies.access_rules.values()],
            "mobile_device_access_rules": [_plain(r) for r in policies.device_rules.values()],
            "mobile_device_access_overrides": [_plain(o) for o in policies.overrides],
            "impersonation_roles": [_plain(r) for r in policies.roles],
            "impersonation_tokens": [
                {"token": token, **_plain(held)} for token, held in policies.tokens.items()
            ],
        },
        "export_jobs": [_plain(job, ("progression",)) for job in org.exports.jobs],
        "personal_access_tokens": [_plain(token) for token in org.tokens.tokens],
        "tags": dict(tags),
        "mail": {
            "in_transit": [_plain(m) for m in org.mail.in_transit.values()],
            "mailboxes": [
                {"entity": entity_id, "messages": [_plain(item) for item in items]}
                for entity_id, items in org.mail.mailboxes.items()
            ],
        },
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
        for status, progression in (("ownership_verification_status", "ownership"),
                                    ("dkim_verification_status", "dkim")):
            # A finished verification stays as it was; a PENDING one starts again.
            if domain.get(status, "PENDING") != "PENDING":
                setattr(made, progression, None)
                setattr(made, status, domain[status])
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
                if item.get("state") == EntityState.DELETED.value:
                    directory.forget(entity)  # listed as DELETED, its name free again
                _restore_entity(entity, item)
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
    try:
        _load_parts(backend, org, data, made_entities)
    except StateFileError as error:
        raise StateFileError(f"{where}.{error}") from None
    except Exception as error:
        raise StateFileError(f"{where}: {getattr(error, 'message', error)!s}") from None
    if data.get("state") == "Deleted":
        org.start_deletion()
    if "completed_date" in data:
        org.completed_date = _decode("datetime", data["completed_date"])


def _restore_entity(entity: Entity, item: Mapping[str, Any]) -> None:
    """Dates and the remaining attributes of an entity, as dumped."""
    for name in ("enabled_date", "disabled_date"):
        if name in item:
            setattr(entity, name, _decode("datetime", item[name]))
    if isinstance(entity, User):
        types = {f.name: str(f.type) for f in dataclasses.fields(User)}
        for name, value in item.get("details", {}).items():
            setattr(entity, name, _decode(types[name], value))
    if isinstance(entity, Resource) and "booking_options" in item:
        entity.booking_options = _build(BookingOptions, item["booking_options"])


def _load_parts(
    backend: RegionState, org: Organization, data: Mapping[str, Any],
    entities: Mapping[str, Entity],
) -> None:
    """Mailbox permissions, settings, policies, export jobs, tokens, tags and mail."""
    for index, grant in enumerate(data.get("mailbox_permissions", [])):
        owner, grantee = entities.get(grant["owner"]), entities.get(grant["grantee"])
        if owner is None or grantee is None:
            raise StateFileError(f"mailbox_permissions[{index}]: no entity "
                                 f"{grant['owner'] if owner is None else grant['grantee']}")
        org.permissions.grant(owner, grantee, list(grant["permissions"]))
    settings = data.get("settings", {})
    if settings.get("retention_policy") is not None:
        org.settings.retention_policy = _build(RetentionPolicy, settings["retention_policy"])
    for item in settings.get("availability_configurations", []):
        made = _build(AvailabilityConfiguration, item)
        org.settings.availability.add(made.domain_name.lower(), made)
    if settings.get("email_monitoring") is not None:
        org.settings.email_monitoring = _build(EmailMonitoring, settings["email_monitoring"])
    org.settings.dmarc_enforced = settings.get("dmarc_enforced", True)
    if settings.get("identity_provider") is not None:
        org.settings.identity_provider = _build(
            IdentityProviderConfiguration, settings["identity_provider"]
        )
    policies = data.get("policies", {})
    if "access_control_rules" in policies:
        org.policies.access_rules = {
            r["name"]: _build(AccessControlRule, r) for r in policies["access_control_rules"]
        }
    if "mobile_device_access_rules" in policies:
        org.policies.device_rules = {
            r["mobile_device_access_rule_id"]: _build(MobileDeviceAccessRule, r)
            for r in policies["mobile_device_access_rules"]
        }
    for item in policies.get("mobile_device_access_overrides", []):
        made_override = _build(MobileDeviceAccessOverride, item)
        org.policies.overrides.add(
            override_key(made_override.user_id, made_override.device_id), made_override
        )
    for item in policies.get("impersonation_roles", []):
        matchers = tuple(_build(ImpersonationRule, m) for m in item.get("matchers", []))
        role = _build(ImpersonationRole, item, matchers=matchers)
        org.policies.roles.add(role.impersonation_role_id, role)
    for item in policies.get("impersonation_tokens", []):
        org.policies.tokens[item["token"]] = _build(ImpersonationToken, item)
    for item in data.get("export_jobs", []):
        job = _build(ExportJob, item,
                     progression=runtime.current().progression(EXPORT_MODEL, _RUNS))
        org.exports.add(job)
    for item in data.get("personal_access_tokens", []):
        token = _build(PersonalAccessToken, item)
        org.tokens.tokens.add(token.id, token)
    if data.get("tags"):
        if backend.tags is None:
            from workmail_mock.integrations import tagging

            backend.tags = tagging.new_store()
        backend.tags.tag_resource(
            org.arn, [{"Key": k, "Value": v} for k, v in data["tags"].items()]
        )
    mail = data.get("mail", {})
    for item in mail.get("in_transit", []):
        message = _build(InTransitMessage, item)
        org.mail.in_transit[message.message_id] = message
    for box in mail.get("mailboxes", []):
        org.mail.mailboxes[box["entity"]] = [_build(Received, m) for m in box["messages"]]
