"""A scenario's model as named scalar equations: rate of change of every state, initial values,
and the instantaneous jumps at each known time. Traced from the solver's own JAX functions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from abscopal._jax_setup import configure_jax
from abscopal.export.expressions import ExpressionGraph, Node
from abscopal.export.trace import Tracer
from abscopal.models.initial_state import initial_state
from abscopal.models.inputs import (
    PK_FIELDS,
    AntibodyInputs,
    antibody_constants,
    lesion_constants,
)
from abscopal.models.jumps import apply_boluses, apply_events
from abscopal.models.state import LESION_STATES, SYSTEMIC_STATES
from abscopal.models.vector_field import vector_field, vector_field_args
from abscopal.protocols.schedule import TreatmentSchedule
from abscopal.scenario import Scenario
from abscopal.simulation import model_inputs
from abscopal.solvers.diffrax_solver import EVENT_KEYS

TARGET_SLUGS = ("pd1", "pdl1", "ctla4")
GM_CSF_RATE_ID = "gm_csf_ug_per_day"
RATE_IDS_PREFIXES = ("infusion_mg_per_day_", GM_CSF_RATE_ID)  # constants that events change
Y90_KEYS = ("y90_day", "y90_initial_rate_gy_per_day", "y90_liver_initial_rate_gy_per_day")


@dataclass(frozen=True)
class Jump:
    """Assignments made at one boundary time (state or segment-rate id -> new value)."""

    day: float
    assignments: dict[str, Node]
    description: str


@dataclass(frozen=True)
class ModelEquations:
    """Everything the SBML writer needs, with SBML identifiers as keys."""

    graph: ExpressionGraph
    scenario: Scenario
    parameter_values: dict[str, float]  # model parameters (from the parameter set)
    constant_values: dict[str, tuple[float, str, str]]  # id -> (value, unit, description)
    state_units: dict[str, str]
    state_descriptions: dict[str, str]
    rates: dict[str, Node]
    initial: dict[str, Node]
    jumps: list[Jump]
    lesion_ids: list[str]
    output_days: np.ndarray


LESION_STATE_UNITS = {
    "viable": "mm3",
    "doomed": "mm3",
    "doomed_death_rate": "1/day",
    "debris": "mm3",
    "sublethal_damage": "Gy",
    "effector": "1e6 cells",
    "exhausted": "1e6 cells",
    "treg": "1e6 cells",
    "mdsc": "1e6 cells",
    "pd_l1": "PD-L1 units",
    "interferon": "1",
    "damaged_awaiting_mitosis": "1",
    "cytosolic_dna": "1",
    "trex1": "1",
    "permissiveness": "1",
    "stromal_barrier": "1",
    "sclerotic_fraction": "1",
}
LESION_CONSTANT_UNITS = {
    "baseline_volume_mm3": ("mm3", "baseline volume"),
    "growth_rate_per_day": ("1/day", "Gompertz growth rate"),
    "tumor_perfusion_ml_per_min_per_g": ("mL/min/g", "blood flow through the tumor per gram"),
    "pdl1_baseline": ("PD-L1 units", "baseline PD-L1"),
    "sting_signalling": ("1", "cGAS-STING/IFNAR signalling (1 intact, 0 lost)"),
    "antigen_shared_fraction": ("1", "share of cells carrying the antigens the repertoire targets"),
    "stromal_barrier_baseline": ("1", "share of effector entry blocked by the stroma at baseline"),
    "is_bone": ("1", "1 for a bone lesion, else 0"),
    "sclerotic_fraction_initial": ("1", "sclerotic share at baseline"),
}
PK_CONSTANT_UNITS = {
    "clearance_l_per_day": "L/day",
    "central_volume_l": "L",
    "intercompartmental_clearance_l_per_day": "L/day",
    "peripheral_volume_l": "L",
    "max_saturable_elimination_mg_per_day": "mg/day",
    "saturable_half_concentration_mg_per_l": "mg/L",
    "absorption_rate_per_day": "1/day",
    "bioavailability": "1",
    "occupancy_half_concentration_ug_per_ml": "ug/mL",
}


def antibodies_from(constants: dict) -> AntibodyInputs:
    """Antibody constants (already scaled to the body weight) from per-field arrays, for the
    tracer, which walks plain dictionaries of symbols."""
    return AntibodyInputs(
        **{name: constants[name] for name in PK_FIELDS},
        reference_weight_kg=np.ones(3),
        weight_exponent=np.zeros(3),
    )


def systemic_unit(name: str) -> str:
    """Unit of a systemic state."""
    if name == "dendritic_cells":
        return "DC units"
    if name == "lymphocytes":
        return "cells/uL"
    if name in ("gm_csf_stimulation", "lymphoid_treg_share"):
        return "1"
    if name.startswith(("pd1_", "pdl1_", "ctla4_")):
        return "mg"
    return "1e6 cells"


def trace_model(scenario: Scenario) -> ModelEquations:
    """Trace the scenario's model (vector field, initial state, jumps) into equations."""
    configure_jax()
    inputs, schedule = model_inputs(scenario)
    parameters = {name: float(value) for name, value in inputs.parameters.items()}
    # The per-lesion and antibody constants are derived from the parameters in traced code;
    # the export writes them as evaluated for this scenario.
    lesion = {key: np.asarray(value) for key, value in lesion_constants(inputs).items()}
    antibodies = antibody_constants(inputs)
    pk = {name: np.asarray(getattr(antibodies, name)) for name in PK_FIELDS}
    graph = ExpressionGraph()
    tracer = Tracer(graph)
    lesion_ids = [f"lesion{index + 1}" for index in range(len(scenario.lesions))]
    names = scenario.lesion_names()

    p_symbols = {name: graph.symbol(name) for name in parameters}
    constants: dict[str, tuple[float, str, str]] = {}
    l_symbols: dict[str, np.ndarray] = {}
    for key, values in lesion.items():
        unit, meaning = LESION_CONSTANT_UNITS[key]
        ids = [f"{key}_{lesion_id}" for lesion_id in lesion_ids]
        for index, sid in enumerate(ids):
            constants[sid] = (float(values[index]), unit, f"{meaning} of lesion '{names[index]}'")
        l_symbols[key] = np.array([graph.symbol(sid) for sid in ids], dtype=object)
    k_symbols: dict[str, np.ndarray] = {}
    for key, values in pk.items():
        ids = [f"{key}_{slug}" for slug in TARGET_SLUGS]
        for index, sid in enumerate(ids):
            drug = schedule.drug_by_target[index] or "no antibody (placeholder)"
            constants[sid] = (float(values[index]), PK_CONSTANT_UNITS[key], f"{key} of {drug}")
        k_symbols[key] = np.array([graph.symbol(sid) for sid in ids], dtype=object)
    infusion_ids = [f"infusion_mg_per_day_{slug}" for slug in TARGET_SLUGS]
    infusion = np.array([graph.symbol(sid) for sid in infusion_ids], dtype=object)
    gm_csf_rate = graph.symbol(GM_CSF_RATE_ID)

    lesion_state_ids = [
        [f"{lesion_id}_{state}" for state in LESION_STATES] for lesion_id in lesion_ids
    ]
    lesion_state = np.array(
        [[graph.symbol(sid) for sid in row] for row in lesion_state_ids], dtype=object
    )
    systemic_state = np.array([graph.symbol(name) for name in SYSTEMIC_STATES], dtype=object)
    time = graph.symbol("time")

    arrays = schedule.arrays()
    y90 = {key: arrays[key] for key in Y90_KEYS}
    example_p = {name: float(value) for name, value in parameters.items()}
    example_state = (
        np.zeros(lesion_state.shape),
        np.zeros(systemic_state.shape),
    )

    def field(t, state, p, constants_lesion, constants_pk, rates):
        segment_rates = {"infusion_mg_per_day": rates[0], "gm_csf_ug_per_day": rates[1]}
        args = vector_field_args(
            p, constants_lesion, antibodies_from(constants_pk), y90, segment_rates
        )
        return vector_field(t, state, args)

    d_lesions, d_systemic = tracer.trace(
        field,
        time,
        (lesion_state, systemic_state),
        p_symbols,
        l_symbols,
        k_symbols,
        (infusion, gm_csf_rate),
        example=(0.0, example_state, example_p, lesion, pk, (np.zeros(3), 0.0)),
    )
    start_lesions, start_systemic = tracer.trace(
        initial_state, p_symbols, l_symbols, example=(example_p, lesion)
    )
    rates, initial = {}, {}
    state_units, state_descriptions = {}, {}
    for index, row in enumerate(lesion_state_ids):
        for column, sid in enumerate(row):
            rates[sid] = d_lesions[index, column]
            initial[sid] = start_lesions[index, column]
            state_units[sid] = LESION_STATE_UNITS[LESION_STATES[column]]
            state_descriptions[sid] = f"{LESION_STATES[column]} of lesion '{names[index]}'"
    for index, name in enumerate(SYSTEMIC_STATES):
        rates[name] = d_systemic[index]
        initial[name] = start_systemic[index]
        state_units[name] = systemic_unit(name)
        state_descriptions[name] = name.replace("_", " ")
    for index, sid in enumerate(infusion_ids):
        constants[sid] = (0.0, "mg/day", f"infusion rate of {TARGET_SLUGS[index]} antibody")
    constants[GM_CSF_RATE_ID] = (0.0, "ug/day", "GM-CSF dose rate (each injection over 1 day)")

    flat_ids = [sid for row in lesion_state_ids for sid in row] + list(SYSTEMIC_STATES)
    jumps = _trace_jumps(
        tracer,
        schedule,
        (lesion_state, systemic_state),
        p_symbols,
        example_p,
        infusion_ids,
        flat_ids,
    )
    return ModelEquations(
        graph=graph,
        scenario=scenario,
        parameter_values={name: float(value) for name, value in parameters.items()},
        constant_values=constants,
        state_units=state_units,
        state_descriptions=state_descriptions,
        rates=rates,
        initial=initial,
        jumps=jumps,
        lesion_ids=lesion_ids,
        output_days=schedule.boundary_day[schedule.is_output],
    )


