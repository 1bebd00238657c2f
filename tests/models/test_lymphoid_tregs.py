"""The lymphoid Treg share (Kachikwu 2011): radioresistant Tregs raise their share of the
lymphoid T cells after radiation, the share restrains priming, and a depleting agent removes
lymphoid and intratumoral Tregs. Each test fails when its part of the mechanism is removed."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

import abscopal
from abscopal.parameters import get_parameter_set
from tests.conftest import EXAMPLES, two_lesion_patient

STEADY_FRACTION = get_parameter_set("human_default").value("lymphoid_treg_fraction")


def conventional(**overrides: float) -> abscopal.Solution:
    """30 x 2 Gy to a 15 cm chest field with the draining nodes (the lymphopenia example)."""
    scenario = yaml.safe_load((EXAMPLES / "conventional_lymphopenia.yaml").read_text())
    scenario["parameter_overrides"] = overrides
    return abscopal.simulate(scenario)


@pytest.fixture(scope="module")
def shipped() -> abscopal.Solution:
    return conventional()


def test_nodal_radiation_raises_the_treg_share_within_its_bound(shipped):
    share = shipped.systemic("lymphoid_treg_share")
    # 30 x 2 Gy kills conventional lymphocytes faster than the radioresistant Tregs: the share
    # rises about eightfold by the end of the course, never past 1 / steady-state fraction
    assert 5.0 < share.max() < 1.0 / STEADY_FRACTION
    assert 35.0 <= shipped.time_day[share.argmax()] <= 45.0
    assert 1.0 < share[-1] < 0.5 * share.max()  # it returns as the lymphocytes recover
    equal = conventional(treg_radiosensitivity_factor=1.0).systemic("lymphoid_treg_share")
    np.testing.assert_allclose(equal, 1.0, atol=1e-9)


def test_a_raised_treg_share_restrains_priming(shipped):
    restrained = shipped.systemic("circulating_effectors").max()
    free = conventional(lymphoid_treg_priming_suppression=0.0)
    assert restrained < 0.85 * free.systemic("circulating_effectors").max()


def test_continuous_y90_dose_raises_the_treg_share():
    scenario = yaml.safe_load((EXAMPLES / "hcc_y90_bone_metastasis.yaml").read_text())
    share = abscopal.simulate(scenario).systemic("lymphoid_treg_share")
    assert share.max() > 1.2
    scenario["parameter_overrides"] = {"treg_radiosensitivity_factor": 1.0}
    np.testing.assert_allclose(
        abscopal.simulate(scenario).systemic("lymphoid_treg_share"), 1.0, atol=1e-9
    )


def test_a_depleting_agent_removes_lymphoid_and_intratumoral_tregs():
    depleted = abscopal.simulate(
        two_lesion_patient(
            duration_day=60, parameter_overrides={"treg_depletion_rate_per_day": 2.0}
        )
    )
    intact = abscopal.simulate(two_lesion_patient(duration_day=60))
    day = int(np.flatnonzero(depleted.time_day == 30.0)[0])
    assert depleted.systemic("lymphoid_treg_share")[day] < 0.02
    tregs = depleted.observables()["treg_cells_1e6"][day, 1]
    assert tregs < 0.1 * intact.observables()["treg_cells_1e6"][day, 1]
    np.testing.assert_allclose(intact.systemic("lymphoid_treg_share"), 1.0, atol=1e-12)
