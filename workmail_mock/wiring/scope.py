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
import sys
import threading
import unittest
from collections.abc import Awaitable, Callable, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast, overload

if TYPE_CHECKING:
    from workmail_mock.state.quotas import Quotas

P = ParamSpec("P")
R = TypeVar("R")
C = TypeVar("C", bound=type)

_FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "FOOBARKEY",
    "AWS_SECRET_ACCESS_KEY": "FOOBARSECRET",
}

_lock = threading.Lock()
_depth = 0
_saved_env: list[dict[str, str | None]] = []
_saved_quotas: list[tuple[dict[tuple[str, str], Quotas] | None, dict[str, int]]] = []


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


def start(quotas: Mapping[str, int] | None = None) -> None:
    """Open a scope (what ``with mock_workmail():`` does on entry); ``quotas`` as in
    ``mock_workmail(quotas=...)``. Quotas set on a backend before the outermost scope
    opens are kept into it, and are back when it closes."""
    global _depth
    from workmail_mock.models import check_quota_names, workmail_backends
    from workmail_mock.wiring import http_clients

    overrides = check_quota_names(quotas or {})
    with _lock:
        _saved_env.append({k: os.environ.get(k) for k in _FAKE_CREDENTIALS})
        os.environ.update(_FAKE_CREDENTIALS)
        kept = None
        if _depth == 0 and not _moto_active():
            kept = workmail_backends.adjusted_quotas()
            _wipe()
            workmail_backends.restore_quotas(kept)
            http_clients.start()
        _saved_quotas.append((kept, workmail_backends.quota_overrides))
        if overrides:
            workmail_backends.quota_overrides = {**workmail_backends.quota_overrides, **overrides}
            for regions in list(workmail_backends.values()):
                for backend in list(regions.values()):
                    for name, value in overrides.items():
                        setattr(backend.quotas, name, value)
        _depth += 1


def stop() -> None:
    """Close the innermost scope; closing the outermost wipes WorkMail."""
    global _depth
    from workmail_mock.models import workmail_backends
    from workmail_mock.wiring import http_clients

    with _lock:
        if _depth == 0:
            raise RuntimeError("mock_workmail.stop() called without a matching start()")
        _depth -= 1
        for key, value in _saved_env.pop().items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        kept, workmail_backends.quota_overrides = _saved_quotas.pop()
        if _depth == 0:
            http_clients.stop()
        if _depth == 0 and not _moto_active():
            _wipe()
            if kept:
                workmail_backends.restore_quotas(kept)


class mock_workmail:
    """Answer ``boto3.client("workmail")`` calls in-process, with no network.

    Use it as ``@mock_workmail`` or ``@mock_workmail()`` on a function or class, as
    ``with mock_workmail() as scope:``, or call ``scope.start()`` / ``scope.stop()``.
    ``quotas`` (``Quotas`` field names) apply to every account and region in the scope:
    ``mock_workmail(quotas={"organizations_per_region": 2})``. The decorated callable
    keeps its signature for type checkers.
    """

    quotas: dict[str, int] | None

    @overload
    def __new__(cls, target: C, /) -> C: ...  # type: ignore[misc]
    @overload
    def __new__(cls, target: Callable[P, R], /) -> Callable[P, R]: ...  # type: ignore[misc]
    @overload
    def __new__(
        cls, target: None = None, /, *, quotas: Mapping[str, int] | None = None
    ) -> mock_workmail: ...

    def __new__(
        cls, target: Any = None, /, *, quotas: Mapping[str, int] | None = None
    ) -> Any:
        from workmail_mock.models import check_quota_names

        scope = super().__new__(cls)
        scope.quotas = None if quotas is None else check_quota_names(quotas)
        if target is None:
            return scope
        return scope(target)  # bare ``@mock_workmail``: decorate at once

    def __enter__(self) -> mock_workmail:
        start(self.quotas)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        stop()

    def start(self) -> None:
        start(self.quotas)

    def stop(self) -> None:
        stop()

    @overload
    def __call__(self, target: C, /) -> C: ...
    @overload
    def __call__(self, target: Callable[P, R], /) -> Callable[P, R]: ...

    def __call__(self, target: Any, /) -> Any:
        if inspect.isclass(target):
            return _decorate_class(target, self.quotas)
        return _decorate_callable(target, self.quotas)


def _decorate_callable(
    func: Callable[P, R], quotas: Mapping[str, int] | None = None
) -> Callable[P, R]:
    if getattr(func, "_workmail_mock_scoped", False):
        return func
    if inspect.iscoroutinefunction(func):
        coroutine = cast(Callable[P, Awaitable[Any]], func)

        @functools.wraps(func)
        async def run_async(*args: P.args, **kwargs: P.kwargs) -> Any:
            with mock_workmail(quotas=quotas):
                return await coroutine(*args, **kwargs)

        run_async._workmail_mock_scoped = True  # type: ignore[attr-defined]
        return cast(Callable[P, R], run_async)

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with mock_workmail(quotas=quotas):
            return func(*args, **kwargs)

    run._workmail_mock_scoped = True  # type: ignore[attr-defined]
    return run


