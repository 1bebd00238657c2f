"""Response figures of an assessment in the clinical conventions: a spider plot (one line per
patient), a waterfall (one bar per patient, coloured by best overall response) — each also per
lesion — and a swimmer plot with responses, iUPD / confirmed progression and abscopal onset."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from abscopal.plotting.response_colors import response_color, response_handles

if TYPE_CHECKING:
    from abscopal.assessment import Assessment

IRRADIATED_COLOR = "#c0392b"
DISTANT_COLOR = "#2471a3"
UNKNOWN_COLOR = "#7f8c8d"
LABELLED_PATIENTS = 30  # spider lines are labelled with the patient up to this many patients
LABEL_GAP = 0.035  # the least distance between two spider labels, as a share of the y range


def _color(irradiated: object) -> str:
    if irradiated is None or irradiated != irradiated:  # None or NaN
        return UNKNOWN_COLOR
    return IRRADIATED_COLOR if bool(irradiated) else DISTANT_COLOR


def _site_handles() -> list[Line2D]:
    return [
        Line2D([], [], color=IRRADIATED_COLOR, linewidth=2, label="irradiated"),
        Line2D([], [], color=DISTANT_COLOR, linewidth=2, linestyle="--", label="not irradiated"),
    ]


def _reference_lines(axis: plt.Axes, assessment: Assessment) -> None:
    """The response (-30 %, or -50 % for MD Anderson) and progression (+20 %) thresholds."""
    axis.axhline(
        -50.0 if assessment.criteria == "mda" else -30.0,
        color="black",
        linewidth=0.8,
        linestyle=":",
    )
    if assessment.criteria in ("recist", "irecist", "mrecist"):
        axis.axhline(20.0, color="black", linewidth=0.8, linestyle=":")
    axis.axhline(0.0, color="grey", linewidth=0.6)


def _best_responses(assessment: Assessment) -> dict[object, object]:
    return dict(
        zip(
            assessment.patients["patient_id"],
            assessment.patients["best_overall_response"],
            strict=True,
        )
    )


def _save(figure: plt.Figure, path: Path) -> Path:
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def plot_spider(assessment: Assessment, path: str | Path, per_lesion: bool = False) -> Path:
    """Change from baseline against time: one line per patient (the criterion's sum of target
    lesions), coloured by best overall response and labelled with the patient at its end; with
    ``per_lesion``, one line per lesion (irradiated solid red, not irradiated dashed blue)."""
    path = Path(path)
    figure, axis = plt.subplots(figsize=(8.5, 5), layout="constrained")
    if per_lesion:
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
        handles, what = _site_handles(), "per lesion"
    else:
        best = _best_responses(assessment)
        timepoints = assessment.timepoints.dropna(subset=["change_from_baseline_pct"])
        groups = list(timepoints.groupby("patient_id", sort=True))
        ends: dict[float, list[tuple[str, float]]] = {}
        for patient_id, rows in groups:
            color = response_color(best.get(patient_id))
            axis.plot(
                rows["day"],
                rows["change_from_baseline_pct"],
                color=color,
                marker="o",
                markersize=3,
                linewidth=1.4,
                gid="patient_line",
            )
            last_day = float(rows["day"].iloc[-1])
            ends.setdefault(last_day, []).append(
                (str(patient_id), float(rows["change_from_baseline_pct"].iloc[-1]))
            )
        if len(groups) <= LABELLED_PATIENTS:
            changes = timepoints["change_from_baseline_pct"].astype(float)
            gap = LABEL_GAP * max(float(changes.max() - changes.min()), 1.0)
            span = max(float(timepoints["day"].max()), 1.0)
            for day, labels in ends.items():  # labels of lines ending together never overlap
                for patient_id, placed in _spread(labels, gap):
                    axis.annotate(
                        patient_id,
                        (day, dict(labels)[patient_id]),
                        xytext=(day + 0.01 * span, placed),
                        textcoords="data",
                        fontsize=7,
                        va="center",
                        gid="patient_label",
                    )
        handles = response_handles(best.values())
        what = "sum of target lesions per patient, colour: best overall response"
    _reference_lines(axis, assessment)
    axis.set_xlabel("day")
    axis.set_ylabel("change from baseline [%]")
    axis.set_title(f"{assessment.criterion.title}: {what}", fontsize=9)
    axis.legend(
        handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False
    )
    return _save(figure, path)


def _patient_best_change(assessment: Assessment) -> pd.DataFrame:
    """Per patient: the smallest change from baseline of the target sum after baseline, and the
    best overall response."""
    timepoints = assessment.timepoints
    later = timepoints[timepoints["day"] > timepoints.groupby("patient_id")["day"].transform("min")]
    best_change = later.groupby("patient_id")["change_from_baseline_pct"].min()
    frame = assessment.patients[["patient_id", "best_overall_response"]].copy()
    frame["best_change_pct"] = frame["patient_id"].map(best_change).astype(float)
    return frame[np.isfinite(frame["best_change_pct"])]


def plot_waterfall(assessment: Assessment, path: str | Path, per_lesion: bool = False) -> Path:
    """Best change from baseline, sorted: one bar per patient (the target sum) coloured by best
    overall response; with ``per_lesion``, one bar per lesion coloured by irradiated or not,
    abscopal responders hatched."""
    path = Path(path)
    if per_lesion:
        rows = assessment.lesions[assessment.lesions["role"] != "new"].copy()
        rows = rows[np.isfinite(rows["best_change_pct"].astype(float))]
        labels = [
            f"{p}:{lesion}" for p, lesion in zip(rows["patient_id"], rows["lesion_id"], strict=True)
        ]
        rows = rows.assign(label=labels)
    else:
        rows = _patient_best_change(assessment)
        rows = rows.assign(label=rows["patient_id"].astype(str))
    rows = rows.sort_values("best_change_pct", ascending=False, kind="stable")
    figure, axis = plt.subplots(
        figsize=(max(6.0, 0.25 * len(rows) + 2.5), 4.5), layout="constrained"
    )
    positions = np.arange(len(rows))
    if per_lesion:
        colors = [_color(value) for value in rows["irradiated"]]
        handles = [
            *(
                Line2D([], [], color=line.get_color(), linewidth=6, label=line.get_label())
                for line in _site_handles()
            ),
        ]
    else:
        colors = [response_color(code) for code in rows["best_overall_response"]]
        handles = response_handles(rows["best_overall_response"])
    bars = axis.bar(
        positions, np.clip(rows["best_change_pct"].astype(float), -100, 200), color=colors
    )
    if per_lesion:
        for bar, abscopal in zip(bars, rows["abscopal_response"], strict=True):
            if abscopal is True:
                bar.set_hatch("//")
                bar.set_edgecolor("black")
    _reference_lines(axis, assessment)
    axis.set_xticks(positions)
    axis.set_xticklabels(rows["label"], rotation=90, fontsize=6)
    axis.set_xlim(-0.75, len(rows) - 0.25)
    axis.set_ylabel("best change from baseline [%]")
    title = (
        "best change per lesion (hatched: abscopal response)"
        if per_lesion
        else "best change of the target sum per patient, colour: best overall response"
    )
    axis.set_title(f"{assessment.criterion.title}: {title}", fontsize=9)
    axis.legend(
        handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False
    )
    return _save(figure, path)


SWIMMER_MARKERS = {  # event: (marker, colour, label)
    "response": ("o", "#27ae60", "first objective response"),
    "iupd": ("v", "#e67e22", "unconfirmed progression (iUPD)"),
    "progression": ("X", IRRADIATED_COLOR, "progression (PD / iCPD)"),
    "abscopal": ("*", DISTANT_COLOR, "first abscopal response"),
}


def _swimmer_events(patient, own: pd.DataFrame, responders) -> list[tuple[str, float]]:
    events = []
    responding = own[own["overall_response"].isin(responders)]
    if len(responding):
        events.append(("response", float(responding["day"].iloc[0])))
    unconfirmed = own[own["overall_response"] == "iUPD"]
    if len(unconfirmed):
        events.append(("iupd", float(unconfirmed["day"].iloc[0])))
    if np.isfinite(patient.progression_day):
        events.append(("progression", float(patient.progression_day)))
    if np.isfinite(patient.first_abscopal_response_day):
        events.append(("abscopal", float(patient.first_abscopal_response_day)))
    return events


MARKER_GAP = 0.015  # the least distance between two markers of a row, as a share of the axis


def _spread(events: list[tuple[str, float]], gap: float) -> list[tuple[str, float]]:
    """Events placed so that no two are closer than ``gap`` days: a run of close events (the
    same scan day, or neighbouring ones) is spread evenly around its mean day, in day order."""
    ordered = sorted(events, key=lambda item: item[1])
    clusters: list[list[tuple[str, float]]] = []
    for event in ordered:
        if clusters and event[1] - clusters[-1][-1][1] < gap:
            clusters[-1].append(event)
        else:
            clusters.append([event])
    placed = []
    for cluster in clusters:
        centre = float(np.mean([day for _, day in cluster]))
        for index, (event, _) in enumerate(cluster):
            placed.append((event, centre + (index - (len(cluster) - 1) / 2) * gap))
    return placed


def plot_swimmer(assessment: Assessment, path: str | Path) -> Path:
    """One bar per patient to the last scan, coloured by best overall response, with the first
    objective response, an unconfirmed progression (iUPD), the confirmed progression and the
    first abscopal response marked; markers on the same day are set side by side, not on top
    of each other."""
    path = Path(path)
    patients = assessment.patients.sort_values("last_scan_day", kind="stable")
    timepoints = assessment.timepoints
    responders = assessment.criterion.responders
    figure, axis = plt.subplots(
        figsize=(8.5, max(2.5, 0.35 * len(patients) + 1.5)), layout="constrained"
    )
    span = max(float(patients["last_scan_day"].max() - patients["baseline_day"].min()), 1.0)
    seen = set()
    for row, patient in enumerate(patients.itertuples()):
        start = patient.baseline_day
        axis.barh(
            row,
            patient.last_scan_day - start,
            left=start,
            color=response_color(patient.best_overall_response),
            alpha=0.45,
            height=0.6,
        )
        own = timepoints[timepoints["patient_id"] == patient.patient_id]
        for event, day in _spread(_swimmer_events(patient, own, responders), MARKER_GAP * span):
            marker, color, _ = SWIMMER_MARKERS[event]
            axis.plot(day, row, marker, color=color, markersize=8, gid=f"swimmer_{event}")
            seen.add(event)
        axis.text(
            patient.last_scan_day, row, f" {patient.best_overall_response}", va="center", fontsize=7
        )
    handles = [
        Line2D([], [], linestyle="", marker=marker, color=color, markersize=8, label=label)
        for event, (marker, color, label) in SWIMMER_MARKERS.items()
        if event in seen
    ]
    handles += response_handles(patients["best_overall_response"])
    axis.set_yticks(range(len(patients)))
    axis.set_yticklabels(patients["patient_id"], fontsize=7)
    axis.set_xlabel("day")
    axis.set_title(
        f"{assessment.criterion.title}: patients (bar colour and label: best overall response)",
        fontsize=9,
    )
    axis.legend(
        handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False
    )
    return _save(figure, path)
