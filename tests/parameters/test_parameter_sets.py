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
