"""The README's supported-operations list is exactly what the operation registry serves."""

from __future__ import annotations

import pathlib
import re

from tests.support.internals import serves, spec

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def test_supported_operations_list_matches_the_backend() -> None:
    text = README.read_text()
    block = text.split("<!-- supported-operations:start -->")[1].split(
        "<!-- supported-operations:end -->"
    )[0]
    listed = re.findall(r"^- `?(\w+)`?", block, flags=re.M)
    implemented = [op for op in spec.service_model().operation_names if serves(op)]
    assert sorted(listed) == sorted(implemented)
