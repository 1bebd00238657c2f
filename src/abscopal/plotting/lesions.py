"""Figure of lesion diameters over time with treatment drawn on the time axis."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from abscopal.solution import Solution


def plot_lesions(solution: Solution, path: str | Path) -> Path:
    """Write ``lesions.png`` (the figure of :func:`lesion_figure`)."""
    path = Path(path)
    figure = lesion_figure(solution)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def lesion_figure(solution: Solution) -> Figure:
    """Diameter per lesion (irradiated lesions solid and marked), the fractions, Y-90
    implantations and drug doses as ticks on the time axis, GM-CSF exposure windows as bars, and
    the circulating lymphocyte count below."""
    figure, (top, bottom) = plt.subplots(
        2, 1, figsize=(9, 6.5), sharex=True, gridspec_kw={"height_ratios": [3, 1]}
    )
    observables = solution.observables()
    time = solution.time_day
    for index, name in enumerate(solution.lesion_names):
        irradiated = solution.irradiated(name)
        organ = solution.patient.lesions[index].organ
        top.plot(
            time,
            observables["diameter_mm"][:, index],
            linestyle="-" if irradiated else "--",
            linewidth=2.4 if irradiated else 1.6,
            label=f"{name} ({organ}){' - irradiated' if irradiated else ''}",
        )
    top.set_ylabel("diameter [mm] (short axis for nodes)")
    top.set_title(f"{solution.name}: lesion diameters")
    top.set_ylim(bottom=0)
    schedule = solution.schedule
    fraction_days = schedule.boundary_day[schedule.lesion_dose_gy.max(axis=1) > 0]
    ymax = top.get_ylim()[1]
    rug = -0.04 * ymax
    if fraction_days.size:
        top.plot(
            fraction_days,
            np.full(fraction_days.shape, rug),
            "|",
            color="crimson",
            markersize=12,
            clip_on=False,
            label="radiation fraction",
        )
    for plan in schedule.y90_plans:
        top.plot(
            [plan.day],
            [rug],
            "*",
            color="darkorange",
            markersize=12,
            clip_on=False,
            label="Y-90 implantation",
        )
    drug_days = schedule.boundary_day[
        (schedule.bolus_central_mg.sum(axis=1) + schedule.bolus_depot_mg.sum(axis=1)) > 0
    ]
    starts = np.flatnonzero(np.diff(np.r_[0.0, schedule.infusion_mg_per_day.sum(axis=1)]) > 0)
    drug_days = np.union1d(drug_days, schedule.boundary_day[starts])
    if drug_days.size:
        top.plot(
            drug_days,
            np.full(drug_days.shape, 2 * rug),
            "^",
            color="navy",
            markersize=6,
            clip_on=False,
            label="checkpoint inhibitor dose",
        )
    gm_csf_on = schedule.gm_csf_ug_per_day[:-1] > 0
    for start, end in zip(
        schedule.boundary_day[:-1][gm_csf_on], schedule.boundary_day[1:][gm_csf_on], strict=True
    ):
        top.plot(
            [start, end],
            [2.5 * rug] * 2,
            color="seagreen",
            linewidth=3,
            clip_on=False,
            gid="gm_csf_exposure",
        )
    if gm_csf_on.any():
        top.plot([], [], color="seagreen", linewidth=3, label="GM-CSF exposure")
    top.set_ylim(3 * rug, ymax)
    top.axhline(0, color="grey", linewidth=0.5)
    top.legend(fontsize=8, loc="upper left")
    lymphocytes = solution.systemic("lymphocytes")
    bottom.plot(time, 100.0 * lymphocytes / lymphocytes[0], color="black")
    bottom.set_ylabel("lymphocytes\n[% baseline]")
    bottom.set_xlabel("time [days]")
    bottom.set_ylim(0, 110)
    figure.tight_layout()
    return figure
