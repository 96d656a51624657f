"""Every README block marked ``<!-- example:NAME -->`` runs as a test module (pytester, with
the pytest plugin), so the README's examples stay true."""

from __future__ import annotations

import pathlib
import re

import pytest

from tests.ways_in.test_plugin import plugin_args

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = dict(
    re.findall(r"<!-- example:(\w+) -->\n```python\n(.*?)```", README.read_text(), flags=re.S)
)


def test_the_examples_are_there() -> None:
    assert set(EXAMPLES) >= {"plugin", "classes", "inspection", "faults"}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_readme_example_passes(pytester: pytest.Pytester, name: str) -> None:
    pytester.makepyfile(**{f"test_readme_{name}": EXAMPLES[name]})
    result = pytester.runpytest_subprocess(*plugin_args())
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) >= 1 and not outcomes.get("failed") and not outcomes.get(
        "errors"
    ), result.stdout.str()[-3000:]
