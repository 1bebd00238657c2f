"""Bounds on the work one web request may ask for (stated on the page, enforced here)."""

from __future__ import annotations

from abscopal.scenario import Scenario, ScenarioError

MAX_LESIONS = 8
MAX_DURATION_DAY = 730.0
MIN_OUTPUT_INTERVAL_DAY = 1.0
MAX_REQUEST_BYTES = 200_000
MAX_CONCURRENT_SOLVES = 2

LIMITS_TEXT = (
    f"one patient per run, at most {MAX_LESIONS} lesions, {MAX_DURATION_DAY:g} days of follow-up, "
    f"outputs at most daily; requests up to {MAX_REQUEST_BYTES // 1000} kB"
)


def enforce_limits(scenario: Scenario) -> None:
    """Raise :class:`ScenarioError` naming the field when a scenario exceeds the web limits."""
    if len(scenario.lesions) > MAX_LESIONS:
        raise ScenarioError("lesions", f"the web explorer accepts at most {MAX_LESIONS} lesions")
    if scenario.duration_day > MAX_DURATION_DAY:
        raise ScenarioError(
            "duration_day", f"the web explorer accepts at most {MAX_DURATION_DAY:g} days"
        )
    if scenario.output_times_day is not None and len(scenario.output_times_day) > MAX_DURATION_DAY:
        raise ScenarioError("output_times_day", f"at most {MAX_DURATION_DAY:g} output times")
    if scenario.output_interval_day < MIN_OUTPUT_INTERVAL_DAY:
        raise ScenarioError(
            "output_interval_day",
            f"the web explorer writes outputs at most daily (>= {MIN_OUTPUT_INTERVAL_DAY:g} day)",
        )
