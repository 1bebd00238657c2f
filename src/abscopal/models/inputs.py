"""The model's inputs: one typed value per patient, built by :func:`prepare`.

A :class:`PatientInputs` holds everything the solver needs for one patient (or, with a leading
patient axis on every leaf, for a batch): the parameter values the model reads, the per-lesion
inputs, the antibody pharmacokinetic constants of the three target slots, the body weight and
the compiled schedule arrays. It is an :class:`equinox.Module`, so ``jax.vmap``, ``jax.jit`` and
``jax.grad`` see a plain pytree.

Nothing is derived on the host: the Gompertz rate of a lesion with its own doubling time, the
mass-specific blood flow of its host organ and the allometric antibody clearances are computed
in traced code (:func:`lesion_constants`, :meth:`AntibodyInputs.scaled_to`), so every parameter
can be fitted or varied per patient. Lesions may carry their own value of the parameters in
:data:`LESION_PARAMETERS`; a lesion without one takes the patient's value (a 0/1 mask selects,
so fitting the patient's value moves exactly the lesions that have none).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Protocol

import equinox as eqx
import jax
import jax.numpy as jnp
import numpy as np
from jax import Array

from abscopal.errors import InputError, did_you_mean
from abscopal.parameters.drugs import ANTIBODIES, TARGETS

MODEL_PARAMETERS: tuple[str, ...] = (
    "activated_radiosensitivity_factor",
    "antigen_shared_fraction",
    "baseline_necrotic_fraction",
    "blood_lymphocyte_dose_constant_per_gy",
    "blood_lymphocyte_survival_plateau",
    "chemokine_entry_gain",
    "circulating_effector_death_rate_per_day",
    "clonal_proliferation_rate_per_day",
    "clonogen_extinction_hill",
    "clonogen_extinction_volume_mm3",
    "ctla4_priming_gain",
    "ctla4_treg_depletion_rate_per_day",
    "cytosolic_dna_clearance_rate_per_day",
    "dc_decay_rate_per_day",
    "dc_loading_half_saturation_mm3_per_day",
    "dc_loading_rate_per_day",
    "dc_maturation_baseline",
    "dc_maturation_interferon_max",
    "debris_clearance_half_time_day",
    "doomed_death_rate_max_per_day",
    "doomed_death_rate_min_per_day",
    "doomed_death_rate_per_gy_per_day",
    "draining_node_priming_share",
    "effector_baseline_ratio",
    "effector_death_rate_per_day",
    "effector_infiltration_per_flow",
    "effector_kill_half_saturation_ratio",
    "effector_kill_rate_per_day",
    "exhausted_death_rate_per_day",
    "exhaustion_rate_per_day",
    "gm_csf_dc_uptake_gain",
    "gm_csf_effect_rate_per_day",
    "gm_csf_half_effect_dose_ug_per_day",
    "interferon_decay_rate_per_day",
    "interferon_gain_per_day",
    "interferon_half_saturation",
    "lymphocyte_alpha_per_gy",
    "lymphocyte_beta_per_gy2",
    "lymphocyte_count_baseline_per_ul",
    "lymphocyte_recovery_rate_per_day",
    "lymphoid_treg_fraction",
    "lymphoid_treg_priming_suppression",
    "lymphoid_treg_recovery_rate_per_day",
    "mdsc_death_rate_per_day",
    "mdsc_radiation_recruitment",
    "mdsc_recruitment_rate_per_day",
    "memory_death_rate_per_day",
    "memory_expansion_factor",
    "memory_fraction",
    "memory_reactivation_rate_per_day",
    "micronucleus_alpha_per_gy",
    "micronucleus_beta_per_gy2",
    "mitotic_passage_rate_per_day",
    "pdl1_baseline",
    "pdl1_ifng_half_saturation_ratio",
    "pdl1_ifng_induction_max",
    "pdl1_inhibition_constant",
    "pdl1_radiation_induction_max",
    "pdl1_turnover_rate_per_day",
    "permissiveness_decay_rate_per_day",
    "permissiveness_dose_scale_gy",
    "permissiveness_gain",
    "precursor_capacity_multiple",
    "precursor_count_baseline",
    "precursor_pd1_expansion_rate_per_day",
    "precursor_recovery_rate_per_day",
    "priming_dc_half_saturation",
    "priming_delay_day",
    "priming_rate_per_day",
    "reinvigoration_rate_per_day",
    "repertoire_contraction_rate_per_day",
    "sclerosis_fill_in_rate_per_day",
    "sclerosis_remodel_rate_per_day",
    "spreading_dc_half_saturation",
    "spreading_rate_per_day",
    "sting_signalling",
    "stromal_barrier_baseline",
    "stromal_barrier_recovery_rate_per_day",
    "stromal_remodelling_dose_gy",
    "sublethal_repair_half_time_hour",
    "sul_background",
    "sul_inflammation_per_immune_ratio",
    "sul_viable_tumor",
    "suppression_half_saturation_ratio",
    "treg_death_rate_per_day",
    "treg_depletion_rate_per_day",
    "treg_radiosensitivity_factor",
    "treg_recruitment_rate_per_day",
    "trex1_dna_clearance_gain",
    "trex1_half_life_day",
    "trex1_hill_coefficient",
    "trex1_threshold_gy",
    "tumor_alpha_beta_gy",
    "tumor_alpha_per_gy",
    "tumor_carrying_capacity_mm3",
    "tumor_gompertz_rate_per_day",
    "tumor_natural_death_rate_per_day",
    "tumor_perfusion_ml_per_min_per_g",
    "tumor_vascularity_relative",
    "y90_blood_fraction_in_treated_liver",
)
"""Every parameter the model reads (vector field, jumps, initial state, observables); a
parameter set must define exactly these. ``tests/models/test_inputs.py`` checks the list
against the names the model's functions actually read."""

