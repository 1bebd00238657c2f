"""Plausible patients and virtual-population selection (Allen, Rieger & Musante 2016).

1. Candidates are sampled from the cohort distributions in rounds (seeded).
2. Each candidate is simulated untreated for ``plausibility.window_day`` days; candidates whose
   tumor volume doubling time, baseline sum of diameters or lymphocyte count fall outside the
   stated ranges are rejected (a candidate whose tumors do not grow untreated has no finite
   doubling time and is rejected too).
3. If ``selection`` names target distributions, each plausible patient is accepted with
   probability proportional to target density / plausible density of its read-outs (densities
   on the log scale; the plausible density is a histogram of the plausible set), which makes the
   selected population follow the targets without weights.
Acceptance rates of both steps are reported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from scipy import stats

from abscopal.scenario import ScenarioError
from abscopal.trials.cohort import VirtualPatient, patient_scenario, sample_cohort
from abscopal.trials.spec import LogNormal, TrialSpec

ROUND_SEED_STRIDE = 7919
UNTREATED_CHUNK = 256  # patients per untreated batch: memory stays flat


@dataclass(frozen=True)
class PopulationReport:
    """How the virtual population was obtained."""

    candidates: int
    plausible: int
    selected: int
    rejected_by: dict[str, int]

    @property
    def plausible_rate(self) -> float:
        """Share of candidates that were plausible."""
        return self.plausible / self.candidates if self.candidates else math.nan

    @property
    def selection_rate(self) -> float:
        """Share of plausible patients kept by the selection."""
        return self.selected / self.plausible if self.plausible else math.nan


def untreated_readouts(spec: TrialSpec, patients: list[VirtualPatient]) -> dict[str, np.ndarray]:
    """Doubling time [day], baseline sum of diameters [mm] and lymphocytes [/uL] of each patient
    from an untreated simulation over the plausibility window."""
    from abscopal.simulation import simulate_batch

    window = spec.plausibility.window_day
    doubling = np.full(len(patients), np.inf)
    lymphocytes = np.zeros(len(patients))
    sums = np.array([sum(p.lesion_diameters_mm) for p in patients])
    groups: dict[int, list[int]] = {}
    for index, patient in enumerate(patients):
        groups.setdefault(patient.simulated_lesion_count, []).append(index)
    chunks = [
        members[start : start + UNTREATED_CHUNK]
        for members in groups.values()
        for start in range(0, len(members), UNTREATED_CHUNK)
    ]
    for indices in chunks:
        scenarios = []
        for index in indices:
            scenario = patient_scenario(spec, patients[index], None)
            scenario.update(duration_day=window, output_times_day=[0.0, window])
            scenarios.append(scenario)
        # pad to a power of two so rounds of different sizes reuse a few compiled shapes
        padded = max(16, 1 << (len(scenarios) - 1).bit_length())
        solutions = simulate_batch(scenarios + [scenarios[-1]] * (padded - len(scenarios)))
        for index, solution in zip(indices, solutions[: len(indices)], strict=True):
            if not solution.ok:
                continue
            volume = solution.observables()["volume_mm3"].sum(axis=1)
            growth = math.log(volume[-1] / volume[0])
            doubling[index] = window * math.log(2.0) / growth if growth > 0 else np.inf
            lymphocytes[index] = solution.systemic("lymphocytes")[0]
    return {
        "doubling_time_day": doubling,
        "sum_of_diameters_mm": sums,
        "lymphocytes_per_ul": lymphocytes,
    }


def plausible_mask(spec: TrialSpec, readouts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per read-out, which patients fall inside the stated range."""
    ranges = spec.plausibility
    return {
        name: (values >= getattr(ranges, name)[0]) & (values <= getattr(ranges, name)[1])
        for name, values in readouts.items()
    }


def selection_probability(
    values: dict[str, np.ndarray], targets: dict[str, LogNormal]
) -> np.ndarray:
    """Allen-style acceptance probability: product over targeted read-outs of target density /
    plausible density (histogram on the log scale), scaled so the largest is 1."""
    ratio = np.ones(len(next(iter(values.values()))))
    for name, target in targets.items():
        logs = np.log(values[name])
        sigma = math.sqrt(math.log1p(target.cv**2))
        assert target.median is not None
        wanted = stats.norm.pdf(logs, math.log(target.median), sigma)
        bins = max(5, min(40, int(np.sqrt(logs.size))))
        density, edges = np.histogram(logs, bins=bins, density=True)
        have = density[np.clip(np.searchsorted(edges, logs, side="right") - 1, 0, bins - 1)]
        ratio *= wanted / np.maximum(have, 1e-12)
    return ratio / ratio.max()


def virtual_population(spec: TrialSpec) -> tuple[list[VirtualPatient], PopulationReport]:
    """``spec.patients`` plausible (and, with targets, selected) virtual patients, numbered
    0 … n-1 in the order they were accepted."""
    targets = {
        name: dist
        for name, dist in (
            ("doubling_time_day", spec.selection.doubling_time_day),
            ("sum_of_diameters_mm", spec.selection.sum_of_diameters_mm),
        )
        if dist is not None
    }
    for name, dist in targets.items():
        if dist.median is None:
            raise ScenarioError(f"selection.{name}.median", "give the target median")
    limit = spec.patients * spec.plausibility.max_candidates_per_patient
    accepted: list[VirtualPatient] = []
    candidates = plausible = 0
    rejected = {"doubling_time_day": 0, "sum_of_diameters_mm": 0, "lymphocytes_per_ul": 0}
    rng = np.random.default_rng(spec.seed)
    round_index = 0
    while len(accepted) < spec.patients:
        if candidates >= limit:
            raise ScenarioError(
                "plausibility",
                f"only {len(accepted)} of {spec.patients} patients accepted after {candidates} "
                "candidates; widen the plausibility ranges or change the cohort distributions",
            )
        size = max(2 * (spec.patients - len(accepted)), 16)
        batch = sample_cohort(spec, size, seed=spec.seed + ROUND_SEED_STRIDE * round_index)
        round_index += 1
        candidates += size
        readouts = untreated_readouts(spec, batch)
        masks = plausible_mask(spec, readouts)
        keep = np.logical_and.reduce(list(masks.values()))
        for name, mask in masks.items():
            rejected[name] += int(np.sum(~mask))
        plausible += int(keep.sum())
        chosen = np.flatnonzero(keep)
        if targets and chosen.size:
            values = {name: readouts[name][chosen] for name in targets}
            probability = selection_probability(values, targets)
            chosen = chosen[rng.uniform(size=chosen.size) < probability]
        for index in chosen:
            if len(accepted) == spec.patients:
                break
            accepted.append(replace(batch[index], patient_id=len(accepted)))
    report = PopulationReport(candidates, plausible, len(accepted), rejected)
    return accepted, report
