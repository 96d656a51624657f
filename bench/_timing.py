"""Timing helpers shared by the bench scripts: medians of interleaved rounds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def per_call(fn: Callable[[], object], calls: int = 200, rounds: int = 7) -> float:
    """Median over rounds of the mean seconds per call (after a warm-up)."""
    for _ in range(min(calls, 20)):
        fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        samples.append((time.perf_counter() - start) / calls)
    return statistics.median(samples)


def side_by_side(
    contenders: dict[str, Callable[[], object]], calls: int = 200, rounds: int = 7
) -> dict[str, float]:
    """Interleave the contenders round by round, so machine noise hits them alike."""
    for fn in contenders.values():
        for _ in range(20):
            fn()
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, fn in contenders.items():
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            samples[name].append((time.perf_counter() - start) / calls)
    return {name: statistics.median(values) for name, values in samples.items()}
