"""``mock_workmail``: a decorator (function or class) and context manager.

Entering the outermost scope starts WorkMail empty; leaving it wipes WorkMail again.
Only the in-process WorkMail state is touched: other services, moto's own ``mock_aws``
and moto's server running in this process (``models.server_backends``) are left alone,
so ``mock_aws`` and ``mock_workmail`` nest either way round and share one WorkMail state.
While a scope is open, a reset by an inner ``mock_aws`` does not wipe the WorkMail state
of the outer one.

There is one in-process state per process: scopes opened by different threads share it,
and it is wiped when the last open scope (of any thread) closes. A client built with an
explicit ``endpoint_url`` is not answered in-process (``interception.AWS_ENDPOINT``).
"""

from __future__ import annotations

import functools
import inspect
import os
import threading
import unittest
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar, overload

F = TypeVar("F", bound=Callable[..., Any])

_FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "FOOBARKEY",
    "AWS_SECRET_ACCESS_KEY": "FOOBARSECRET",
}

_lock = threading.Lock()
_depth = 0
_saved_env: list[dict[str, str | None]] = []


def depth() -> int:
    """How many ``mock_workmail`` scopes are open."""
    return _depth


def depth_positive() -> bool:
    return _depth > 0


def _moto_active() -> bool:
    from moto.core.models import botocore_stubber

    return bool(botocore_stubber.enabled)


def answers_in_process() -> bool:
    """Whether the interceptor answers WorkMail calls right now.

    While moto's ``mock_aws`` is on, moto's stubber answers them (through
    ``workmail_mock.urls``): botocore calls every ``before-send`` handler, so answering
    here too would run each request twice.
    """
    return _depth > 0 and not _moto_active()


def _wipe() -> None:
    from workmail_mock.models import workmail_backends

    workmail_backends.wipe()


def start() -> None:
    global _depth
    with _lock:
        _saved_env.append({k: os.environ.get(k) for k in _FAKE_CREDENTIALS})
        os.environ.update(_FAKE_CREDENTIALS)
        if _depth == 0 and not _moto_active():
            _wipe()
        _depth += 1


def stop() -> None:
    global _depth
    with _lock:
        if _depth == 0:
            raise RuntimeError("mock_workmail.stop() called without a matching start()")
        _depth -= 1
        for key, value in _saved_env.pop().items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if _depth == 0 and not _moto_active():
            _wipe()


class mock_workmail:
    """Answer ``boto3.client("workmail")`` calls in-process, with no network.

    Use it as ``@mock_workmail`` or ``@mock_workmail()`` on a function or class, or as
    ``with mock_workmail():``.
    """

    def __new__(cls, target: Any = None) -> Any:
        if target is None:
            return super().__new__(cls)
        return super().__new__(cls)(target)  # bare ``@mock_workmail``: decorate at once

    def __enter__(self) -> mock_workmail:
        start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        stop()

    def start(self) -> None:
        start()

    def stop(self) -> None:
        stop()

    @overload
    def __call__(self, target: type) -> type: ...
    @overload
    def __call__(self, target: F) -> F: ...

    def __call__(self, target: Any) -> Any:
        if inspect.isclass(target):
            return _decorate_class(target)
        return _decorate_callable(target)


def _decorate_callable(func: F) -> F:
    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def run_async(*args: Any, **kwargs: Any) -> Any:
            with mock_workmail():
                return await func(*args, **kwargs)

        return run_async  # type: ignore[return-value]

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        with mock_workmail():
            return func(*args, **kwargs)

    return run  # type: ignore[return-value]


def _call_hook(hook: Callable[..., Any], instance: Any, method: Any) -> Any:
    """Call a setup/teardown hook with the test method when its signature takes one."""
    positional = [
        p for p in inspect.signature(hook).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    return hook(instance, method) if len(positional) > 1 else hook(instance)


def _decorate_class(klass: type) -> type:
    """Each test of the class runs in its own scope, set-up and tear-down included."""
    if issubclass(klass, unittest.TestCase):
        # TestCase.run calls setUp, the test and tearDown: one scope around all three.
        original_run = klass.run

        @functools.wraps(original_run)
        def run(self: unittest.TestCase, *args: Any, **kwargs: Any) -> Any:
            with mock_workmail():
                return original_run(self, *args, **kwargs)

        klass.run = run  # type: ignore[method-assign]
        return klass

    # A plain (pytest) class: setup_method opens the scope and teardown_method closes it
    # when the class has them; otherwise each test method carries its own scope.
    setup = klass.__dict__.get("setup_method")
    if setup is not None:
        teardown = klass.__dict__.get("teardown_method")

        # pytest passes the test method only to a hook whose code takes two arguments:
        # take it, and hand it on only to a hook that takes it too.
        @functools.wraps(setup)
        def setup_method(self: Any, method: Any = None) -> Any:
            start()
            try:
                return _call_hook(setup, self, method)
            except BaseException:
                stop()
                raise

        def teardown_method(self: Any, method: Any = None) -> Any:
            try:
                if teardown is not None:
                    return _call_hook(teardown, self, method)
                return None
            finally:
                stop()

        klass.setup_method = setup_method  # type: ignore[attr-defined]
        klass.teardown_method = teardown_method  # type: ignore[attr-defined]
        return klass

    for name, member in list(vars(klass).items()):
        if name.startswith("test") and callable(member):
            setattr(klass, name, _decorate_callable(member))
    return klass
