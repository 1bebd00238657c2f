"""Solution: the simulated trajectory of every lesion and of the systemic immune state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from abscopal.models.observation import lesion_observables
from abscopal.models.radiobiology import biologically_effective_dose_y90
from abscopal.models.state import S
from abscopal.parameters import ParameterSet
from abscopal.parameters.drugs import ANTIBODIES, TARGETS
from abscopal.protocols.schedule import TreatmentSchedule
from abscopal.scenario import Patient, Treatment
from abscopal.solvers.status import SolverStatus

RESPONSE_READING = (
    "lesion-level RECIST 1.1 best response, each lesion read alone by abscopal's assessment "
    "rules at every output time (as `abscopal assess SCENARIO --criteria recist --visit-days "
    "<the output days>`): CR when it disappears (diameter under the 3 mm detection limit; a "
    "node: short axis under 10 mm), PR at -30 % from baseline, PD at +20 % and +5 mm above its "
    "nadir, else SD"
)


@dataclass(frozen=True)
class Solution:
    """Simulated states at the output times of one patient under one treatment."""

    name: str
    patient: Patient
    treatment: Treatment
    parameters: ParameterSet
    schedule: TreatmentSchedule
    time_day: np.ndarray
    lesion_states: np.ndarray  # (T, n_lesions, n_lesion_states)
    systemic_states: np.ndarray  # (T, n_systemic_states)
    status: SolverStatus = SolverStatus.OK
    solver_steps: int = 0
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """Whether the solver finished with finite values."""
        return self.status is SolverStatus.OK

    @property
    def lesion_names(self) -> list[str]:
        """Lesion names in scenario order."""
        return self.patient.lesion_names()

    def observables(self) -> dict[str, np.ndarray]:
        """Per-lesion observables, each of shape (T, n_lesions)."""
        if "observables" not in self._cache:
            self._cache["observables"] = lesion_observables(
                self.lesion_states, self.parameters.values()
            )
        return self._cache["observables"]

    def diameter_mm(self, lesion: str) -> np.ndarray:
        """Diameter (short axis for nodes) of one lesion over time [mm]."""
        return self.observables()["diameter_mm"][:, self.lesion_names.index(lesion)]

    def systemic(self, name: str) -> np.ndarray:
        """One systemic state over time (see ``abscopal.models.state.SYSTEMIC_STATES``)."""
        return self.systemic_states[:, S[name]]

    def lesion_attributes(self) -> dict[str, np.ndarray]:
        """Per lesion, in scenario order: organ, irradiated, is_lymph_node, dose_gy."""
        lesions = self.patient.lesions
        return {
            "organ": np.asarray([lesion.organ for lesion in lesions], dtype=object),
            "irradiated": np.asarray([self.irradiated(name) for name in self.lesion_names]),
            "is_lymph_node": np.asarray(
                [lesion.is_lymph_node or lesion.organ == "lymph_node" for lesion in lesions]
            ),
            "dose_gy": np.asarray([self.dose_gy(name) for name in self.lesion_names], float),
        }

    def to_dataframe(self) -> pd.DataFrame:
        """Tidy per-lesion table: one row per output time and lesion."""
        observables = self.observables()
        times, lesions = len(self.time_day), len(self.lesion_names)
        attributes = self.lesion_attributes()
        frame = pd.DataFrame(
            {
                "time_day": np.repeat(self.time_day, lesions),
                "lesion": np.tile(self.lesion_names, times),
                "organ": np.tile(attributes["organ"], times),
                "irradiated": np.tile(attributes["irradiated"], times),
                "is_lymph_node": np.tile(attributes["is_lymph_node"], times),
                "dose_gy": np.tile(attributes["dose_gy"], times),
                "bone_pattern": np.tile(
                    [lesion.bone_pattern or "" for lesion in self.patient.lesions], times
                ),
            }
        )
        for name, values in observables.items():
            frame[name] = values.reshape(-1)
        return frame

    def systemic_dataframe(self) -> pd.DataFrame:
        """Systemic read-outs over time: lymphocytes, circulating effectors, drug levels."""
        frame = pd.DataFrame(
            {
                "time_day": self.time_day,
                "lymphocytes_per_ul": self.systemic("lymphocytes"),
                "circulating_effectors_1e6": self.systemic("circulating_effectors"),
                "precursors_1e6": self.systemic("precursors"),
                "memory_1e6": self.systemic("memory"),
                "dendritic_cells": self.systemic("dendritic_cells"),
            }
        )
        for slot, target in enumerate(TARGETS):
            name = self.schedule.drug_by_target[slot]
            if name is None:
                continue
            central = self.systemic_states[:, S["pd1_depot"] + 3 * slot + 1]
            frame[f"{name}_ug_per_ml"] = (
                np.maximum(central, 0.0) / ANTIBODIES[name].central_volume_l
            )
            frame[f"{target}_antibody"] = name
        return frame

    def irradiated(self, lesion: str) -> bool:
        """Whether the lesion is the target of a course or a Y-90 treated lesion."""
        targets = {course.target for course in self.treatment.external_beam}
        for plan in self.schedule.y90_plans:
            targets.update(name for name, dose in plan.lesion_dose_gy.items() if dose > 0)
        return lesion in targets

    def dose_gy(self, lesion: str) -> float:
        """Total physical dose to the lesion: fractions (target and scatter) plus Y-90."""
        index = self.lesion_names.index(lesion)
        total = float(self.schedule.lesion_dose_gy[:, index].sum())
        return total + sum(plan.lesion_dose_gy.get(lesion, 0.0) for plan in self.schedule.y90_plans)

    def bed_gy(self, lesion: str) -> float:
        """Tumor biologically effective dose (alpha/beta and repair from the parameter set)."""
        index = self.lesion_names.index(lesion)
        alpha_beta = self.parameters.value("tumor_alpha_beta_gy")
        doses = self.schedule.lesion_dose_gy[:, index]
        bed = float(np.sum(doses * (1.0 + doses / alpha_beta)))
        repair = self.parameters.value("sublethal_repair_half_time_hour")
        for plan in self.schedule.y90_plans:
            dose = plan.lesion_dose_gy.get(lesion, 0.0)
            bed += biologically_effective_dose_y90(dose, alpha_beta, repair)
        return bed

    def lesion_summary(self, lesion: str) -> dict[str, Any]:
        """Baseline, nadir, best change and the lesion-level response of one lesion."""
        return self.summary_records()[self.lesion_names.index(lesion)]

    def lesion_responses(self) -> dict[str, str]:
        """Lesion-level RECIST 1.1 best response of every lesion (:data:`RESPONSE_READING`):
        the assessment package's rule applied to each lesion's diameter at every output time,
        read as a scan reads it (under the detection limit: 0 mm), which is what ``abscopal
        assess`` gives for the same scenario with the output days as scan days."""
        from abscopal.assessment.criteria import CRITERIA
        from abscopal.assessment.measurements import NODE_ORGANS
        from abscopal.assessment.roles import normal_node_mm
        from abscopal.assessment.simulated import DEFAULT_DETECTION_LIMIT_MM
        from abscopal.assessment.sum_based import lesion_best_response

        rule = CRITERIA["recist"].sum_rule
        assert rule is not None
        diameters = np.nan_to_num(self.observables()["diameter_mm"], nan=np.nan, posinf=np.nan)
        scanned = np.where(diameters < DEFAULT_DETECTION_LIMIT_MM, 0.0, diameters)
        nodes = self.lesion_attributes()["is_lymph_node"]
        responses = {}
        for index, lesion in enumerate(self.patient.lesions):
            node = bool(nodes[index]) or lesion.organ in NODE_ORGANS
            node_mm = normal_node_mm(lesion.organ, "recist") if node else None
            responses[lesion.name] = lesion_best_response(scanned[:, index], node_mm, rule)
        return responses

    def summary(self) -> pd.DataFrame:
        """One row per lesion in scenario order (:meth:`summary_records` as a table)."""
        return pd.DataFrame(self.summary_records())

    def summary_records(self) -> list[dict[str, Any]]:
        """Lesion summaries in scenario order: baseline, nadir, best and final change of the
        simulated diameter and the lesion-level response (:meth:`lesion_responses`)."""
        diameters = self.observables()["diameter_mm"]
        responses = self.lesion_responses()
        rows = []
        for index, lesion in enumerate(self.lesion_names):
            diameter = diameters[:, index]
            baseline = float(diameter[0])
            nadir_index = int(np.argmin(diameter))
            change = 100.0 * (diameter - baseline) / baseline
            rows.append(
                {
                    "lesion": lesion,
                    "organ": self.patient.lesions[index].organ,
                    "irradiated": self.irradiated(lesion),
                    "dose_gy": round(self.dose_gy(lesion), 4),
                    "bed_gy": round(self.bed_gy(lesion), 4),
                    "baseline_diameter_mm": round(baseline, 4),
                    "nadir_diameter_mm": round(float(diameter[nadir_index]), 4),
                    "nadir_day": float(self.time_day[nadir_index]),
                    "final_diameter_mm": round(float(diameter[-1]), 4),
                    "best_change_pct": round(float(change.min()), 3),
                    "final_change_pct": round(float(change[-1]), 3),
                    "response": responses[lesion],
                }
            )
        return rows

    def plot(self, path: str | None = None, counterfactual: Solution | None = None) -> Any:
        """The lesion figure (:func:`abscopal.plotting.lesions.lesion_figure`); written to
        ``path`` (PNG, SVG or PDF by suffix) when given, and returned for a notebook."""
        import matplotlib.pyplot as plt

        from abscopal.plotting.lesions import lesion_figure

        figure = lesion_figure(self, counterfactual)
        if path is not None:
            figure.savefig(path, dpi=110)
            plt.close(figure)
        return figure

    def _headline(self) -> str:
        lesions = len(self.lesion_names)
        irradiated = sum(self.irradiated(name) for name in self.lesion_names)
        return (
            f"{self.name}: {self.patient.species}, {lesions} lesion{'s' * (lesions != 1)} "
            f"({irradiated} irradiated), {self.time_day[-1]:g} days, solver {self.status.value}"
        )

    def __repr__(self) -> str:
        return f"<Solution {self._headline()}>"

    def _repr_html_(self) -> str:
        from html import escape

        columns = ["lesion", "organ", "irradiated", "dose_gy", "best_change_pct", "response"]
        table = self.summary()[columns].to_html(index=False, float_format=lambda x: f"{x:.1f}")
        return f"<p><b>Solution</b> {escape(self._headline())}</p>{table}"
