"""Every parameter has a finite accepted range; zero is refused where it breaks the solve."""

from __future__ import annotations

import math

import pytest

from abscopal.parameters import PARAMETER_SETS, accepted_range, get_parameter_set
from abscopal.scenario import ScenarioError, scenario_from_dict
from tests.conftest import two_lesion_patient


def test_every_parameter_has_a_finite_upper_bound_far_above_every_shipped_value():
    for parameter_set in PARAMETER_SETS.values():
        for name in parameter_set:
            parameter = parameter_set[name]
            _, upper, _ = accepted_range.bounds(name, parameter)
            assert math.isfinite(upper), name
            assert accepted_range.accepts(name, parameter, parameter.value), (
                parameter_set.name,
                name,
            )
            if math.isinf(parameter.upper):  # the unit's plausibility bound applies
                assert parameter.unit in accepted_range.UPPER_BOUND_BY_UNIT, parameter.unit
                assert parameter.value * 100 <= upper, (parameter_set.name, name)


def test_the_strictly_positive_names_are_parameters():
    known = set(get_parameter_set("human_default"))
    assert known >= accepted_range.STRICTLY_POSITIVE


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [
        ("tumor_carrying_capacity_mm3", 1e300, "give a value in (0, 1e+08] mm3, not 1e+300"),
        ("tumor_alpha_beta_gy", 0.0, "give a value in (0, 10000] Gy, not 0"),
        ("effector_kill_rate_per_day", 5000.0, "[0, 1000] 1/day, not 5000"),
    ],
)
def test_overrides_outside_the_range_are_refused(name: str, value: float, text: str):
    with pytest.raises(ScenarioError) as refused:
        scenario_from_dict(two_lesion_patient(parameter_overrides={name: value}))
    assert refused.value.field == f"parameter_overrides.{name}"
    assert text in refused.value.message


def test_zero_stays_accepted_where_it_means_off():
    scenario = scenario_from_dict(
        two_lesion_patient(parameter_overrides={"treg_depletion_rate_per_day": 0.0})
    )
    assert scenario.parameter_overrides == {"treg_depletion_rate_per_day": 0.0}