LESION_PARAMETERS: tuple[str, ...] = (
    "tumor_gompertz_rate_per_day",
    "pdl1_baseline",
    "tumor_vascularity_relative",
    "sting_signalling",
    "antigen_shared_fraction",
    "stromal_barrier_baseline",
)
"""Parameters a lesion may carry a value of its own for (the rest are per patient)."""

SCLEROTIC_FRACTION_BY_PATTERN = {"none": 0.0, "lytic": 0.1, "mixed": 0.4, "blastic": 0.8}
"""Sclerotic share of a bone lesion at baseline by its radiographic pattern [1]."""

MINIMUM_GOMPERTZ_LOG = 0.05
"""Floor of log(capacity / baseline volume) when a doubling time sets the Gompertz rate, so a
lesion near the carrying capacity keeps a finite rate [1]."""


class ParameterContractError(InputError):
    """A parameter set that does not match the parameters the model reads."""


class LesionDescription(Protocol):
    """What :func:`prepare` reads of one lesion (a scenario's ``Lesion`` satisfies it)."""

    @property
    def organ(self) -> str: ...

    @property
    def baseline_volume(self) -> float: ...

    @property
    def bone_pattern(self) -> str | None: ...

    @property
    def doubling_time_day(self) -> float | None: ...

    @property
    def pd_l1_baseline(self) -> float | None: ...

    @property
    def parameters(self) -> Mapping[str, float]: ...


class LesionInputs(eqx.Module):
    """Per-lesion inputs; every leaf has the lesion axis last (``(n_lesions,)`` per patient)."""

    baseline_volume_mm3: Array
    doubling_time_day: Array  # 1.0 where the lesion has none (masked by has_doubling_time)
    has_doubling_time: Array  # 1.0 when the lesion's own doubling time sets its growth rate
    is_bone: Array
    sclerotic_fraction_initial: Array
    own_values: dict[str, Array]  # LESION_PARAMETERS -> the lesion's own value (0 if none)
    has_own_value: dict[str, Array]  # LESION_PARAMETERS -> 1.0 where the lesion has one

    @property
    def count(self) -> int:
        """Number of lesions."""
        return int(self.baseline_volume_mm3.shape[-1])


class AntibodyInputs(eqx.Module):
    """Two-compartment antibody constants, one entry per target slot (PD-1, PD-L1, CTLA-4);
    an empty slot holds ones (no drug is ever dosed into it)."""

    clearance_l_per_day: Array
    central_volume_l: Array
    intercompartmental_clearance_l_per_day: Array
    peripheral_volume_l: Array
    max_saturable_elimination_mg_per_day: Array
    saturable_half_concentration_mg_per_l: Array
    absorption_rate_per_day: Array
    bioavailability: Array
    occupancy_half_concentration_ug_per_ml: Array
    reference_weight_kg: Array
    weight_exponent: Array

    def scaled_to(self, body_weight_kg: Array) -> AntibodyInputs:
        """The constants with both clearances scaled allometrically to the body weight."""
        scale = (body_weight_kg / self.reference_weight_kg) ** self.weight_exponent
        return eqx.tree_at(
            lambda inputs: (
                inputs.clearance_l_per_day,
                inputs.intercompartmental_clearance_l_per_day,
            ),
            self,
            (self.clearance_l_per_day * scale, self.intercompartmental_clearance_l_per_day * scale),
        )


