"""GM-CSF courses compiled to a piecewise-constant dose rate."""

from __future__ import annotations

import numpy as np
import pytest

from abscopal.protocols.gm_csf import body_surface_area_m2
from abscopal.protocols.schedule import compile_schedule
from abscopal.scenario import ScenarioError, scenario_from_dict
from tests.conftest import two_lesion_patient


def schedule_of(courses: list[dict], **changes):
    scenario = scenario_from_dict(two_lesion_patient(gm_csf=courses, **changes))
    return compile_schedule(scenario.treatment, scenario.patient)


def delivered_ug(schedule) -> float:
    """Dose rate integrated over the segments."""
    lengths = np.diff(schedule.boundary_day)
    return float(np.sum(schedule.gm_csf_ug_per_day[:-1] * lengths))


def test_body_surface_area_of_a_70_kg_adult():
    # Livingston & Lee 2001: 0.1173 * 70 ** 0.6466
    assert body_surface_area_m2(70.0) == pytest.approx(1.8295, abs=1e-3)
    assert body_surface_area_m2(100.0) > body_surface_area_m2(70.0)


def test_daily_course_gives_a_constant_rate_for_its_fourteen_days():
    schedule = schedule_of([{"dose_ug_per_m2": 125, "start_day": 7, "doses": 14}])
    daily_ug = 125 * body_surface_area_m2(70.0)
    days = schedule.boundary_day
    rate = schedule.gm_csf_ug_per_day
    during = (days >= 7) & (days < 21)
    assert {7.0, 21.0} <= set(days.tolist())
    np.testing.assert_allclose(rate[during], daily_ug)
    assert np.all(rate[~during] == 0.0)
    assert delivered_ug(schedule) == pytest.approx(14 * daily_ug)


def test_twice_daily_injections_overlap_and_add_up():
    schedule = schedule_of([{"dose_ug": 100, "start_day": 2, "interval_day": 0.5, "doses": 4}])
    days, rate = schedule.boundary_day, schedule.gm_csf_ug_per_day
    assert rate[days == 2.0][0] == pytest.approx(100.0)  # one window open
    assert rate[days == 2.5][0] == pytest.approx(200.0)  # two overlapping windows
    assert rate[days == 4.0][0] == pytest.approx(100.0)  # the last window only
    assert delivered_ug(schedule) == pytest.approx(400.0)


def test_a_window_running_past_the_end_is_cut_at_duration_day():
    schedule = schedule_of([{"dose_ug": 100, "start_day": 59.5, "doses": 1}], duration_day=60)
    assert schedule.boundary_day[-1] == 60.0
    assert delivered_ug(schedule) == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {"gm_csf": [{"dose_ug": 100, "dose_ug_per_m2": 50, "doses": 3}]},
            "gm_csf[0]",
            "exactly one of dose_ug or dose_ug_per_m2",
        ),
        (
            {"gm_csf": [{"dose_ug": 100}]},
            "gm_csf[0].doses",
            "required",
        ),
        (
            {"gm_csf": [{"dose_ug": 100, "start_day": 170, "doses": 14}]},
            "gm_csf[0].doses",
            "after duration_day",
        ),
        (
            {
                "species": "mouse",
                "body_weight_kg": 0.025,
                "gm_csf": [{"dose_ug_per_m2": 125, "doses": 3}],
            },
            "gm_csf[0].dose_ug_per_m2",
            "give dose_ug for mice",
        ),
    ],
)
def test_bad_gm_csf_courses_name_the_field(changes, field, words):
    with pytest.raises(ScenarioError) as raised:
        scenario_from_dict(two_lesion_patient(**changes))
    assert raised.value.field == field
    assert words in raised.value.message
