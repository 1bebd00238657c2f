"""Figure of immune read-outs: circulating lymphocytes, circulating effectors, lesion PD-L1."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from abscopal.solution import Solution


def plot_immune(solution: Solution, path: str | Path) -> Path:
    """Write a three-panel figure of the immune read-outs of ``solution`` (PNG, SVG or PDF by
    the suffix of ``path``)."""
    path = Path(path)
    systemic = solution.systemic_dataframe()
    lesions = solution.to_dataframe()
    figure, (lymph, effectors, pd_l1) = plt.subplots(3, 1, figsize=(7.5, 6.0), sharex=True)
    lymph.plot(systemic["time_day"], systemic["lymphocytes_per_ul"], color="#7d3c98")
    lymph.set_ylabel("lymphocytes [/µL]")
    effectors.plot(systemic["time_day"], systemic["circulating_effectors_1e6"], color="#1e8449")
    effectors.set_ylabel("circulating\neffectors [1e6]")
    for name, rows in lesions.groupby("lesion", sort=False):
        irradiated = bool(rows["irradiated"].iloc[0])
        pd_l1.plot(
            rows["time_day"], rows["pd_l1"], linestyle="-" if irradiated else "--", label=name
        )
    pd_l1.set_ylabel("tumor PD-L1\n[relative]")
    pd_l1.set_xlabel("day")
    pd_l1.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    lymph.set_title(f"{solution.name}: immune read-outs", fontsize=10)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path
