"""Trial figures: Kaplan–Meier PFS per arm, waterfall of the best out-of-field change, swimmer."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from abscopal.plotting.response_colors import response_color, response_handles
from abscopal.trials.endpoints import pfs
from abscopal.trials.statistics import DAYS_PER_MONTH, kaplan_meier, log_rank

ARM_COLORS = ("#2471a3", "#c0392b", "#1e8449", "#7d3c98", "#b9770e", "#17202a")
WATERFALL_MAX_BARS = 2000  # more bars than pixels only costs memory (100,000 bars: ~2 GB)


def waterfall_rows(rows: pd.DataFrame, max_bars: int = WATERFALL_MAX_BARS) -> pd.DataFrame:
    """Patients of one waterfall panel, sorted by best out-of-field change (largest first); above
    ``max_bars``, evenly spaced ranks including both ends, which keep the shape of the sorted
    distribution and the colour shares."""
    rows = rows.sort_values("best_out_of_field_change_pct", ascending=False, kind="stable")
    if len(rows) <= max_bars:
        return rows
    return rows.iloc[np.unique(np.linspace(0, len(rows) - 1, max_bars).round().astype(int))]


def _month_ticks(last_month: float) -> np.ndarray:
    """Month ticks from 0 through the first tick at or after ``last_month``."""
    step = 3.0 if last_month <= 24 else 6.0 if last_month <= 60 else 12.0
    return np.arange(0.0, step * np.ceil(last_month / step - 1e-9) + 1e-9, step)


def plot_kaplan_meier(
    outcomes: pd.DataFrame, arms: list[str], path: str | Path, reading: str = "pfs"
) -> Path:
    """Progression-free survival per arm in months (RECIST 1.1 progression, censored at the
    last scan): step curves with their pointwise 95 % bands (log-log, Greenwood) and censor
    ticks, the median of each arm, the hazard ratio of every arm against the first (log-rank,
    Peto) written on the plot, and the numbers at risk below the axis."""
    figure = plt.figure(figsize=(8.5, 6.2), layout="constrained")
    grid = figure.add_gridspec(2, 1, height_ratios=[4.0, 0.35 + 0.25 * len(arms)])
    axis = figure.add_subplot(grid[0])
    table = figure.add_subplot(grid[1], sharex=axis)
    data = {arm: pfs(outcomes[outcomes["arm"] == arm], reading) for arm in arms}
    last = max((float(time.max()) for time, _ in data.values() if time.size), default=1.0)
    ticks = _month_ticks(last / DAYS_PER_MONTH)
    for index, arm in enumerate(arms):
        time, event = data[arm]
        color = ARM_COLORS[index % len(ARM_COLORS)]
        curve = kaplan_meier(time, event)
        steps = curve.step_curve(float(time.max()) if time.size else 0.0)
        steps_t = steps["day"] / DAYS_PER_MONTH
        median = curve.median()
        label = (
            f"{arm} (n = {len(time)}): median {median.estimate / DAYS_PER_MONTH:.1f} mo"
            if median.estimate == median.estimate
            else f"{arm} (n = {len(time)}): median not reached"
        )
        axis.step(steps_t, steps["survival"], where="post", color=color, label=label, linewidth=1.8)
        axis.fill_between(
            steps_t,
            steps["lower"],
            steps["upper"],
            step="post",
            color=color,
            alpha=0.15,
            linewidth=0,
            gid="confidence_band",
        )
        censored = time[~event]
        axis.plot(
            censored / DAYS_PER_MONTH,
            curve.survival_at(censored),
            "|",
            color=color,
            markersize=7,
            gid="censor_ticks",
        )
        at_risk = [int(np.sum(time >= month * DAYS_PER_MONTH)) for month in ticks]
        row = len(arms) - 1 - index
        for month, count in zip(ticks, at_risk, strict=True):
            table.text(month, row, f"{count:,}", ha="center", va="center", fontsize=8, color=color)
    lines = []
    for arm in arms[1:]:
        (time_a, event_a), (time_b, event_b) = data[arms[0]], data[arm]
        result = log_rank(time_a, event_a, time_b, event_b)
        if result.hazard_ratio == result.hazard_ratio:
            lines.append(
                f"HR {arm} vs {arms[0]}: {result.hazard_ratio:.2f} "
                f"(95 % CI {result.ci_low:.2f}–{result.ci_high:.2f}), log-rank p "
                + (f"= {result.p_value:.3f}" if result.p_value >= 0.001 else "< 0.001")
            )
    if lines:
        axis.text(
            0.98,
            0.97,
            "\n".join(lines),
            transform=axis.transAxes,
            ha="right",
            va="top",
            fontsize=8,
            gid="hazard_ratio",
        )
    axis.set_ylabel("progression-free")
    axis.set_ylim(0, 1.02)
    axis.set_xlim(0, ticks[-1] if ticks[-1] > 0 else 1)
    axis.legend(loc="lower left", fontsize=8)
    axis.set_title("Progression-free survival (RECIST 1.1, all lesions)")
    axis.tick_params(labelbottom=False)
    table.set_xticks(ticks)
    table.set_xlabel("months from day 0 of the trial")
    table.set_yticks(range(len(arms)), list(reversed(arms)), fontsize=8)
    table.set_ylim(-0.6, len(arms) - 0.4)
    table.set_title("number at risk", fontsize=8, loc="left")
    for side in ("top", "right", "left"):
        table.spines[side].set_visible(False)
    table.tick_params(axis="y", length=0, pad=16)  # names clear of the month-0 counts
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return Path(path)


def plot_out_of_field_waterfall(outcomes: pd.DataFrame, arms: list[str], path: str | Path) -> Path:
    """Best change of the summed non-irradiated diameters, one panel per arm."""
    figure, axes = plt.subplots(
        1, len(arms), figsize=(5 * len(arms), 4), squeeze=False, sharey=True
    )
    for axis, arm in zip(axes[0], arms, strict=True):
        evaluable = outcomes[
            (outcomes["arm"] == arm) & outcomes["best_out_of_field_change_pct"].notna()
        ]
        rows = waterfall_rows(evaluable)
        colors = [response_color(code) for code in rows["out_of_field_best_overall_response"]]
        axis.bar(np.arange(len(rows)), rows["best_out_of_field_change_pct"], color=colors, width=1)
        for level in (20, -30):
            axis.axhline(level, color="black", linewidth=0.6, linestyle=":")
        axis.set_title(arm)
        axis.set_xlabel(
            "patients"
            if len(rows) == len(evaluable)
            else f"patients ({len(rows):,} of {len(evaluable):,}, evenly spaced ranks)"
        )
    axes[0][0].set_ylabel("best change of non-irradiated lesions [%]")
    handles = response_handles(outcomes["out_of_field_best_overall_response"].dropna())
    axes[0][-1].legend(handles=handles, fontsize=8, title="out-of-field BOR")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return Path(path)


def plot_trial_swimmer(
    outcomes: pd.DataFrame, arms: list[str], path: str | Path, per_arm: int = 25
) -> Path:
    """Time on study of the first ``per_arm`` patients of each arm with the day of the first
    out-of-field response and of progression."""
    figure, axis = plt.subplots(figsize=(7, 0.18 * per_arm * len(arms) + 1.5))
    row = 0
    for index, arm in enumerate(arms):
        rows = outcomes[(outcomes["arm"] == arm) & (outcomes["status"] == "ok")].head(per_arm)
        for _, patient in rows.iterrows():
            end = (
                patient["progression_day"]
                if patient["progression_day"] == patient["progression_day"]
                else patient["last_scan_day"]
            )
            axis.barh(row, end, color=ARM_COLORS[index % 6], height=0.7)
            if patient["first_abscopal_response_day"] == patient["first_abscopal_response_day"]:
                axis.plot(patient["first_abscopal_response_day"], row, "w^", markersize=5)
            if patient["progression_day"] == patient["progression_day"]:
                axis.plot(patient["progression_day"], row, "kx", markersize=5)
            row += 1
    handles = [Patch(color=ARM_COLORS[index % 6], label=arm) for index, arm in enumerate(arms)]
    handles += [
        Line2D(
            [],
            [],
            linestyle="",
            marker="^",
            color="k",
            markerfacecolor="white",
            label="first out-of-field response",
        ),
        Line2D([], [], linestyle="", marker="x", color="k", label="progression"),
    ]
    axis.set_xlabel("day")
    axis.set_yticks([])
    axis.legend(
        handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False
    )
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return Path(path)
