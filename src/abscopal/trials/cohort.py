"""Sampling virtual patients from a trial file's cohort distributions (seeded, reproducible).

Parameters are log-normal around their median (the parameter set's value unless given) with the
stated coefficient of variation, correlated on the log scale through a Gaussian copula (Cholesky
factor of the correlation matrix). Each patient draws a lesion count, the index lesion's site,
the other lesions' sites, baseline diameters (truncated log-normal) and a PD-L1 stratum; with
``cohort.occult_lesions``, also its occult lesions, and with ``cohort.lesion_parameters`` each
lesion's own values of lesion-level parameters (both drawn after everything else, so a file
without them samples exactly the same patients as before they existed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from abscopal.parameters import get_parameter_set
from abscopal.scenario import ScenarioError
from abscopal.trials.spec import LogNormal, TrialSpec


@dataclass(frozen=True)
class VirtualPatient:
    """One sampled patient: parameter values, body weight, lesions and PD-L1 stratum."""

    patient_id: int
    parameters: dict[str, float]
    body_weight_kg: float
    lesion_sites: tuple[str, ...]
    lesion_diameters_mm: tuple[float, ...]
    pd_l1_stratum: str | None
    pd_l1_baseline: float | None
    occult_sites: tuple[str, ...] = ()
    occult_diameters_mm: tuple[float, ...] = ()
    lesion_parameters: tuple[dict[str, float], ...] = ()  # per simulated lesion, visible first

    @property
    def lesion_names(self) -> list[str]:
        """Visible lesion names: L1 (index lesion), L2, …"""
        return [f"L{index + 1}" for index in range(len(self.lesion_sites))]

    @property
    def occult_names(self) -> list[str]:
        """Occult lesion names: O1, O2, …"""
        return [f"O{index + 1}" for index in range(len(self.occult_sites))]

    @property
    def simulated_lesion_count(self) -> int:
        """Lesions in the patient's simulation (visible and occult): one batch shape."""
        return len(self.lesion_sites) + len(self.occult_sites)


def _sigma(cv: float) -> float:
    return math.sqrt(math.log1p(cv**2))


def correlation_matrix(spec: TrialSpec) -> np.ndarray:
    """Correlation matrix of the sampled parameters (log scale), in ``cohort.parameters`` order;
    ScenarioError if it is not positive definite."""
    names = list(spec.cohort.parameters)
    matrix = np.eye(len(names))
    for correlation in spec.cohort.correlations:
        i, j = (names.index(name) for name in correlation.between)
        matrix[i, j] = matrix[j, i] = correlation.rho
    if names and np.min(np.linalg.eigvalsh(matrix)) <= 1e-10:
        raise ScenarioError(
            "cohort.correlations",
            "the correlations are not a valid (positive definite) correlation matrix",
        )
    return matrix


def _lognormal(rng: np.random.Generator, dist: LogNormal, median: float, normal: np.ndarray):
    return median * np.exp(_sigma(dist.cv) * normal)


def _choice(rng: np.random.Generator, shares: dict[str, float], size: int) -> np.ndarray:
    names = [name for name, share in shares.items() if share > 0]
    weights = np.array([shares[name] for name in names])
    return np.array(names)[rng.choice(len(names), size=size, p=weights / weights.sum())]


def sample_cohort(
    spec: TrialSpec, count: int, seed: int, first_id: int = 0
) -> list[VirtualPatient]:
    """``count`` virtual patients from the cohort distributions (same seed, same patients)."""
    cohort = spec.cohort
    rng = np.random.default_rng(seed)
    defaults = get_parameter_set(spec.parameter_set_name)
    names = list(cohort.parameters)
    normals = rng.standard_normal((count, len(names)))
    if names:
        normals = normals @ np.linalg.cholesky(correlation_matrix(spec)).T
    values = {
        name: _lognormal(rng, dist, dist.median or defaults.value(name), normals[:, k])
        for k, (name, dist) in enumerate(cohort.parameters.items())
    }
    weight = cohort.body_weight_kg
    weights = _lognormal(rng, weight, weight.median or 72.0, rng.standard_normal(count))
    low, high = cohort.lesion_count
    counts = rng.integers(low, high + 1, size=count)
    index_sites = _choice(rng, cohort.index_lesion_sites, count)
    other_sites = _choice(rng, cohort.other_lesion_sites, count * (high - 1) or 1)
    size = cohort.baseline_diameter
    raw = size.median_mm * np.exp(_sigma(size.cv) * rng.standard_normal((count, high)))
    diameters = np.clip(raw, size.min_mm, size.max_mm)
    strata = list(cohort.pd_l1_strata)
    stratum = (
        _choice(rng, {name: cohort.pd_l1_strata[name].share for name in strata}, count)
        if strata
        else [None] * count
    )
    occult_sites, occult_diameters = _occult(rng, spec, count)
    lesion_values = _lesion_values(rng, spec, count, high + _occult_maximum(spec))
    patients = []
    for i in range(count):
        n = int(counts[i])
        sites = (
            str(index_sites[i]),
            *(str(site) for site in other_sites[i * (high - 1) :][: n - 1]),
        )
        label = None if stratum[i] is None else str(stratum[i])
        patients.append(
            VirtualPatient(
                patient_id=first_id + i,
                parameters={name: float(values[name][i]) for name in names},
                body_weight_kg=float(weights[i]),
                lesion_sites=sites,
                lesion_diameters_mm=tuple(float(d) for d in diameters[i, :n]),
                pd_l1_stratum=label,
                pd_l1_baseline=None if label is None else cohort.pd_l1_strata[label].pd_l1_baseline,
                occult_sites=occult_sites[i],
                occult_diameters_mm=occult_diameters[i],
                lesion_parameters=tuple(
                    {name: float(values[i, j]) for name, values in lesion_values.items()}
                    for j in range(n + len(occult_sites[i]))
                )
                if lesion_values
                else (),
            )
        )
    return patients


