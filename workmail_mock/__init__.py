"""workmail_mock: a faithful, model-driven fake of the Amazon WorkMail API.

Three ways in:

- ``@mock_workmail`` / ``with mock_workmail():`` answers ``boto3.client("workmail")``
  in-process;
- once this package is imported, moto's ``mock_aws`` serves WorkMail as well;
- ``python -m workmail_mock`` is moto's server with WorkMail registered.

``docs/architecture.md`` describes the layers.

The second API Lambda functions of email flow rules use, ``workmailmessageflow``, is
served the same three ways; ``workmail_mock.testing`` delivers mail and runs flow handlers.

Simplified compared with the real service: mail exists only as tests deliver it (through
``workmail_mock.testing`` or moto's SES), DNS is never looked up (domains verify at once,
or by moto's state manager), and where AWS documents no rule the mock's choice is marked
"a guess" in the code.
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
