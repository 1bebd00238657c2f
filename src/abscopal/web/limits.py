"""Bounds on the work one web request may ask for (stated on the page, enforced here)."""

from __future__ import annotations

import math

from abscopal.scenario import Scenario, ScenarioError

MAX_LESIONS = 8
MAX_DURATION_DAY = 730.0
MAX_OUTPUT_TIMES = 1_500  # the count is the work, not the interval: 40 mouse days at 0.5 d is 81
MAX_REQUEST_BYTES = 200_000
MAX_CONCURRENT_SOLVES = 2

LIMITS_TEXT = (
    f"one patient per run, at most {MAX_LESIONS} lesions, {MAX_DURATION_DAY:g} days of follow-up, "
    f"at most {MAX_OUTPUT_TIMES:,} output times; requests up to {MAX_REQUEST_BYTES // 1000} kB"
)


def enforce_limits(scenario: Scenario) -> None:
    """Raise :class:`ScenarioError` naming the field when a scenario exceeds the web limits."""
    if len(scenario.lesions) > MAX_LESIONS:
        raise ScenarioError("lesions", f"the web explorer accepts at most {MAX_LESIONS} lesions")
    if scenario.duration_day > MAX_DURATION_DAY:
        raise ScenarioError(
            "duration_day", f"the web explorer accepts at most {MAX_DURATION_DAY:g} days"
        )
    if scenario.output_times_day is not None:
        if len(scenario.output_times_day) > MAX_OUTPUT_TIMES:
            raise ScenarioError(
                "output_times_day",
                f"the web explorer accepts at most {MAX_OUTPUT_TIMES:,} output times",
            )
    elif scenario.duration_day / scenario.output_interval_day + 1 > MAX_OUTPUT_TIMES:
        shortest = math.ceil(1000 * scenario.duration_day / (MAX_OUTPUT_TIMES - 1)) / 1000
        raise ScenarioError(
            "output_interval_day",
            f"the web explorer accepts at most {MAX_OUTPUT_TIMES:,} output times: over "
            f"{scenario.duration_day:g} days give an interval of at least {shortest:g} days",
        )