def _occult_maximum(spec: TrialSpec) -> int:
    occult = spec.cohort.occult_lesions
    return 0 if occult is None else occult.count[1]


def _lesion_values(
    rng: np.random.Generator, spec: TrialSpec, count: int, lesions: int
) -> dict[str, np.ndarray]:
    """Per-lesion values (patients x ``lesions``) of ``cohort.lesion_parameters``: a shared
    patient normal and a lesion normal mixed with the within-patient correlation, on the log or
    (for shares) logit scale, clipped to the parameter's accepted range."""
    variations = spec.cohort.lesion_parameters
    if not variations:
        return {}
    defaults = get_parameter_set(spec.parameter_set_name)
    patient_normals = rng.standard_normal((count, len(variations)))
    lesion_normals = rng.standard_normal((count, lesions, len(variations)))
    values = {}
    for k, (name, variation) in enumerate(variations.items()):
        parameter = defaults[name]
        median = variation.median if variation.median is not None else parameter.value
        rho = variation.within_patient_correlation
        normal = (
            math.sqrt(rho) * patient_normals[:, k, None]
            + math.sqrt(1.0 - rho) * (lesion_normals[:, :, k])
        )
        if parameter.upper <= 1.0:
            logit = math.log(median / (1.0 - median)) + variation.sd * normal
            drawn = 1.0 / (1.0 + np.exp(-logit))
        else:
            drawn = median * np.exp(variation.sd * normal)
        values[name] = np.clip(drawn, parameter.lower, parameter.upper)
    return values


def _occult(
    rng: np.random.Generator, spec: TrialSpec, count: int
) -> tuple[list[tuple[str, ...]], list[tuple[float, ...]]]:
    """Sites and diameters of each patient's occult lesions (none without the block)."""
    occult = spec.cohort.occult_lesions
    if occult is None:
        return [()] * count, [()] * count
    low, high = occult.count
    counts = rng.integers(low, high + 1, size=count)
    sites = _choice(rng, occult.sites or spec.cohort.other_lesion_sites, count * high or 1)
    size = occult.diameter
    raw = size.median_mm * np.exp(_sigma(size.cv) * rng.standard_normal((count, max(high, 1))))
    diameters = np.clip(raw, size.min_mm, size.max_mm)
    return (
        [tuple(str(site) for site in sites[i * high : i * high + n]) for i, n in enumerate(counts)],
        [tuple(float(d) for d in diameters[i, :n]) for i, n in enumerate(counts)],
    )


def lesion_entry(name: str, site: str, diameter_mm: float) -> dict[str, Any]:
    """The scenario entry of a sampled lesion: a lymph node is read as a node, a bone lesion
    starts lytic."""
    lesion: dict[str, Any] = {"name": name, "organ": site, "baseline_diameter_mm": diameter_mm}
    if site == "lymph_node":
        lesion["is_lymph_node"] = True
    if site == "bone":
        lesion["bone_pattern"] = "lytic"
    return lesion


def patient_scenario(spec: TrialSpec, patient: VirtualPatient, arm_name: str | None) -> dict:
    """The scenario mapping of one patient in one arm (``None``: untreated)."""
    arm = next((arm for arm in spec.arms if arm.name == arm_name), None)
    if arm_name is not None and arm is None:
        raise KeyError(f"unknown arm {arm_name!r}")
    lesions = []
    for name, site, diameter in zip(
        patient.lesion_names + patient.occult_names,
        patient.lesion_sites + patient.occult_sites,
        patient.lesion_diameters_mm + patient.occult_diameters_mm,
        strict=True,
    ):
        lesion = lesion_entry(name, site, diameter)
        if patient.pd_l1_baseline is not None:
            lesion["pd_l1_baseline"] = patient.pd_l1_baseline
        lesions.append(lesion)
    if patient.lesion_parameters:
        for lesion, values in zip(lesions, patient.lesion_parameters, strict=True):
            lesion["parameters"] = dict(values)
    treatment = {} if arm is None else arm.model_dump(exclude={"name"}, exclude_defaults=True)
    return {
        "name": f"{spec.name}-{arm_name or 'untreated'}-{patient.patient_id}",
        "species": spec.species,
        "body_weight_kg": patient.body_weight_kg,
        "parameter_set": spec.parameter_set_name,
        "parameter_overrides": dict(patient.parameters),
        "lesions": lesions,
        "duration_day": spec.follow_up_day,
        "output_times_day": visit_days(spec),
        **treatment,
    }


def visit_days(spec: TrialSpec) -> list[float]:
    """Imaging days: baseline 0, then every interval from the first visit to follow-up."""
    days = [0.0]
    day = spec.visits.first_day
    while day <= spec.follow_up_day + 1e-9:
        days.append(float(day))
        day += spec.visits.interval_day
    return days