PK_FIELDS: tuple[str, ...] = tuple(
    item.name
    for item in fields(AntibodyInputs)
    if item.name not in ("reference_weight_kg", "weight_exponent")
)


class PatientInputs(eqx.Module):
    """Everything the solver needs for one patient (a batch: a leading axis on every leaf)."""

    parameters: dict[str, Array]
    lesions: LesionInputs
    antibodies: AntibodyInputs
    body_weight_kg: Array
    schedule: dict[str, Array]

    def with_parameters(self, values: Mapping[str, Array]) -> PatientInputs:
        """The same patient with some parameter values replaced (names must be model
        parameters; traceable, so a fit can vary any of them)."""
        check_parameter_names(values, required=False)
        return eqx.tree_at(lambda inputs: inputs.parameters, self, {**self.parameters, **values})


def check_parameter_names(values: Mapping[str, object], required: bool = True) -> None:
    """Refuse a name the model does not read (with the nearest spelling) and, when
    ``required``, a model parameter that ``values`` lacks."""
    known = list(MODEL_PARAMETERS)
    for name in values:
        if name not in MODEL_PARAMETERS:
            raise ParameterContractError(
                f"parameters.{name}",
                f"the model does not read a parameter called {name!r}{did_you_mean(name, known)}",
            )
    if required:
        missing = [name for name in MODEL_PARAMETERS if name not in values]
        if missing:
            raise ParameterContractError(
                f"parameters.{missing[0]}",
                f"the parameter set lacks {missing[0]!r}, which the model reads"
                + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""),
            )


def lesion_inputs(
    lesions: Sequence[LesionDescription],
    own_values: Mapping[str, Sequence[float | None]] | None = None,
) -> LesionInputs:
    """Per-lesion inputs of one patient. ``own_values`` maps names of
    :data:`LESION_PARAMETERS` to one value (or None) per lesion and wins over the lesion's own
    ``parameters``; a lesion's ``pd_l1_baseline`` is its own value of ``pdl1_baseline``."""
    own: dict[str, list[float | None]] = {
        name: [lesion.parameters.get(name) for lesion in lesions] for name in LESION_PARAMETERS
    }
    own["pdl1_baseline"] = [
        lesion.pd_l1_baseline if lesion.pd_l1_baseline is not None else value
        for lesion, value in zip(lesions, own["pdl1_baseline"], strict=True)
    ]
    for name, values in (own_values or {}).items():
        if name not in LESION_PARAMETERS:
            raise ParameterContractError(
                f"lesions.parameters.{name}",
                f"a lesion cannot carry its own {name!r}; lesion-level parameters are "
                f"{', '.join(LESION_PARAMETERS)}{did_you_mean(name, list(LESION_PARAMETERS))}",
            )
        own[name] = [
            value if value is not None else previous
            for value, previous in zip(values, own[name], strict=True)
        ]
    doubling = [lesion.doubling_time_day for lesion in lesions]
    return LesionInputs(
        baseline_volume_mm3=np.array([lesion.baseline_volume for lesion in lesions], float),
        doubling_time_day=np.array([1.0 if day is None else day for day in doubling], float),
        has_doubling_time=np.array([day is not None for day in doubling], float),
        is_bone=np.array([lesion.organ == "bone" for lesion in lesions], float),
        sclerotic_fraction_initial=np.array(
            [SCLEROTIC_FRACTION_BY_PATTERN[lesion.bone_pattern or "none"] for lesion in lesions],
            float,
        ),
        own_values={
            name: np.array([0.0 if value is None else value for value in values], float)
            for name, values in own.items()
        },
        has_own_value={
            name: np.array([value is not None for value in values], float)
            for name, values in own.items()
        },
    )


