"""Domain objects and their invariants: no HTTP, no JSON, no moto.

``Organization`` is the aggregate that owns every area's state (the entity directory,
mail domains, memberships, delegates, mailbox permissions); ``RegionState`` holds the
organizations, quotas and client tokens of one account in one region. moto's
progressions, clock and seeded ids come in through ``state.runtime``, the one adapter,
installed by ``workmail_mock.wiring.registration``.
"""
