"""Every parameter has a unit, a provenance, and sources where it claims one."""

from __future__ import annotations

import typing

import pytest

from abscopal.citations import REFERENCES
from abscopal.parameters import PARAMETER_SETS
from abscopal.parameters.organ_sites import ORGAN_SITES
from abscopal.scenario import OrganName


@pytest.mark.parametrize("name", sorted(PARAMETER_SETS))
def test_every_parameter_has_unit_provenance_and_known_citations(name):
    parameter_set = PARAMETER_SETS[name]
    for key, parameter in parameter_set.parameters.items():
        assert parameter.unit, key
        assert parameter.description, key
        assert parameter.provenance in {"source", "derived", "fitted", "assumed"}, key
        if parameter.provenance == "source":
            assert parameter.citations, f"{key} claims a source but cites none"
        assert set(parameter.citations) <= set(REFERENCES), key
        assert parameter.lower <= parameter.value <= parameter.upper, key


def test_both_sets_define_the_same_parameters():
    names = [set(parameter_set.parameters) for parameter_set in PARAMETER_SETS.values()]
    assert all(keys == names[0] for keys in names)


def test_scenario_organs_match_the_organ_table():
    assert set(typing.get_args(OrganName)) == set(ORGAN_SITES)


def test_fitted_sets_record_what_each_value_was_fitted_to():
    human = PARAMETER_SETS["human_nsclc"]["pdl1_inhibition_constant"]
    assert human.provenance == "fitted" and human.value == 0.05
    assert "Theelen2019" in human.citations and "fit_pembro_rt.py" in human.note
    assert human.note.endswith("(replaces 0.5)")
    mouse = PARAMETER_SETS["mouse_tsa"]["priming_rate_per_day"]
    assert mouse.provenance == "fitted" and {"Dewan2009", "Dovedi2014"} <= set(mouse.citations)
    fitted = {
        name
        for name, parameter in PARAMETER_SETS["human_nsclc"].parameters.items()
        if parameter.provenance == "fitted"
    }
    assert len(fitted) == 12 and "spreading_rate_per_day" in fitted
    debris = PARAMETER_SETS["human_nsclc"]["debris_clearance_half_time_day"]
    assert debris.value == 15.0 and "12 weeks" in debris.note and "joint_scan.py" in debris.note
    assert debris.note.endswith("(replaces 30)")
