"""workmail_mock: a faithful, model-driven fake of the Amazon WorkMail API.

Three ways in:

- ``@mock_workmail`` / ``with mock_workmail():`` answers ``boto3.client("workmail")``
  in-process;
- once this package is imported, moto's ``mock_aws`` serves WorkMail as well;
- ``python -m workmail_mock`` is moto's server with WorkMail registered.

``docs/architecture.md`` describes the layers.

Simplified compared with the real service: no mail is sent or stored (mailbox sizes
stay 0), DNS is never looked up (domains verify at once, or by moto's state manager),
and where AWS documents no rule the mock's choice is marked "a guess" in the code.
"""

from workmail_mock import dashboard as _dashboard
from workmail_mock.declarative import dump, load
from workmail_mock.models import backend_for, workmail_backends
from workmail_mock.protocol import faults
from workmail_mock.wiring.registration import register as _register
from workmail_mock.wiring.scope import mock_workmail

__version__ = "0.2.0"

_register()
_dashboard.register()

__all__ = [
    "__version__", "backend_for", "dump", "faults", "load", "mock_workmail", "workmail_backends",
]
