"""libRoadRunner as a peer engine for exported models (round-trip tests and benchmarks).

libroadrunner is an optional dependency (``pip install abscopal[peers]``); it is imported when
this module is used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def load_runner(xml: str, rtol: float = 1e-10, atol: float = 1e-12, max_steps: int = 100_000):
    """A RoadRunner instance for the SBML text with CVODE tolerances set."""
    import roadrunner

    runner = roadrunner.RoadRunner(xml)
    integrator = runner.integrator
    integrator.relative_tolerance = rtol
    integrator.absolute_tolerance = atol
    integrator.maximum_num_steps = max_steps
    return runner


def simulate_grid(
    runner,
    times: Sequence[float],
    selections: Sequence[str],
    parameters: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Set ``parameters``, reset (re-evaluating initial assignments and re-arming events) and
    simulate on ``times``; returns (len(times), len(selections)). At an event time RoadRunner
    reports the state after the event."""
    for name, value in (parameters or {}).items():
        runner[name] = float(value)
    runner.reset()
    runner.timeCourseSelections = list(selections)
    return np.asarray(runner.simulate(times=list(times)))
