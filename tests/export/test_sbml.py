"""SBML export: libSBML validity, and the exported model simulated in libRoadRunner matches
abscopal's own solution on the output grid."""

from __future__ import annotations

import jax.numpy as jnp
import libsbml
import numpy as np
import pytest

from abscopal.examples import example_path
from abscopal.export.expressions import ExportError, ExpressionGraph
from abscopal.export.model_equations import trace_model
from abscopal.export.sbml import export_sbml
from abscopal.export.trace import Tracer
from abscopal.models.observation import measured_volume_mm3, sphere_diameter_mm
from abscopal.models.state import LESION_STATES, SYSTEMIC_STATES
from abscopal.simulation import as_scenario, scenario_parameters, simulate
from abscopal.solvers.diffrax_solver import SolverOptions

EXAMPLES = (
    "nsclc_sbrt_pembrolizumab",
    "mouse_two_flank_8x3_ctla4",
    "conventional_lymphopenia",
    "hcc_y90_bone_metastasis",
    "rt_gm_csf_two_sites",
)
TIGHT = SolverOptions(rtol=1e-9, atol=1e-11, max_steps=100_000)
DIAMETER_RTOL = 1e-4
STATE_RTOL = 1e-4
STATE_ATOL_SHARE = 1e-6  # of each state's largest magnitude over the run


@pytest.fixture(scope="module", params=EXAMPLES)
def example(request):
    path = example_path(request.param)
    return as_scenario(path), export_sbml(path)


def test_exported_model_is_valid_sbml_with_units_and_provenance(example):
    scenario, exported = example
    document = libsbml.readSBMLFromString(exported.xml)
    assert document.getLevel() == 3 and document.getVersion() == 2
    document.checkConsistency()
    severities = [document.getError(i).getSeverity() for i in range(document.getNumErrors())]
    assert all(severity < libsbml.LIBSBML_SEV_ERROR for severity in severities)
    model = document.getModel()
    assert model.getTimeUnits() == "u_day"
    states = len(scenario.lesions) * len(LESION_STATES) + len(SYSTEMIC_STATES)
    assert len(exported.state_ids) == states
    assert sum(1 for rule in model.getListOfRules() if rule.isRate()) == states
    kill = model.getParameter("effector_kill_rate_per_day")
    assert kill.getUnits() == "u_1_per_day" and kill.getConstant()
    assert "Provenance:" in kill.getNotesString()
    for sid in exported.state_ids:
        assert model.getParameter(sid).isSetUnits()
        assert model.getInitialAssignmentBySymbol(sid) is not None


def test_fractions_and_doses_become_events():
    exported = export_sbml(example_path("nsclc_sbrt_pembrolizumab"))
    model = libsbml.readSBMLFromString(exported.xml).getModel()
    names = [model.getEvent(i).getName() for i in range(model.getNumEvents())]
    assert sum("radiation fraction" in name for name in names) == 3  # SBRT 3 fractions
    assert any("infusion rate change" in name for name in names)
    assert names[0].startswith("day 0:")


def test_gm_csf_dose_rate_changes_become_events():
    """Two 14-day GM-CSF courses: the dose rate switches on and off once per course."""
    exported = export_sbml(example_path("rt_gm_csf_two_sites"))
    model = libsbml.readSBMLFromString(exported.xml).getModel()
    changes = [
        model.getEvent(i).getName()
        for i in range(model.getNumEvents())
        if "GM-CSF dose-rate change" in model.getEvent(i).getName()
    ]
    assert [name.split(":")[0] for name in changes] == ["day 7", "day 21", "day 28", "day 42"]
    rate = model.getParameter("gm_csf_ug_per_day")
    assert not rate.getConstant() and rate.getUnits() == "u_ug_per_day"


@pytest.mark.parametrize("name", EXAMPLES)
def test_libroadrunner_reproduces_abscopal(name):
    from abscopal.export.roadrunner_peer import load_runner, simulate_grid

    path = example_path(name)
    exported = export_sbml(path)
    solution = simulate(path, TIGHT)
    runner = load_runner(exported.xml)
    result = simulate_grid(runner, solution.time_day, exported.diameter_ids + exported.state_ids)
    n_lesions = len(exported.diameter_ids)
    volume = measured_volume_mm3(solution.lesion_states.clip(min=0.0))
    diameters = sphere_diameter_mm(volume)
    # Diameters are continuous across every event, so all grid times compare.
    relative = np.abs(result[:, :n_lesions] - diameters) / diameters
    assert relative.max() < DIAMETER_RTOL
    # States jump at events; RoadRunner reports them after the jump, abscopal before.
    states = np.concatenate(
        [solution.lesion_states.reshape(len(solution.time_day), -1), solution.systemic_states],
        axis=1,
    )
    event_days = {jump.day for jump in trace_model(as_scenario(path)).jumps}
    smooth = np.array([day not in event_days for day in solution.time_day])
    scale = np.abs(states).max(axis=0) * STATE_ATOL_SHARE + 1e-12
    error = np.abs(result[:, n_lesions:] - states)[smooth]
    assert np.all(error <= STATE_RTOL * np.abs(states[smooth]) + scale)


def test_parameters_stay_live_in_the_exported_model():
    """Changing a parameter in RoadRunner (including ones that set the initial state) gives
    what abscopal gives with the same override: values are parameters, not baked constants."""
    from abscopal.export.roadrunner_peer import load_runner, simulate_grid

    path = example_path("mouse_two_flank_8x3_ctla4")
    changes = {"effector_kill_rate_per_day": 1.7, "precursor_count_baseline": 2.0}
    scenario = as_scenario(path)
    parameters = scenario_parameters(scenario)
    new_values = {name: parameters.value(name) * factor for name, factor in changes.items()}
    changed = scenario.model_copy(
        update={"parameter_overrides": {**scenario.parameter_overrides, **new_values}}
    )
    exported = export_sbml(path)
    runner = load_runner(exported.xml)
    solution = simulate(changed, TIGHT)
    reference = simulate(path, TIGHT)
    result = simulate_grid(runner, solution.time_day, exported.diameter_ids, new_values)
    diameters = sphere_diameter_mm(measured_volume_mm3(solution.lesion_states))
    assert np.max(np.abs(result - diameters) / diameters) < DIAMETER_RTOL
    unchanged = sphere_diameter_mm(measured_volume_mm3(reference.lesion_states))
    assert np.max(np.abs(diameters - unchanged) / unchanged) > 0.01  # the change matters


def test_untranslatable_operation_is_named():
    graph = ExpressionGraph()
    tracer = Tracer(graph)
    with pytest.raises(ExportError, match="'sin'"):
        tracer.trace(lambda x: jnp.sin(x), graph.symbol("x"), example=(1.0,))


def test_traced_equations_fold_constants_and_share_subexpressions():
    graph = ExpressionGraph()
    tracer = Tracer(graph)
    x = graph.symbol("x")
    out = tracer.trace(
        lambda v: (v * 1.0 + 0.0) * jnp.log(2.0) + jnp.maximum(v, 0.0) / jnp.maximum(v, 0.0),
        x,
        example=(1.0,),
    )
    text = graph.formula(out.item())
    assert text == f"((x * {float(np.log(2.0))!r}) + (max(x, 0.0) / max(x, 0.0)))"
