"""State and business rules of the fake WorkMail service: no HTTP, no JSON.

One module per area (organizations, domains, groups, resources, ...); each holds its
domain dataclasses and a mixin of operations. ``workmail_mock.models`` composes them
into the backend class moto stores per account and region.
"""
