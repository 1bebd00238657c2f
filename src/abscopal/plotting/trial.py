"""Trial figures: Kaplan–Meier PFS per arm, waterfall of the best out-of-field change, swimmer."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from abscopal.trials.endpoints import pfs
from abscopal.trials.statistics import kaplan_meier

ARM_COLORS = ("#2471a3", "#c0392b", "#1e8449", "#7d3c98", "#b9770e", "#17202a")
RESPONSE_COLORS = {"CR": "#1e8449", "PR": "#52be80", "SD": "#f4d03f", "PD": "#c0392b"}
WATERFALL_MAX_BARS = 2000  # more bars than pixels only costs memory (100,000 bars: ~2 GB)


def waterfall_rows(rows: pd.DataFrame, max_bars: int = WATERFALL_MAX_BARS) -> pd.DataFrame:
    """Patients of one waterfall panel, sorted by best out-of-field change (largest first); above
    ``max_bars``, evenly spaced ranks including both ends, which keep the shape of the sorted
    distribution and the colour shares."""
    rows = rows.sort_values("best_out_of_field_change_pct", ascending=False, kind="stable")
    if len(rows) <= max_bars:
        return rows
    return rows.iloc[np.unique(np.linspace(0, len(rows) - 1, max_bars).round().astype(int))]


def plot_kaplan_meier(outcomes: pd.DataFrame, arms: list[str], path: str | Path) -> Path:
    """Progression-free survival per arm (RECIST 1.1 progression, censored at the last scan)."""
    figure, axis = plt.subplots(figsize=(7, 4.5))
    for index, arm in enumerate(arms):
        time, event = pfs(outcomes[outcomes["arm"] == arm])
        curve = kaplan_meier(time, event)
        steps_t = np.concatenate([[0.0], curve.times, [time.max() if time.size else 0.0]])
        steps_s = np.concatenate(
            [[1.0], curve.survival, [curve.survival[-1] if curve.times.size else 1.0]]
        )
        median = curve.median().estimate
        label = (
            f"{arm} (n={len(time)}, median {median:.0f} d)"
            if median == median
            else (f"{arm} (n={len(time)}, median not reached)")
        )
        axis.step(steps_t, steps_s, where="post", color=ARM_COLORS[index % 6], label=label)
    axis.set_xlabel("day")
    axis.set_ylabel("progression-free")
    axis.set_ylim(0, 1.02)
    axis.legend(loc="lower left", fontsize=8)
    axis.set_title("Progression-free survival (RECIST 1.1, all lesions)")
    figure.tight_layout()
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
        colors = [
            RESPONSE_COLORS.get(r, "#7f8c8d") for r in rows["out_of_field_best_overall_response"]
        ]
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
    handles = [Patch(color=color, label=name) for name, color in RESPONSE_COLORS.items()]
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
        axis.barh([], [], color=ARM_COLORS[index % 6], label=arm)
    axis.plot([], [], "k^", label="first out-of-field response", markerfacecolor="white")
    axis.plot([], [], "kx", label="progression")
    axis.set_xlabel("day")
    axis.set_yticks([])
    axis.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return Path(path)
