"""Everything workmail_mock does to plug into moto and botocore, in one place.

moto has no plugin API, so this touches moto internals (tested on moto >=5.1,<6):
- ``moto.backend_index.backend_url_patterns`` gets WorkMail's URL pattern (first), so moto's
  stubber (``mock_aws``) and server route ``workmail.REGION.amazonaws.com`` to us;
- ``sys.modules["moto.workmail"]`` aliases ``workmail_mock.models``, where moto's
  ``get_backend("workmail")`` (server app, ``/moto-api/reset``) looks for ``workmail_backends``;
- moto's server routes unsigned requests by X-Amz-Target prefix through
  ``UNSIGNED_REQUESTS``: ``WorkMailService`` is added there, and its
  ``DomainDispatcherApplication`` answers WorkMail requests before its own routing;
- botocore's ``BUILTIN_HANDLERS`` gets the in-process ``before-send`` handler;
- the state layer gets moto's clock, random source and state manager
  (``integrations.moto_runtime``), and the dispatcher finds state in moto's backends;
- ``workmailmessageflow`` the same ways: its URL pattern, ``sys.modules[
  "moto.workmailmessageflow"]`` (``workmail_mock.messageflow_models``), a ``before-send``
  handler and the server's early answer (``wiring/messageflow.py``);
- moto's ``SESBackend`` (when moto imports ``moto.ses.models``): WorkMail domains' SES
  verification and DKIM, no sending from a pending WorkMail domain, and delivery of sent
  mail to WorkMail mailboxes (``wiring/mail.py``), around moto's own methods, which still
  run.
``register()`` is idempotent and thread-safe; ``import workmail_mock`` calls it.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import re
import sys
import threading
import types
from collections.abc import Sequence
from typing import Any

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

        import workmail_mock.messageflow_models as messageflow_models
        import workmail_mock.models as models
        from workmail_mock.integrations.moto_runtime import MotoRuntime
        from workmail_mock.protocol import dispatcher
        from workmail_mock.state import runtime
        from workmail_mock.state.quotas import Quotas
        from workmail_mock.wiring import interception, messageflow, scope

        Quotas.from_environment()  # a bad WORKMAIL_MOCK_QUOTA_* fails the import, clearly
        runtime.install(MotoRuntime())
        dispatcher.install_state_source(models.region_state)
        models.workmail_backends.scope_open = scope.depth_positive

        if not any(name == SERVICE for name, _ in backend_index.backend_url_patterns):
            # First, not last: moto's server and stubber try the ~1,250 patterns in order.
            backend_index.backend_url_patterns.insert(0, (SERVICE, URL_PATTERN))
        sys.modules.setdefault(f"moto.{SERVICE}", models)
        if (interception.EVENT, interception.before_send) not in BUILTIN_HANDLERS:
            BUILTIN_HANDLERS.append((interception.EVENT, interception.before_send))
        if not any(name == messageflow.SERVICE for name, _ in backend_index.backend_url_patterns):
            backend_index.backend_url_patterns.insert(
                0, (messageflow.SERVICE, messageflow.URL_PATTERN)
            )
        sys.modules.setdefault(f"moto.{messageflow.SERVICE}", messageflow_models)
        if (messageflow.EVENT, messageflow.before_send) not in BUILTIN_HANDLERS:
            BUILTIN_HANDLERS.append((messageflow.EVENT, messageflow.before_send))
        register_unsigned_routing()
        _after_import(_SES_MODULE, _patch_ses)
        _done = True


def register_unsigned_routing() -> None:
    """Teach moto's server that ``X-Amz-Target: WorkMailService.*`` means WorkMail.

    moto's server module imports Flask (~80 ms), so it is patched when something imports
    it (``moto.server``, ``ThreadedMotoServer``), not by ``import workmail_mock`` itself.
    """
    _after_import(_SERVER_MODULE, _patch_server)


_SERVER_MODULE = "moto.moto_server.werkzeug_app"


def _patch_server(module: types.ModuleType) -> None:
    """Unsigned routing, and WorkMail requests answered before moto's router runs (see
    ``workmail_mock.wiring.server.answer``): for ThreadedMotoServer and ``moto.server``."""
    from workmail_mock.wiring import server

    module.UNSIGNED_REQUESTS.setdefault("WorkMailService", (SERVICE, "us-east-1"))
    app = module.DomainDispatcherApplication
    if getattr(app.__call__, "_workmail_mock", False):
        return
    original = app.__call__
    original_init = app.__init__

    from workmail_mock.wiring import messageflow

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        from workmail_mock import models

        models.server_in_process = True  # backend_for() now means the server's state
        original_init(self, *args, **kwargs)

    def __call__(self: Any, environ: dict[str, Any], start_response: Any) -> Any:
        if server.is_workmail(environ):
            return server.answer(environ, start_response)
        if messageflow.is_messageflow(environ):
            return messageflow.answer(environ, start_response)
        if server.is_control(environ):
            return server.answer_control(environ, start_response)
        return original(self, environ, start_response)

    __call__._workmail_mock = True  # type: ignore[attr-defined]
    app.__call__ = __call__
    app.__init__ = __init__


_SES_MODULE = "moto.ses.models"


def _after_import(name: str, patch: Any) -> None:
    """Call ``patch(module)`` now if ``name`` is imported, else right after its import:
    moto's server module (Flask, ~80 ms) and SES models (~0.3 s) are not something
    ``import workmail_mock`` should pay for a test that never uses them."""
    module = sys.modules.get(name)
    if module is not None:
        patch(module)
    elif not any(isinstance(f, _AfterImportHook) and f.name == name for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterImportHook(name, patch))


class _AfterImportHook(importlib.abc.MetaPathFinder):
    def __init__(self, name: str, patch: Any) -> None:
        self.name = name
        self.patch = patch

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return None
        loader, patch = spec.loader, self.patch

        class _Loader(importlib.abc.Loader):
            def create_module(
                self, spec: importlib.machinery.ModuleSpec
            ) -> types.ModuleType | None:
                return loader.create_module(spec)

            def exec_module(self, module: types.ModuleType) -> None:
                loader.exec_module(module)
                patch(module)

        spec.loader = _Loader()
        return spec


def _patch_ses(module: types.ModuleType) -> None:
    """Wrap moto's SESBackend methods (``wiring/mail.py`` says what each adds); moto's
    own code still runs first, so its records (``sent_messages``) stay as they are."""
    from workmail_mock.wiring import mail

    backend = module.SESBackend
    if getattr(backend, "_workmail_mock", False):
        return
    verification = backend.get_identity_verification_attributes
    dkim = backend.get_identity_dkim_attributes
    send = backend.send_email
    send_raw = backend.send_raw_email

    def get_identity_verification_attributes(self: Any, identities: Any = None) -> Any:
        answer = verification(self, identities)
        mail.verification_attributes(self, answer)
        return answer

    def get_identity_dkim_attributes(self: Any, identities: Any) -> Any:
        answer = dkim(self, identities)
        mail.dkim_attributes(self, answer)
        return answer

    def send_email(self: Any, source: str, subject: str, body: str, destinations: Any) -> Any:
        if not mail.may_send_from(self, source):
            raise module.MessageRejectedError(f"Email address not verified {source}")
        message = send(self, source, subject, body, destinations)
        recipients = [a for values in destinations.values() for a in values]
        mail.deliver_sent(
            self, mail.mime_of_simple(source, subject, body, destinations), recipients
        )
        return message

    def send_raw_email(self: Any, source: Any, destinations: Any, raw_data: str) -> Any:
        sender = mail.raw_sender(source, raw_data)
        if sender and not mail.may_send_from(self, sender):
            raise module.MessageRejectedError(
                f"Did not have authority to send from email {sender}"
            )
        message = send_raw(self, source, destinations, raw_data)
        content = raw_data.encode("utf-8", "surrogateescape")
        mail.deliver_sent(self, content, list(message.destinations))
        return message

    backend.get_identity_verification_attributes = get_identity_verification_attributes
    backend.get_identity_dkim_attributes = get_identity_dkim_attributes
    backend.send_email = send_email
    backend.send_raw_email = send_raw_email
    backend._workmail_mock = True