def antibody_inputs(drug_by_target: Sequence[str | None]) -> AntibodyInputs:
    """PK constants of the antibody in each target slot (ones for an empty slot)."""
    columns: dict[str, list[float]] = {item.name: [] for item in fields(AntibodyInputs)}
    for slot in range(len(TARGETS)):
        name = drug_by_target[slot]
        for field_name, column in columns.items():
            if name is None:
                column.append(0.0 if field_name == "weight_exponent" else 1.0)
            else:
                column.append(float(getattr(ANTIBODIES[name], field_name)))
    return AntibodyInputs(**{name: np.array(values) for name, values in columns.items()})


def prepare(
    parameters: Mapping[str, float],
    lesions: Sequence[LesionDescription],
    schedule: Mapping[str, np.ndarray],
    drug_by_target: Sequence[str | None],
    body_weight_kg: float,
    lesion_values: Mapping[str, Sequence[float | None]] | None = None,
) -> PatientInputs:
    """The inputs of one patient. ``parameters`` must define exactly
    :data:`MODEL_PARAMETERS` (refused otherwise, naming the key)."""
    check_parameter_names(parameters)
    return PatientInputs(
        parameters={name: np.asarray(float(parameters[name])) for name in MODEL_PARAMETERS},
        lesions=lesion_inputs(lesions, lesion_values),
        antibodies=antibody_inputs(drug_by_target),
        body_weight_kg=np.asarray(float(body_weight_kg)),
        schedule={key: np.asarray(value) for key, value in schedule.items()},
    )


def lesion_parameter(inputs: PatientInputs, name: str) -> Array:
    """Per-lesion value of a :data:`LESION_PARAMETERS` entry: the lesion's own value where it
    has one, else the patient's (one patient; traceable)."""
    lesions = inputs.lesions
    own = lesions.has_own_value[name] > 0.0
    return jnp.where(own, lesions.own_values[name], inputs.parameters[name])


def lesion_constants(inputs: PatientInputs) -> dict[str, Array]:
    """The per-lesion constants the equations use, derived in traced code: Gompertz growth
    rate (from a doubling time where the lesion has one), tumor perfusion per gram (scaled by the
    lesion's vascularity), baseline PD-L1, STING signalling, the shared-antigen fraction and the
    stromal barrier (one patient)."""
    lesions = inputs.lesions
    p = inputs.parameters
    has_doubling = lesions.has_doubling_time
    logarithm = jnp.maximum(
        jnp.log(p["tumor_carrying_capacity_mm3"] / lesions.baseline_volume_mm3),
        MINIMUM_GOMPERTZ_LOG,
    )
    from_doubling = math.log(2.0) / (lesions.doubling_time_day * logarithm)
    growth = jnp.where(
        has_doubling > 0.0, from_doubling, lesion_parameter(inputs, "tumor_gompertz_rate_per_day")
    )
    return {
        "baseline_volume_mm3": lesions.baseline_volume_mm3,
        "growth_rate_per_day": growth,
        "tumor_perfusion_ml_per_min_per_g": p["tumor_perfusion_ml_per_min_per_g"]
        * lesion_parameter(inputs, "tumor_vascularity_relative"),
        "pdl1_baseline": lesion_parameter(inputs, "pdl1_baseline"),
        "sting_signalling": lesion_parameter(inputs, "sting_signalling"),
        "antigen_shared_fraction": lesion_parameter(inputs, "antigen_shared_fraction"),
        "stromal_barrier_baseline": lesion_parameter(inputs, "stromal_barrier_baseline"),
        "is_bone": lesions.is_bone,
        "sclerotic_fraction_initial": lesions.sclerotic_fraction_initial,
    }


def antibody_constants(inputs: PatientInputs) -> AntibodyInputs:
    """The antibody constants scaled to the patient's body weight (one patient)."""
    return inputs.antibodies.scaled_to(inputs.body_weight_kg)


def stack_inputs(patients: Sequence[PatientInputs]) -> PatientInputs:
    """A batch: every leaf of the patients stacked along a new leading axis."""
    return jax.tree_util.tree_map(lambda *leaves: np.stack(leaves), *patients)


def select_patients(batch: PatientInputs, index: np.ndarray) -> PatientInputs:
    """The patients ``index`` of a batch (numpy fancy indexing on every leaf)."""
    return jax.tree_util.tree_map(lambda leaf: np.asarray(leaf)[index], batch)


def batch_size(batch: PatientInputs) -> int:
    """Number of patients in a batch."""
    return int(np.shape(batch.body_weight_kg)[0])
