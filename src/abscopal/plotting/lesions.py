"""Figure of lesion sizes over time, the treatment on its own track, and the lymphocytes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from abscopal.protocols.describe import course_labels
from abscopal.solution import Solution

TRACK_ROWS = {"radiation": 2.0, "drug": 1.0, "gm_csf": 0.0}
COUNTERFACTUAL_LABEL = "checkpoint inhibitor alone"
RESPONSE_LINES = (0.7, 1.2)  # RECIST 1.1: -30 % (partial response), +20 % (progression)


def plot_lesions(
    solution: Solution,
    path: str | Path,
    counterfactual: Solution | None = None,
    scan_days: Sequence[float] | None = None,
) -> Path:
    """Write the figure of :func:`lesion_figure` to ``path`` (PNG, SVG or PDF by its suffix)."""
    path = Path(path)
    figure = lesion_figure(solution, counterfactual, scan_days)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def lesion_sizes(solution: Solution) -> tuple[np.ndarray, str]:
    """Sizes of every lesion over time and their axis label: the diameter for patients, the
    volume for mice (two-flank experiments report tumour volume)."""
    diameter = solution.observables()["diameter_mm"]
    if solution.patient.species == "mouse":  # two-flank experiments report tumour volume
        return np.pi / 6.0 * diameter**3, "tumour volume [mm³]"
    return diameter, "diameter [mm] (short axis for nodes)"


def default_scan_days(solution: Solution) -> np.ndarray:
    """Restaging scans every 6 weeks for patients (the reading of
    :mod:`abscopal.assessment.readings`); none for mice (calipers, not scans)."""
    from abscopal.assessment.readings import SCAN_INTERVAL_DAY_HUMAN

    if solution.patient.species != "human":
        return np.array([])
    return np.arange(0.0, solution.time_day[-1] + 1e-9, SCAN_INTERVAL_DAY_HUMAN)


def _draw_sizes(axis, solution: Solution, counterfactual: Solution | None) -> list[Line2D]:
    sizes, label = lesion_sizes(solution)
    human = solution.patient.species == "human"
    handles = []
    for index, name in enumerate(solution.lesion_names):
        irradiated = solution.irradiated(name)
        organ = solution.patient.lesions[index].organ
        (line,) = axis.plot(
            solution.time_day,
            sizes[:, index],
            linestyle="-" if irradiated else "--",
            linewidth=2.4 if irradiated else 1.6,
            label=f"{name} ({organ}){' - irradiated' if irradiated else ''}",
        )
        handles.append(line)
        if human:
            for factor in RESPONSE_LINES:
                axis.axhline(
                    factor * sizes[0, index],
                    color=line.get_color(),
                    linestyle=":",
                    linewidth=0.8,
                    alpha=0.6,
                    zorder=0,
                )
        if counterfactual is not None:
            other, _ = lesion_sizes(counterfactual)
            axis.plot(
                counterfactual.time_day,
                other[:, index],
                color=line.get_color(),
                linestyle=(0, (1, 2)),
                linewidth=1.2,
                gid="counterfactual",
            )
    if human:
        handles.append(
            Line2D(
                [],
                [],
                color="0.4",
                linestyle=":",
                label="-30 % / +20 % of the lesion's baseline\n(RECIST thresholds; RECIST reads\nthe sum, PD from the nadir)",
            )
        )
    if counterfactual is not None:
        handles.append(
            Line2D([], [], color="0.4", linestyle=(0, (1, 2)), label=COUNTERFACTUAL_LABEL)
        )
    axis.set_ylabel(label)
    axis.set_ylim(bottom=0)
    return handles


def _draw_track(axis, solution: Solution) -> list[Line2D]:
    schedule = solution.schedule
    handles = []
    fraction_days = schedule.boundary_day[schedule.lesion_dose_gy.max(axis=1) > 0]
    if fraction_days.size:
        (line,) = axis.plot(
            fraction_days,
            np.full(fraction_days.shape, TRACK_ROWS["radiation"]),
            "|",
            color="crimson",
            markersize=12,
            markeredgewidth=2,
            clip_on=False,
            label="radiation fraction",
        )
        handles.append(line)
    for number, plan in enumerate(schedule.y90_plans):
        (line,) = axis.plot(
            [plan.day],
            [TRACK_ROWS["radiation"]],
            "*",
            color="darkorange",
            markersize=13,
            clip_on=False,
            label="Y-90 implantation" if number == 0 else "_nolegend_",
        )
        if number == 0:
            handles.append(line)
    drug_days = schedule.boundary_day[
        (schedule.bolus_central_mg.sum(axis=1) + schedule.bolus_depot_mg.sum(axis=1)) > 0
    ]
    starts = np.flatnonzero(np.diff(np.r_[0.0, schedule.infusion_mg_per_day.sum(axis=1)]) > 0)
    drug_days = np.union1d(drug_days, schedule.boundary_day[starts])
    if drug_days.size:
        (line,) = axis.plot(
            drug_days,
            np.full(drug_days.shape, TRACK_ROWS["drug"]),
            "^",
            color="navy",
            markersize=7,
            clip_on=False,
            label="checkpoint inhibitor dose",
        )
        handles.append(line)
    gm_csf_on = schedule.gm_csf_ug_per_day[:-1] > 0
    for start, end in zip(
        schedule.boundary_day[:-1][gm_csf_on], schedule.boundary_day[1:][gm_csf_on], strict=True
    ):
        axis.plot(
            [start, end],
            [TRACK_ROWS["gm_csf"]] * 2,
            color="seagreen",
            linewidth=4,
            gid="gm_csf_exposure",
        )
    if gm_csf_on.any():
        handles.append(Line2D([], [], color="seagreen", linewidth=4, label="GM-CSF exposure"))
    labels = course_labels(solution.treatment, solution.patient.species)
    for row in TRACK_ROWS:  # one text per row, so that close courses never overlap
        courses = [(day, text) for kind, day, text in labels if kind == row]
        if not courses:
            continue
        text = (
            courses[0][1]
            if len(courses) == 1
            else "; ".join(f"{text} from day {day:g}" for day, text in courses)
        )
        axis.annotate(
            text,
            (courses[0][0], TRACK_ROWS[row]),
            xytext=(3, 7),
            textcoords="offset points",
            fontsize=8,
            gid="course_label",
        )
    names = {"radiation": "radiation", "drug": "drug", "gm_csf": "GM-CSF"}
    used = [row for row in TRACK_ROWS if any(label[0] == row for label in labels)]
    axis.set_yticks([TRACK_ROWS[row] for row in used], [names[row] for row in used], fontsize=8)
    if not used:
        axis.text(0.5, 0.5, "no treatment", transform=axis.transAxes, ha="center", fontsize=9)
    axis.set_ylim(-0.6, 2.9)
    axis.grid(axis="y", color="0.92")
    return handles


def lesion_figure(
    solution: Solution,
    counterfactual: Solution | None = None,
    scan_days: Sequence[float] | None = None,
) -> Figure:
    """Lesion sizes over time (diameter, or volume for a mouse; irradiated lesions solid), with
    each lesion's -30 % / +20 % RECIST lines and the scan days; the treatment on its own track
    below (fractions, Y-90 implantations, drug doses, GM-CSF exposure, each course labelled,
    e.g. "SBRT 3 × 8 Gy to lung_primary"); and the circulating lymphocytes. ``counterfactual``
    (the same patient with the checkpoint inhibitor alone) is drawn dotted in each lesion's
    colour; ``scan_days`` default to every 6 weeks for patients and none for mice."""
    figure = plt.figure(figsize=(11, 7.5), layout="constrained")
    grid = figure.add_gridspec(3, 1, height_ratios=[3.2, 1.0, 1.1])
    sizes = figure.add_subplot(grid[0])
    track = figure.add_subplot(grid[1], sharex=sizes)
    lymph = figure.add_subplot(grid[2], sharex=sizes)
    handles = _draw_sizes(sizes, solution, counterfactual)
    scans = default_scan_days(solution) if scan_days is None else np.asarray(scan_days, float)
    for day in scans:
        sizes.axvline(day, color="0.85", linewidth=0.8, zorder=0, gid="scan_day")
    if scans.size:
        handles.append(Line2D([], [], color="0.85", label="scan day"))
    sizes.set_title(
        f"{solution.name}: lesion {'volumes' if solution.patient.species == 'mouse' else 'diameters'}"
    )
    sizes.legend(
        handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False
    )
    track_handles = _draw_track(track, solution)
    if track_handles:
        track.legend(
            handles=track_handles,
            fontsize=8,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
        )
    lymphocytes = solution.systemic("lymphocytes")
    lymph.plot(solution.time_day, 100.0 * lymphocytes / lymphocytes[0], color="black")
    lymph.set_ylabel("lymphocytes\n[% baseline]")
    lymph.set_xlabel("time [days]")
    lymph.set_ylim(0, 110)
    for axis in (sizes, track):
        axis.tick_params(labelbottom=False)
    sizes.set_xlim(0, solution.time_day[-1])
    return figure
