"""The only code that touches other moto services (Directory Service, KMS) and moto's
runtime (state manager, clock, seeded random).

One rule decides whether another service is "in use": moto has imported its backend
module and holds a backend for the account and region (``backend_in_use``). A service a
test never used holds nothing, so:

- a reference that WorkMail only *uses* (a KMS key) is checked against moto when the
  service is in use, and accepted as given otherwise;
- a thing WorkMail needs to *find* (a Directory Service directory, with its alias and
  type) exists only when moto's service holds it.
"""

from __future__ import annotations

import sys
from typing import Any


def backend_in_use(module_name: str, backends_name: str, account_id: str, region: str) -> Any:
    """moto's backend of a service for an account and region, or None when the test never
    used that service there (nothing is created by asking)."""
    module = sys.modules.get(module_name)
    if module is None:
        return None
    backends = getattr(module, backends_name)
    if account_id not in list(backends.keys()):
        return None
    by_region = backends[account_id]
    if region not in list(by_region.keys()):
        return None
    return by_region[region]
