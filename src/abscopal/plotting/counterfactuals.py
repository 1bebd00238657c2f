"""Figure of one patient's lesions under a treatment and its counterfactuals, on shared axes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from abscopal.plotting.lesions import lesion_sizes
from abscopal.protocols.counterfactuals import (
    AS_GIVEN,
    RADIATION_ALONE,
    SYSTEMIC_ALONE,
    UNTREATED,
)
from abscopal.solution import Solution

STYLE = {
    UNTREATED: {"color": "0.45", "linestyle": ":"},
    SYSTEMIC_ALONE: {"color": "tab:blue", "linestyle": "--"},
    RADIATION_ALONE: {"color": "tab:orange", "linestyle": "-."},
    AS_GIVEN: {"color": "tab:red", "linestyle": "-", "linewidth": 2.2},
}


def counterfactual_figure(solutions: Mapping[str, Solution], title: str | None = None) -> Figure:
    """One panel per lesion, every variant of ``solutions`` (label → solution of the same
    patient) drawn in it; all panels share one time axis and one size axis (diameter, or volume
    for a mouse), with the RECIST 1.1 thresholds (−30 % and +20 % of the lesion's baseline)
    for reference in patients. ``title``
    names the patient (default: the first solution's name)."""
    first = next(iter(solutions.values()))
    names = first.lesion_names
    columns = min(len(names), 2)
    rows = math.ceil(len(names) / columns)
    figure, axes = plt.subplots(
        rows,
        columns,
        figsize=(5.2 * columns, 3.2 * rows + 0.8),
        sharex=True,
        sharey=True,
        squeeze=False,
    )
    for index, name in enumerate(names):
        axis = axes[index // columns][index % columns]
        for label, solution in solutions.items():
            sizes, _ = lesion_sizes(solution)
            axis.plot(solution.time_day, sizes[:, index], label=label, **STYLE.get(label, {}))
        if first.patient.species == "human":  # RECIST thresholds; mice are read by volume
            baseline = float(first.observables()["diameter_mm"][0, index])
            for factor in (0.7, 1.2):
                axis.axhline(baseline * factor, color="0.8", linewidth=0.8, zorder=0)
        organ = first.patient.lesions[index].organ
        marks = [label for label, solution in solutions.items() if solution.irradiated(name)]
        where = f" - irradiated in: {', '.join(marks)}" if marks else " - never irradiated"
        axis.set_title(f"{name} ({organ}){where}", fontsize=9)
        axis.set_ylim(bottom=0)
    for index in range(len(names), rows * columns):
        axes[index // columns][index % columns].set_visible(False)
    for axis in axes[-1]:
        axis.set_xlabel("day")
    for row in axes:
        row[0].set_ylabel(lesion_sizes(first)[1])
    handles, labels = axes[0][0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=len(labels), frameon=False)
    figure.suptitle(f"{title or first.name}: the treatment and its counterfactuals (same patient)")
    figure.tight_layout(rect=(0, 0.06, 1, 1))
    return figure


def plot_counterfactuals(
    solutions: Mapping[str, Solution], path: str | Path, title: str | None = None
) -> Path:
    """Write the figure of :func:`counterfactual_figure` to ``path`` (format from its suffix)."""
    path = Path(path)
    figure = counterfactual_figure(solutions, title)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
