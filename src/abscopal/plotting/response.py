"""Response figures of an assessment: spider plot, waterfall, swimmer plot."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

if TYPE_CHECKING:
    from abscopal.assessment import Assessment

IRRADIATED_COLOR = "#c0392b"
DISTANT_COLOR = "#2471a3"
UNKNOWN_COLOR = "#7f8c8d"


def _color(irradiated: object) -> str:
    if irradiated is None or irradiated != irradiated:  # None or NaN
        return UNKNOWN_COLOR
    return IRRADIATED_COLOR if bool(irradiated) else DISTANT_COLOR


def _legend(axis: plt.Axes) -> None:
    axis.plot([], [], color=IRRADIATED_COLOR, linewidth=2, label="irradiated")
    axis.plot([], [], color=DISTANT_COLOR, linewidth=2, linestyle="--", label="not irradiated")
    axis.legend(loc="best", fontsize=8)


def plot_spider(assessment: Assessment, path: str | Path) -> Path:
    """Per-lesion % change from baseline against time; irradiated solid red, distant dashed blue."""
    path = Path(path)
    figure, axis = plt.subplots(figsize=(8, 5))
    changes = assessment.lesion_changes
    changes = changes[changes["role"] != "new"]
    for (_, _), rows in changes.groupby(["patient_id", "lesion_id"], sort=True):
        irradiated = rows["irradiated"].iloc[0]
        distant = _color(irradiated) == DISTANT_COLOR
        axis.plot(
            rows["day"],
            rows["change_from_baseline_pct"],
            color=_color(irradiated),
            linestyle="--" if distant else "-",
            marker="o",
            markersize=3,
            linewidth=1.2,
            alpha=0.8,
        )
    rule = assessment.criterion.lesion_rule
    threshold = -50.0 if assessment.criteria == "mda" else -30.0
    axis.axhline(threshold, color="black", linewidth=0.8, linestyle=":")
    axis.axhline(0.0, color="grey", linewidth=0.6)
    if assessment.criteria in ("recist", "irecist", "mrecist"):
        axis.axhline(20.0, color="black", linewidth=0.8, linestyle=":")
    axis.set_xlabel("day")
    axis.set_ylabel("change from baseline [%]")
    axis.set_title(f"{assessment.criterion.title}: lesion response ({rule})", fontsize=9)
    _legend(axis)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def plot_waterfall(assessment: Assessment, path: str | Path) -> Path:
    """Best change from baseline per lesion, sorted; abscopal responders hatched."""
    path = Path(path)
    lesions = assessment.lesions[assessment.lesions["role"] != "new"].copy()
    lesions = lesions[np.isfinite(lesions["best_change_pct"].astype(float))]
    lesions = lesions.sort_values("best_change_pct", ascending=False, kind="stable")
    figure, axis = plt.subplots(figsize=(max(6.0, 0.25 * len(lesions) + 2), 4.5))
    positions = np.arange(len(lesions))
    bars = axis.bar(
        positions,
        np.clip(lesions["best_change_pct"].astype(float), -100, 200),
        color=[_color(value) for value in lesions["irradiated"]],
    )
    for bar, abscopal in zip(bars, lesions["abscopal_response"], strict=True):
        if abscopal is True:
            bar.set_hatch("//")
            bar.set_edgecolor("black")
    axis.axhline(-30.0 if assessment.criteria != "mda" else -50.0, color="black", linestyle=":")
    axis.axhline(0.0, color="grey", linewidth=0.6)
    axis.set_xticks(positions)
    axis.set_xticklabels(
        [
            f"{p}:{lesion}"
            for p, lesion in zip(lesions["patient_id"], lesions["lesion_id"], strict=True)
        ],
        rotation=90,
        fontsize=6,
    )
    axis.set_ylabel("best change from baseline [%]")
    axis.set_title(
        f"{assessment.criterion.title}: best change per lesion (hatched: abscopal response)",
        fontsize=9,
    )
    axis.bar([], [], color=IRRADIATED_COLOR, label="irradiated")
    axis.bar([], [], color=DISTANT_COLOR, label="not irradiated")
    axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def plot_swimmer(assessment: Assessment, path: str | Path) -> Path:
    """One bar per patient to the last scan, with response, abscopal onset and progression."""
    path = Path(path)
    patients = assessment.patients.sort_values("last_scan_day", kind="stable")
    timepoints = assessment.timepoints
    responders = assessment.criterion.responders
    figure, axis = plt.subplots(figsize=(8, max(2.5, 0.35 * len(patients) + 1.5)))
    for row, patient in enumerate(patients.itertuples()):
        start = patient.baseline_day
        axis.barh(row, patient.last_scan_day - start, left=start, color="#d5d8dc", height=0.6)
        own = timepoints[timepoints["patient_id"] == patient.patient_id]
        responding = own[own["overall_response"].isin(responders)]
        if len(responding):
            axis.plot(responding["day"].iloc[0], row, "o", color="#27ae60", markersize=7)
        if np.isfinite(patient.first_abscopal_response_day):
            axis.plot(
                patient.first_abscopal_response_day, row, "*", color=DISTANT_COLOR, markersize=11
            )
        if np.isfinite(patient.progression_day):
            axis.plot(patient.progression_day, row, "X", color=IRRADIATED_COLOR, markersize=8)
        axis.text(
            patient.last_scan_day, row, f" {patient.best_overall_response}", va="center", fontsize=7
        )
    axis.plot([], [], "o", color="#27ae60", label="first objective response")
    axis.plot([], [], "*", color=DISTANT_COLOR, label="first abscopal response")
    axis.plot([], [], "X", color=IRRADIATED_COLOR, label="progression (confirmed)")
    axis.set_yticks(range(len(patients)))
    axis.set_yticklabels(patients["patient_id"], fontsize=7)
    axis.set_xlabel("day")
    axis.set_title(
        f"{assessment.criterion.title}: patients (label: best overall response)", fontsize=9
    )
    axis.legend(fontsize=7, loc="lower right")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path
