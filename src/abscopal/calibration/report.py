"""Outputs of a calibration: fitted values with intervals (CSV, JSON), a figure of the data
against the fitted model per group, and a Markdown report."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from abscopal import __version__
from abscopal.calibration.data import TumorData
from abscopal.calibration.fit import FitResult
from abscopal.scenario import Scenario
from abscopal.simulation import simulate


def parameter_table(result: FitResult) -> pd.DataFrame:
    """One row per fitted parameter: start, estimate, 95 % interval, bounds, log SE."""
    return pd.DataFrame(
        [
            {
                "parameter": name,
                "initial": result.initial_values[name],
                "estimate": result.values[name],
                "ci_low": result.ci_low[name],
                "ci_high": result.ci_high[name],
                "log_standard_error": result.log_standard_error[name],
                "lower_bound": result.bounds[name][0],
                "upper_bound": result.bounds[name][1],
                "at_bound": result.at_bound[name],
            }
            for name in result.names
        ]
    )


def _figure(result: FitResult, data: TumorData, scenarios: Mapping[str, Scenario], path: Path):
    groups = data.groups
    figure, axes = plt.subplots(1, len(groups), figsize=(4.2 * len(groups), 3.6), squeeze=False)
    volumes = data.volumes_mm3()
    for axis, group in zip(axes[0], groups, strict=True):
        rows = data.group_table(group)
        scenario = scenarios.get(group, scenarios.get("*"))
        assert scenario is not None
        horizon = float(rows["day"].max())
        fitted = scenario.model_copy(
            update={
                "parameter_overrides": {**scenario.parameter_overrides, **result.values},
                "output_times_day": None,
                "duration_day": max(horizon, 1.0),
                "output_interval_day": max(horizon / 200.0, 0.05),
            }
        )
        solution = simulate(fitted)
        model = solution.observables()["volume_mm3"]
        for lesion in sorted(set(rows["lesion"])):
            index = scenario.lesion_names().index(lesion)
            line = axis.plot(solution.time_day, model[:, index], lw=2, label=f"model {lesion}")[0]
            picked = rows[rows["lesion"] == lesion]
            axis.scatter(
                picked["day"],
                volumes[picked.index.to_numpy()],
                s=12,
                alpha=0.6,
                color=line.get_color(),
                label=f"data {lesion}",
            )
        axis.set_yscale("log")
        axis.set_title(group)
        axis.set_xlabel("day")
        axis.set_ylabel("tumor volume [mm$^3$]")
        axis.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


CALIBRATION_OUTPUTS = ("parameters.csv", "fit.json", "fit.png", "report.md")
"""The files :func:`write_calibration_outputs` writes."""


def write_calibration_outputs(
    result: FitResult,
    data: TumorData,
    scenarios: Mapping[str, Scenario],
    directory: Path,
    data_path: Path,
) -> None:
    """Write parameters.csv, fit.json, fit.png and report.md into ``directory``."""
    table = parameter_table(result)
    table.to_csv(directory / "parameters.csv", index=False)
    digest = hashlib.sha256(data_path.read_bytes()).hexdigest()
    record = {
        "abscopal_version": __version__,
        "data": {"file": data_path.name, "sha256": digest, "observations": result.observations},
        "scenarios": {
            group: scenario.model_dump(mode="json") for group, scenario in scenarios.items()
        },
        "seed": result.seed,
        "method": "Levenberg-Marquardt (optimistix) on log volumes, log-scale parameters with "
        "logistic bounds, forward-mode Jacobians through the diffrax solver; 95 % intervals "
        "from the Gauss-Newton Hessian (log-normal)",
        "parameters": table.to_dict(orient="records"),
        "correlation": result.correlation.tolist(),
        "sum_of_squares": result.sum_of_squares,
        "residual_sd_log": result.residual_sd_log,
        "starts": [
            {
                "initial": start.initial,
                "final": start.final,
                "sum_of_squares": start.sum_of_squares,
                "steps": start.steps,
                "converged": start.converged,
            }
            for start in result.starts
        ],
    }
    (directory / "fit.json").write_text(json.dumps(record, indent=2) + "\n")
    _figure(result, data, scenarios, directory / "fit.png")
    lines = [
        "# Calibration report",
        "",
        f"abscopal {__version__}; data `{data_path.name}` (SHA-256 {digest[:16]}...), "
        f"{result.observations} measurements in {len(data.groups)} group(s); seed {result.seed}.",
        "",
        "Least squares on log tumor volume (diameters are read as spheres), parameters on a log "
        "scale within bounds, Levenberg-Marquardt from "
        f"{len(result.starts)} start(s). Residual SD (log scale): {result.residual_sd_log:.3g}.",
        "",
        "| parameter | estimate | 95 % interval | bounds | note |",
        "|---|---|---|---|---|",
    ]
    for name in result.names:
        note = "at a bound: not identified within it" if result.at_bound[name] else ""
        lines.append(
            f"| {name} | {result.values[name]:.4g} | {result.ci_low[name]:.4g} - "
            f"{result.ci_high[name]:.4g} | {result.bounds[name][0]:.3g} - "
            f"{result.bounds[name][1]:.3g} | {note} |"
        )
    lines += ["", "| start | sum of squares | steps | converged |", "|---|---|---|---|"]
    for index, start in enumerate(result.starts):
        lines.append(
            f"| {index} | {start.sum_of_squares:.5g} | {start.steps} | {start.converged} |"
        )
    lines += ["", "![data and fitted model per group](fit.png)", ""]
    (directory / "report.md").write_text("\n".join(lines))