def _trace_jumps(
    tracer: Tracer,
    schedule: TreatmentSchedule,
    state: tuple[np.ndarray, np.ndarray],
    p_symbols: dict[str, Node],
    example_p: dict[str, float],
    infusion_ids: list[str],
    state_ids: list[str],
) -> list[Jump]:
    graph = tracer.graph
    arrays = schedule.arrays()
    example_state = (np.zeros(state[0].shape), np.zeros(state[1].shape))
    previous_infusion = np.zeros(3)
    previous_gm_csf = 0.0
    y90_days = {float(day) for day in schedule.y90_day}
    jumps = []
    for k, day in enumerate(schedule.boundary_day[:-1]):
        event = {key: arrays[key][k] for key in EVENT_KEYS}
        fraction = any(
            np.any(event[key] > 0)
            for key in ("lesion_dose_gy", "node_dose_gy", "blood_mean_dose_gy")
        )
        bolus = bool(np.any(event["bolus_central_mg"] > 0) or np.any(event["bolus_depot_mg"] > 0))
        infusion = schedule.infusion_mg_per_day[k]
        changed = not np.array_equal(infusion, previous_infusion)
        previous_infusion = infusion
        gm_csf = float(schedule.gm_csf_ug_per_day[k])
        gm_csf_changed = gm_csf != previous_gm_csf
        previous_gm_csf = gm_csf
        y90_start = float(day) in y90_days
        if not (fraction or bolus or changed or gm_csf_changed or y90_start):
            continue
        assignments: dict[str, Node] = {}
        parts = []
        if fraction:
            after = tracer.trace(
                lambda s, p, ev=event: apply_events(s, ev, p),
                state,
                p_symbols,
                example=(example_state, example_p),
            )
            parts.append("radiation fraction" + (" + antibody dose" if bolus else ""))
        elif bolus:
            after = (
                state[0],
                tracer.trace(
                    lambda s, ev=event: apply_boluses(s, ev), state[1], example=(example_state[1],)
                ),
            )
            parts.append("antibody dose")
        if fraction or bolus:
            new_values = [*after[0].reshape(-1), *after[1]]
            assignments.update(
                {
                    sid: node
                    for sid, node in zip(state_ids, new_values, strict=True)
                    if node is not graph.symbol(sid)
                }
            )
        if changed:
            for slot, sid in enumerate(infusion_ids):
                assignments[sid] = graph.constant(float(infusion[slot]))
            parts.append("infusion rate change")
        if gm_csf_changed:
            assignments[GM_CSF_RATE_ID] = graph.constant(gm_csf)
            parts.append("GM-CSF dose-rate change")
        if y90_start:
            parts.append("Y-90 implantation (dose-rate onset)")
        jumps.append(Jump(float(day), assignments, ", ".join(parts)))
    return jumps
