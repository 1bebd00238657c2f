"""Property-based fuzzing of every input door (issue 24): shipped scenarios, trial files,
measurement CSVs and web requests, mutated at the structure level (a value replaced by a hostile
one, a key removed or added). Each mutant is either accepted or refused with one short line on
a named field (exit 2 for the CLI, a 4xx with field and message for the web), in bounded time;
a refusal writes nothing. The default profile is fast; ``slow`` runs a longer one."""

from __future__ import annotations

import json
import time
import warnings
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tools.fuzz_campaign import assess_outcome, mutate, mutate_table

from abscopal.errors import InputError
from abscopal.protocols.schedule import compile_schedule
from abscopal.scenario import scenario_from_dict
from abscopal.simulation import solver_shape
from abscopal.trials.spec import trial_from_dict
from tests.conftest import EXAMPLES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SCENARIOS = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted(EXAMPLES.glob("*.yaml"))
}
TRIALS = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted((EXAMPLES / "trials").glob("*.yaml"))
}
SECONDS_PER_INPUT = 5.0
FAST = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LONG = settings(FAST, max_examples=400)


@st.composite
def mutants(draw: st.DrawFn, documents: dict[str, Any]) -> dict[str, Any]:
    """A shipped document mutated by the campaign's :func:`tools.fuzz_campaign.mutate`."""
    document = documents[draw(st.sampled_from(sorted(documents)))]
    return mutate(document, draw(st.randoms(use_true_random=False)))


def _one_line_refusal(error: InputError) -> None:
    assert error.field, error
    assert "\n" not in str(error) and len(str(error)) <= 1_300, str(error)[:200]


def _scenario_door(document: dict[str, Any]) -> None:
    start = time.monotonic()
    try:
        scenario = scenario_from_dict(document)
        compile_schedule(scenario.treatment, scenario.patient)
        solver_shape(scenario)
    except InputError as error:
        _one_line_refusal(error)
    assert time.monotonic() - start < SECONDS_PER_INPUT


def _trial_door(document: dict[str, Any]) -> None:
    start = time.monotonic()
    try:
        trial_from_dict(document)
    except InputError as error:
        _one_line_refusal(error)
    assert time.monotonic() - start < SECONDS_PER_INPUT


@FAST
@given(document=mutants(SCENARIOS))
def test_mutated_scenarios_are_accepted_or_refused_in_one_line(document):
    _scenario_door(document)


@FAST
@given(document=mutants(TRIALS))
def test_mutated_trial_files_are_accepted_or_refused_in_one_line(document):
    _trial_door(document)


@pytest.mark.slow
@LONG
@given(document=mutants(SCENARIOS))
def test_mutated_scenarios_long_profile(document):
    _scenario_door(document)


@pytest.mark.slow
@LONG
@given(document=mutants(TRIALS))
def test_mutated_trial_files_long_profile(document):
    _trial_door(document)


@pytest.fixture(scope="module")
def web() -> TestClient:
    from abscopal.web import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1:8050", raise_server_exceptions=False)


@settings(FAST, max_examples=40)
@given(document=mutants(SCENARIOS))
def test_mutated_web_requests_get_a_result_or_a_4xx(web, document):
    """Validation only (``/api/to-yaml``): never a 500, a refusal names its field."""
    body = json.dumps({"scenario": document}, allow_nan=True)  # NaN as a careless client sends
    response = web.post("/api/to-yaml", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code in (200, 422), response.text[:200]
    if response.status_code == 422:
        body = response.json()
        assert body["field"] and "\n" not in body["message"]


@settings(FAST, max_examples=25)
@given(rng=st.randoms(use_true_random=False))
def test_mutated_measurement_tables_exit_0_or_2_in_one_line(rng):
    """``abscopal assess`` on a table with one hostile cell: exit 0, or exit 2 with one line and
    no output directory (the campaign's classifier), within 30 s."""
    assert assess_outcome(*mutate_table(rng), seconds=30.0) in ("accepted", "refused")
