"""Everything workmail_mock does to plug into moto and botocore, in one place.

moto has no plugin API, so this touches moto internals (tested on moto >=5.1,<6):
- ``moto.backend_index.backend_url_patterns`` gets WorkMail's URL pattern, so moto's
  stubber (``mock_aws``) and server route ``workmail.REGION.amazonaws.com`` to us;
- ``sys.modules["moto.workmail"]`` aliases ``workmail_mock.models``, where moto's
  ``get_backend("workmail")`` (server app, ``/moto-api/reset``) looks for ``workmail_backends``;
- moto's server routes unsigned requests by X-Amz-Target prefix through
  ``UNSIGNED_REQUESTS``: ``WorkMailService`` is added there;
- botocore's ``BUILTIN_HANDLERS`` gets the in-process ``before-send`` handler.
``register()`` is idempotent and thread-safe; ``import workmail_mock`` calls it.
"""

from __future__ import annotations

import re
import sys
import threading

_lock = threading.Lock()
_done = False

SERVICE = "workmail"
URL_PATTERN = re.compile(r"https?://workmail\.(.+)\.amazonaws\.com")


def register() -> None:
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        import moto.backend_index as backend_index
        from botocore.handlers import BUILTIN_HANDLERS

        import workmail_mock.models as models
        from workmail_mock.core import interception

        if not any(name == SERVICE for name, _ in backend_index.backend_url_patterns):
            backend_index.backend_url_patterns.append((SERVICE, URL_PATTERN))
        sys.modules.setdefault(f"moto.{SERVICE}", models)
        if (interception.EVENT, interception.before_send) not in BUILTIN_HANDLERS:
            BUILTIN_HANDLERS.append((interception.EVENT, interception.before_send))
        register_unsigned_routing()
        _done = True


def register_unsigned_routing() -> None:
    """Teach moto's server that ``X-Amz-Target: WorkMailService.*`` means WorkMail.

    Only possible when moto's server extras (Flask) are installed; without them there is
    no server to teach.
    """
    try:
        from moto.moto_server import werkzeug_app
    except ImportError:
        return
    werkzeug_app.UNSIGNED_REQUESTS.setdefault("WorkMailService", (SERVICE, "us-east-1"))
