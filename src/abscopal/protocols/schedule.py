"""TreatmentSchedule: a scenario's treatment compiled to fixed-shape arrays of jump events.

Every known time (fraction, drug dose, end of an infusion, Y-90 implantation, output time) is a
segment boundary. At a boundary the model applies instantaneous jumps (fraction doses, drug
boluses); between boundaries it integrates smoothly with a constant infusion rate. Y-90 enters
as a continuous, decaying dose rate that starts at its boundary.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from abscopal.parameters.drugs import ANTIBODIES, TARGETS
from abscopal.protocols.blood_dose import blood_exposure
from abscopal.protocols.gm_csf import dose_rate_by_segment, exposure_windows
from abscopal.protocols.y90 import initial_dose_rate_gy_per_day, partition_model_doses
from abscopal.scenario import MINUTES_PER_DAY, Patient, Treatment, check_lung_dose

MAX_Y90 = 4
NO_Y90_DAY = 1.0e9  # placeholder day of unused Y-90 slots (their dose rate is zero)
_TIME_DECIMALS = 9


@dataclass(frozen=True)
class Y90Plan:
    """Absorbed doses of one Y-90 administration."""

    day: float
    lesion_dose_gy: dict[str, float]
    normal_liver_gy: float
    lung_gy: float


@dataclass(frozen=True)
class TreatmentSchedule:
    """Boundary-indexed treatment arrays for one patient (numpy; leading axis = boundary)."""

    boundary_day: np.ndarray  # (K,)
    is_output: np.ndarray  # (K,) bool
    lesion_dose_gy: np.ndarray  # (K, L) dose of the fraction given at the boundary
    beam_on_time_day: np.ndarray  # (K, L) beam-on time of that fraction
    node_dose_gy: np.ndarray  # (K,)
    blood_mean_dose_gy: np.ndarray  # (K,)
    blood_exposed_fraction: np.ndarray  # (K,)
    bolus_central_mg: np.ndarray  # (K, 3) per target PD-1, PD-L1, CTLA-4
    bolus_depot_mg: np.ndarray  # (K, 3)
    infusion_mg_per_day: np.ndarray  # (K, 3) rate during the segment after the boundary
    gm_csf_ug_per_day: np.ndarray  # (K,) GM-CSF dose rate during the segment after the boundary
    y90_day: np.ndarray  # (MAX_Y90,)
    y90_initial_rate_gy_per_day: np.ndarray  # (MAX_Y90, L)
    y90_liver_initial_rate_gy_per_day: np.ndarray  # (MAX_Y90,)
    y90_plans: tuple[Y90Plan, ...]
    drug_by_target: tuple[str | None, ...]  # antibody name per target slot

    @property
    def n_boundaries(self) -> int:
        """Number of segment boundaries K."""
        return int(self.boundary_day.shape[0])

    def padded(self, n_boundaries: int) -> TreatmentSchedule:
        """The same schedule with zero-length, event-free segments appended up to K."""
        extra = n_boundaries - self.n_boundaries
        if extra < 0:
            raise ValueError("cannot pad to fewer boundaries")
        if extra == 0:
            return self

        def pad(array: np.ndarray, fill: float | None = None) -> np.ndarray:
            tail_shape = (extra, *array.shape[1:])
            tail = (
                np.repeat(array[-1:], extra, axis=0)
                if fill is None
                else np.full(tail_shape, fill, dtype=array.dtype)
            )
            return np.concatenate([array, tail], axis=0)

        return TreatmentSchedule(
            boundary_day=pad(self.boundary_day),
            is_output=pad(self.is_output, False),
            lesion_dose_gy=pad(self.lesion_dose_gy, 0.0),
            beam_on_time_day=pad(self.beam_on_time_day, 0.0),
            node_dose_gy=pad(self.node_dose_gy, 0.0),
            blood_mean_dose_gy=pad(self.blood_mean_dose_gy, 0.0),
            blood_exposed_fraction=pad(self.blood_exposed_fraction, 1.0),
            bolus_central_mg=pad(self.bolus_central_mg, 0.0),
            bolus_depot_mg=pad(self.bolus_depot_mg, 0.0),
            infusion_mg_per_day=pad(self.infusion_mg_per_day, 0.0),
            gm_csf_ug_per_day=pad(self.gm_csf_ug_per_day, 0.0),
            y90_day=self.y90_day,
            y90_initial_rate_gy_per_day=self.y90_initial_rate_gy_per_day,
            y90_liver_initial_rate_gy_per_day=self.y90_liver_initial_rate_gy_per_day,
            y90_plans=self.y90_plans,
            drug_by_target=self.drug_by_target,
        )

    def arrays(self) -> dict[str, np.ndarray]:
        """The numeric arrays the solver consumes."""
        return {
            "boundary_day": self.boundary_day,
            "lesion_dose_gy": self.lesion_dose_gy,
            "beam_on_time_day": self.beam_on_time_day,
            "node_dose_gy": self.node_dose_gy,
            "blood_mean_dose_gy": self.blood_mean_dose_gy,
            "blood_exposed_fraction": self.blood_exposed_fraction,
            "bolus_central_mg": self.bolus_central_mg,
            "bolus_depot_mg": self.bolus_depot_mg,
            "infusion_mg_per_day": self.infusion_mg_per_day,
            "gm_csf_ug_per_day": self.gm_csf_ug_per_day,
            "y90_day": self.y90_day,
            "y90_initial_rate_gy_per_day": self.y90_initial_rate_gy_per_day,
            "y90_liver_initial_rate_gy_per_day": self.y90_liver_initial_rate_gy_per_day,
        }


def _key(day: float) -> float:
    return round(float(day), _TIME_DECIMALS)


def y90_plans(treatment: Treatment, patient: Patient) -> tuple[Y90Plan, ...]:
    """Absorbed doses of each Y-90 administration (the lung-dose limit is checked when the
    scenario or trial file is read)."""
    plans = []
    volumes = {lesion.name: lesion.baseline_volume for lesion in patient.lesions}
    for index, administration in enumerate(treatment.y90):
        check_lung_dose(administration, f"y90[{index}]")  # also for values built in Python
        if administration.lesion_dose_gy is not None:
            doses = {
                name: administration.lesion_dose_gy.get(name, 0.0)
                for name in administration.treated_lesions
            }
            plans.append(
                Y90Plan(administration.day, doses, administration.normal_liver_dose_gy or 0.0, 0.0)
            )
            continue
        assert administration.activity_gbq is not None
        tumor_mass_g = administration.tumor_mass_g or sum(
            volumes[name] / 1000.0 for name in administration.treated_lesions
        )
        doses = partition_model_doses(
            administration.activity_gbq,
            administration.lung_shunt_fraction,
            administration.tumor_to_normal_ratio,
            tumor_mass_g / 1000.0,
            administration.normal_liver_mass_g / 1000.0,
            administration.lung_mass_g / 1000.0,
        )
        plans.append(
            Y90Plan(
                administration.day,
                {name: doses.tumor_gy for name in administration.treated_lesions},
                doses.normal_liver_gy,
                doses.lung_gy,
            )
        )
    return tuple(plans)


def compile_schedule(treatment: Treatment, patient: Patient) -> TreatmentSchedule:
    """Compile a treatment for a patient into boundary-indexed arrays (pure: the treatment was
    checked against the patient when it was read, ``scenario.check_scenario``)."""
    names = patient.lesion_names()
    organ = {lesion.name: lesion.organ for lesion in patient.lesions}
    outputs = {_key(day) for day in patient.output_times_day}
    times = {_key(0.0), _key(patient.duration_day), *outputs}
    fraction_events: list[tuple[float, dict]] = []
    for course in treatment.external_beam:
        exposure = blood_exposure(
            organ[course.target],
            course.dose_per_fraction_gy,
            course.field_size_cm,
            course.beam_on_time_min,
            course.blood_dose_per_fraction_gy,
        )
        for day in course.fraction_days():
            fraction_events.append((_key(day), {"course": course, "exposure": exposure}))
            times.add(_key(day))
    drug_by_target: list[str | None] = [None, None, None]
    drug_events: list[tuple[float, int, float, float]] = []  # day, slot, mg, minutes
    for course in treatment.checkpoint:
        antibody = ANTIBODIES[course.drug]
        slot = TARGETS.index(antibody.target)
        drug_by_target[slot] = antibody.name
        route = course.route or antibody.default_route
        amount = course.dose_amount_mg(patient.body_weight_kg)
        minutes = course.infusion_min if route == "iv" else 0.0
        for day in course.dose_days():
            times.add(_key(day))
            if minutes > 0:
                times.add(_key(day + minutes / MINUTES_PER_DAY))
            drug_events.append((day, slot, amount, -1.0 if route == "ip" else minutes))
    plans = y90_plans(treatment, patient)
    for plan in plans:
        times.add(_key(plan.day))
    gm_csf_windows = [
        (_key(start), _key(min(end, patient.duration_day)), rate)
        for start, end, rate in exposure_windows(treatment.gm_csf, patient.body_weight_kg)
    ]
    for start, end, _ in gm_csf_windows:
        times.update((start, end))
    if max(times) > _key(patient.duration_day):
        raise ValueError(
            f"treatment extends past duration_day {patient.duration_day:g}; check it against the "
            "patient first (scenario.check_scenario)"
        )
    boundary = np.array(sorted(times))
    index = {day: k for k, day in enumerate(boundary)}
    count, lesions = len(boundary), len(names)
    lesion_dose = np.zeros((count, lesions))
    beam_on = np.zeros((count, lesions))
    node = np.zeros(count)
    blood_mean = np.zeros(count)
    blood_unexposed = np.ones(count)
    for day, event in fraction_events:
        k, course, exposure = index[day], event["course"], event["exposure"]
        beam_day = course.beam_on_time_min / MINUTES_PER_DAY
        target = names.index(course.target)
        lesion_dose[k, target] += course.dose_per_fraction_gy
        beam_on[k, target] = max(beam_on[k, target], beam_day)
        for name, dose in course.scatter_dose_per_fraction_gy.items():
            lesion_dose[k, names.index(name)] += dose
            beam_on[k, names.index(name)] = max(beam_on[k, names.index(name)], beam_day)
        node[k] += course.draining_node_dose_per_fraction_gy
        blood_mean[k] += exposure.mean_dose_gy
        blood_unexposed[k] *= 1.0 - exposure.exposed_fraction
    bolus_central = np.zeros((count, 3))
    bolus_depot = np.zeros((count, 3))
    infusion = np.zeros((count, 3))
    for day, slot, amount, minutes in drug_events:
        k = index[_key(day)]
        if minutes < 0:
            bolus_depot[k, slot] += amount
        elif minutes == 0:
            bolus_central[k, slot] += amount
        else:
            end = index[_key(day + minutes / MINUTES_PER_DAY)]
            infusion[k:end, slot] += amount / (minutes / MINUTES_PER_DAY)
    y90_day = np.full(MAX_Y90, NO_Y90_DAY)
    y90_rate = np.zeros((MAX_Y90, lesions))
    y90_liver = np.zeros(MAX_Y90)
    for slot, plan in enumerate(plans):
        y90_day[slot] = plan.day
        for name, dose in plan.lesion_dose_gy.items():
            y90_rate[slot, names.index(name)] = initial_dose_rate_gy_per_day(dose)
        y90_liver[slot] = initial_dose_rate_gy_per_day(plan.normal_liver_gy)
    return TreatmentSchedule(
        boundary_day=boundary,
        is_output=np.array([day in outputs for day in boundary]),
        lesion_dose_gy=lesion_dose,
        beam_on_time_day=beam_on,
        node_dose_gy=node,
        blood_mean_dose_gy=blood_mean,
        blood_exposed_fraction=1.0 - blood_unexposed,
        bolus_central_mg=bolus_central,
        bolus_depot_mg=bolus_depot,
        infusion_mg_per_day=infusion,
        gm_csf_ug_per_day=dose_rate_by_segment(boundary, gm_csf_windows),
        y90_day=y90_day,
        y90_initial_rate_gy_per_day=y90_rate,
        y90_liver_initial_rate_gy_per_day=y90_liver,
        y90_plans=plans,
        drug_by_target=tuple(drug_by_target),
    )