def _call_hook(hook: Callable[..., Any], instance: Any, method: Any) -> Any:
    """Call a setup/teardown hook with the test method when its signature takes one."""
    positional = [
        p for p in inspect.signature(hook).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    return hook(instance, method) if len(positional) > 1 else hook(instance)


def _decorate_class(klass: C, quotas: Mapping[str, int] | None = None) -> C:
    """Leave no way out of the scope for the code of a class (docs/ways-in.md).

    Each test runs in a scope of its own, with its set-up and tear-down (inherited ones
    included) and, under pytest, the function-scoped fixtures of the class. Class-level
    set-up (unittest ``setUpClass``/``tearDownClass``, pytest ``setup_class``/
    ``teardown_class``, class-scoped fixtures of the class) runs in a class-wide scope;
    the tests of such a class then share what the class set up.
    """
    if issubclass(klass, unittest.TestCase):
        run = klass.run
        if not getattr(run, "_workmail_mock_scoped", False):
            # TestCase.run calls setUp, the test and tearDown: one scope around all three.
            def scoped_run(self: unittest.TestCase, *args: Any, **kwargs: Any) -> Any:
                with mock_workmail(quotas=quotas):
                    return run(self, *args, **kwargs)

            functools.update_wrapper(scoped_run, run)
            scoped_run._workmail_mock_scoped = True  # type: ignore[attr-defined]
            klass.run = scoped_run  # type: ignore[method-assign]
        class_hooks = ("setUpClass", "tearDownClass")
        overridden = any(
            getattr(klass, name).__func__ is not getattr(unittest.TestCase, name).__func__
            for name in class_hooks
        )
    else:
        class_hooks = ("setup_class", "teardown_class")
        overridden = any(hasattr(klass, name) for name in class_hooks)
        _scope_setup_method(klass, quotas)
        for name in dir(klass):
            member = inspect.getattr_static(klass, name)
            if name.startswith("test") and inspect.isfunction(member):
                setattr(klass, name, _decorate_callable(member, quotas))
    if overridden:
        _scope_class_hooks(klass, *class_hooks, quotas=quotas)
    _add_pytest_scopes(klass, quotas, class_wide=overridden or _has_class_fixtures(klass))
    return klass


def _class_function(klass: type, name: str) -> Callable[..., Any] | None:
    member = getattr(klass, name, None)
    if member is None:
        return None
    return cast(Callable[..., Any], getattr(member, "__func__", member))


def _scope_class_hooks(
    klass: type, setup_name: str, teardown_name: str, quotas: Mapping[str, int] | None
) -> None:
    setup = _class_function(klass, setup_name)
    teardown = _class_function(klass, teardown_name)
    if getattr(setup, "_workmail_mock_scoped", False):
        return  # inherited from a decorated class: already scoped

    def set_up(cls: type) -> None:
        start(quotas)
        try:
            if setup is not None:
                setup(cls)
        except BaseException:
            stop()
            raise

    def tear_down(cls: type) -> None:
        try:
            if teardown is not None:
                teardown(cls)
        finally:
            stop()

    set_up._workmail_mock_scoped = True  # type: ignore[attr-defined]
    setattr(klass, setup_name, classmethod(set_up))
    setattr(klass, teardown_name, classmethod(tear_down))


def _scope_setup_method(klass: type, quotas: Mapping[str, int] | None) -> None:
    """setup_method opens the test's scope and teardown_method closes it, inherited or not."""
    setup = getattr(klass, "setup_method", None)
    if setup is None or getattr(setup, "_workmail_mock_scoped", False):
        return
    teardown = getattr(klass, "teardown_method", None)

    # pytest passes the test method only to a hook whose code takes two arguments:
    # take it, and hand it on only to a hook that takes it too.
    @functools.wraps(setup)
    def setup_method(self: Any, method: Any = None) -> Any:
        start(quotas)
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

    setup_method._workmail_mock_scoped = True  # type: ignore[attr-defined]
    klass.setup_method = setup_method  # type: ignore[attr-defined]
    klass.teardown_method = teardown_method  # type: ignore[attr-defined]


def _fixture_scope(member: Any) -> str | None:
    """The scope of a pytest fixture defined in a class (pytest 7 to 9), else None."""
    marker = getattr(member, "_fixture_function_marker", None) or getattr(
        member, "_pytestfixturefunction", None
    )
    scope = getattr(marker, "scope", None)
    return scope if isinstance(scope, str) else None


def _has_class_fixtures(klass: type) -> bool:
    return any(
        _fixture_scope(inspect.getattr_static(klass, name)) == "class"
        for name in dir(klass)
        if not name.startswith("__workmail_mock")
    )


def _add_pytest_scopes(klass: type, quotas: Mapping[str, int] | None, class_wide: bool) -> None:
    """Under pytest, autouse fixtures open the scopes before any fixture of the class runs
    (pytest orders a class's autouse fixtures by name: these names sort first)."""
    if "pytest" not in sys.modules:
        return
    import pytest

    def scope() -> Callable[[Any], Iterator[None]]:
        def open_scope(self: Any) -> Iterator[None]:
            start(quotas)
            try:
                yield
            finally:
                stop()

        return open_scope

    if class_wide:
        name = "__workmail_mock_class_scope"
        setattr(klass, name, pytest.fixture(scope="class", autouse=True, name=name)(scope()))
    name = "__workmail_mock_test_scope"
    setattr(klass, name, pytest.fixture(autouse=True, name=name)(scope()))
