"""The state layer on its own (no boto3, no moto): the directory as the one owner of names
and addresses, entity deletion through the organization's holders, and reads that
change nothing."""

from __future__ import annotations

import pytest

from workmail_mock.errors import (
    EntityNotFoundException,
    EntityStateException,
    InvalidParameterException,
    NameAvailabilityException,
    ReservedNameException,
)
from workmail_mock.state.entities import Group, Resource, User
from workmail_mock.state.kinds import EntityState, OrganizationState
from workmail_mock.state.organization import Organization
from workmail_mock.state.runtime import PlainRuntime


def _org() -> Organization:
    return Organization(
        id="m-" + "1" * 32, alias="unit", arn="arn", directory_id="d-0000000000",
        directory_type="VpcDirectory", external_directory=False,
        default_mail_domain="unit.awsapps.com",
    )


def test_names_are_unique_across_kinds_and_reserved_names_are_refused() -> None:
    org = _org()
    org.directory.add(User(id="u1-000000000", name="alice"))
    with pytest.raises(NameAvailabilityException):
        org.directory.add(Group(id="g1-000000000", name="ALICE"))
    with pytest.raises(ReservedNameException):
        org.directory.add(Resource(id="r-1", name="Administrator"))


def test_find_by_id_email_or_name_and_the_errors_it_answers() -> None:
    org = _org()
    alice = User(id="u1-000000000", name="alice")
    org.directory.add(alice)
    org.directory.enable(alice, "alice@unit.awsapps.com")
    for identifier in ("u1-000000000", "ALICE@unit.awsapps.com", "Alice"):
        assert org.directory.find(identifier, User) is alice
    with pytest.raises(EntityNotFoundException, match=r"^Group alice does not exist"):
        org.directory.find("alice", Group)
    with pytest.raises(InvalidParameterException, match=r"^Entity alice is a user, not a group$"):
        org.directory.find("alice", Group, wrong_kind=", not a group")
    with pytest.raises(EntityNotFoundException):
        org.directory.find("alice", User, by_id=True)


def test_the_directory_alone_owns_addresses_and_aliases() -> None:
    org = _org()
    directory = org.directory
    alice = User(id="u1-000000000", name="alice")
    directory.add(alice)
    directory.enable(alice, "alice@unit.awsapps.com")
    directory.add_alias(alice, "a@unit.awsapps.com")
    directory.set_primary(alice, "a@unit.awsapps.com")  # swap with an alias
    assert alice.email == "a@unit.awsapps.com"
    assert list(directory.aliases_of(alice)) == ["alice@unit.awsapps.com"]
    assert directory.addresses_in("unit.awsapps.com") == 2
    directory.disable(alice)
    assert alice.email is None and not list(directory.aliases_of(alice))
    assert directory.addresses_in("unit.awsapps.com") == 0 and not directory.addresses


def test_renaming_onto_an_own_alias_leaves_no_stale_alias() -> None:
    org = _org()
    room = Resource(id="r-1", name="room")
    org.directory.add(room)
    org.directory.enable(room, "room@unit.awsapps.com")
    org.directory.add_alias(room, "hall@unit.awsapps.com")
    org.directory.rename_primary(room, "hall@unit.awsapps.com")
    assert room.email == "hall@unit.awsapps.com"
    assert list(org.directory.aliases_of(room)) == []
    assert org.directory.holder_of("room@unit.awsapps.com") is None


def test_deleting_an_entity_reaches_every_holder() -> None:
    org = _org()
    alice, team, room = User(id="u1-000000000", name="alice"), Group(id="g1", name="team"), \
        Resource(id="r-1", name="room")
    for entity in (alice, team, room):
        org.directory.add(entity)
    org.memberships.add(team, alice)
    org.delegates.add(room, alice)
    org.directory.enable(team, "team@unit.awsapps.com")
    org.permissions.grant(team, alice, ["FULL_ACCESS"])
    with pytest.raises(EntityStateException, match=r"^Group g1 is in state ENABLED"):
        org.delete_entity(team)
    org.delete_entity(alice)
    assert alice.state == EntityState.DELETED
    assert not list(org.memberships.members_of(team))
    assert not list(org.delegates.delegates_of(room))
    assert not list(org.permissions.of_mailbox(team))
    assert org.directory.resolve("alice") is None  # the name is free


def test_reading_an_organization_changes_nothing() -> None:
    """State is a plain attribute; only refresh()/observe() let a progression move."""
    org = _org()
    calls = []

    class Counting:
        def settle(self) -> str | None:
            calls.append("settle")
            return "Creating"

        def advance(self) -> None:
            calls.append("advance")

    org.lifecycle = Counting()
    calls.clear()
    for _ in range(3):
        assert org.state == OrganizationState.ACTIVE
    assert calls == []
    org.state = OrganizationState.CREATING  # a state the progression may still leave
    org.observe()
    org.observe()
    assert calls == ["settle", "advance", "settle"]
    assert org.state == OrganizationState.CREATING


def test_the_plain_runtime_draws_well_formed_ids() -> None:
    runtime = PlainRuntime()
    assert len(runtime.random_hex(32)) == 32
    assert runtime.uuid4().count("-") == 4
    assert runtime.progression("m", [("A", "B")]).settle() == "B"
