"""Plausible patients and Allen-style selection."""

from __future__ import annotations

import numpy as np
import pytest

from abscopal.trials.plausibility import selection_probability, virtual_population
from abscopal.trials.spec import LogNormal, trial_from_dict


def test_selection_reshapes_a_wide_population_to_the_target():
    rng = np.random.default_rng(2)
    values = np.exp(rng.uniform(np.log(20), np.log(800), 20_000))  # log-uniform 20-800 days
    target = LogNormal(median=100.0, cv=0.3)
    probability = selection_probability(
        {"doubling_time_day": values}, {"doubling_time_day": target}
    )
    kept = np.log(values[rng.uniform(size=values.size) < probability])
    assert np.exp(np.median(kept)) == pytest.approx(100.0, rel=0.05)
    assert kept.std() == pytest.approx(np.sqrt(np.log1p(0.3**2)), rel=0.1)
    assert 0.05 < kept.size / values.size < 0.5


def test_implausible_candidates_are_rejected_and_counted(trial_data):
    trial_data["plausibility"] = {"doubling_time_day": [100.0, 400.0]}
    spec = trial_from_dict(trial_data)
    patients, report = virtual_population(spec)
    assert len(patients) == spec.patients == report.selected
    assert [p.patient_id for p in patients] == list(range(spec.patients))
    assert report.candidates >= report.plausible >= report.selected
    from abscopal.trials.plausibility import untreated_readouts

    doubling = untreated_readouts(spec, patients)["doubling_time_day"]
    assert np.all((doubling >= 100.0) & (doubling <= 400.0))
    assert report.rejected_by["doubling_time_day"] > 0  # the range does bite
    again, _ = virtual_population(spec)
    assert again == patients  # reproducible from the seed


def test_impossible_ranges_stop_with_a_message(trial_data):
    trial_data["plausibility"] = {"doubling_time_day": [1.0, 2.0], "max_candidates_per_patient": 2}
    from abscopal.scenario import ScenarioError

    with pytest.raises(ScenarioError, match="widen the plausibility ranges"):
        virtual_population(trial_from_dict(trial_data))
