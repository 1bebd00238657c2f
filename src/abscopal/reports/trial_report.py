"""Outputs of a finished trial run: endpoints.csv, figures, report.md and trial.json."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from abscopal import __version__
from abscopal.citations import references
from abscopal.parameters import get_parameter_set
from abscopal.parameters.drugs import ANTIBODIES
from abscopal.plotting.trial import (
    plot_kaplan_meier,
    plot_out_of_field_waterfall,
    plot_trial_swimmer,
)
from abscopal.protocols.gm_csf import CITATIONS as GM_CSF_CITATIONS
from abscopal.staging import staged_file, write_text_atomically
from abscopal.trials.endpoints import trial_endpoints
from abscopal.trials.plausibility import PopulationReport
from abscopal.trials.spec import OccultLesions, TrialSpec

TRIAL_CITATIONS = {"Eisenhauer2009", "Theelen2019", "Allen2016"}


def _format(value: float, endpoint: str) -> str:
    if value != value:
        return "–"
    if endpoint.endswith("_day") or endpoint in ("solver_failed",) or "hazard" in endpoint:
        return f"{value:.2f}" if "hazard" in endpoint else f"{value:.0f}"
    if endpoint.endswith("_p"):
        return f"{value:.3g}"
    return f"{100 * value:.1f} %"


def _occult_lines(occult: OccultLesions | None) -> list[str]:
    """The cohort's occult lesions, or the statement that progression has no new lesions."""
    if occult is None:
        return [
            "- no occult lesions: progression comes only from growth of the baseline lesions "
            "(no new lesions)"
        ]
    size = occult.diameter
    return [
        f"- occult lesions per patient: {occult.count[0]}–{occult.count[1]}, baseline diameter "
        f"log-normal, median {size.median_mm:g} mm, CV {size.cv:g}, within {size.min_mm:g}–"
        f"{size.max_mm:g} mm; a new lesion (progression) from the first follow-up scan that "
        f"measures one at >= {occult.detection_mm:g} mm"
    ]


def interval_text(low: float, high: float, endpoint: str) -> str:
    """A 95 % interval in words that cannot be misread: both bounds, or the one bound there is
    (a median whose upper bound is not reached: "≥ 4.1"), or "–"."""
    has_low, has_high = low == low, high == high
    if has_low and has_high:
        return f"{_format(low, endpoint)} – {_format(high, endpoint)}"
    if has_low:
        reason = "upper bound not reached" if endpoint.endswith("_median_day") else "no upper bound"
        return f"≥ {_format(low, endpoint)} ({reason})"
    if has_high:
        return f"≤ {_format(high, endpoint)}"
    return "–"


def primary_endpoint_lines(spec: TrialSpec, endpoints: pd.DataFrame) -> list[str]:
    """The trial's primary endpoint (as its file names it) per arm and comparison."""
    if spec.primary_endpoint is None:
        return []
    rows = endpoints[endpoints["endpoint"].isin(primary_names(spec.primary_endpoint))]
    lines = [f"Primary endpoint ({spec.primary_endpoint}):"]
    for row in rows.itertuples():
        lines.append(
            f"  {row.arm}: {_format(row.estimate, row.endpoint)} "
            f"(95 % CI {interval_text(row.ci_low, row.ci_high, row.endpoint)}, n = {row.n})"
        )
    return lines


def primary_names(endpoint: str) -> tuple[str, ...]:
    """The endpoint rows that report the primary endpoint ``endpoint`` (per arm and compared)."""
    if endpoint in ("pfs", "out_of_field_pfs"):
        return (f"{endpoint}_median_day", f"{endpoint}_hazard_ratio")
    return (endpoint, f"{endpoint}_difference")


def endpoints_markdown(endpoints: pd.DataFrame) -> str:
    """The endpoint table as Markdown."""
    lines = ["| arm | endpoint | estimate | 95 % CI | n |", "|---|---|---|---|---|"]
    for row in endpoints.itertuples():
        interval = interval_text(row.ci_low, row.ci_high, row.endpoint)
        lines.append(
            f"| {row.arm} | {row.endpoint} | {_format(row.estimate, row.endpoint)} | "
            f"{interval} | {row.n} |"
        )
    return "\n".join(lines)


TRIAL_REPORT_OUTPUTS = (
    "endpoints.csv",
    "kaplan_meier.png",
    "waterfall_out_of_field.png",
    "swimmer.png",
    "trial.json",
    "report.md",
)
"""The files :func:`write_trial_outputs` writes beside the run's tables."""


def write_trial_outputs(
    spec: TrialSpec,
    directory: str | Path,
    outcomes: pd.DataFrame,
    manifest: dict,
    population: PopulationReport,
) -> pd.DataFrame:
    """Endpoints, figures and the report of a finished run; returns the endpoint table."""
    directory = Path(directory)
    arms = [arm.name for arm in spec.arms]
    endpoints = trial_endpoints(outcomes, arms)
    with staged_file(directory / "endpoints.csv") as staged:
        endpoints.to_csv(staged, index=False)
    plot_kaplan_meier(outcomes, arms, directory / "kaplan_meier.png")
    plot_out_of_field_waterfall(outcomes, arms, directory / "waterfall_out_of_field.png")
    plot_trial_swimmer(outcomes, arms, directory / "swimmer.png")
    keys = set(TRIAL_CITATIONS) | get_parameter_set(spec.parameter_set_name).citation_keys()
    for arm in spec.arms:
        for course in arm.checkpoint:
            keys.update(ANTIBODIES[course.drug].citations)
        if arm.gm_csf:
            keys.update(GM_CSF_CITATIONS)
    cited = references(keys)
    patients = int(outcomes["patient_id"].nunique())
    metadata = {
        "abscopal_version": __version__,
        "trial": spec.model_dump(mode="json"),
        "seed": spec.seed,
        "patients": patients,
        "chunks": len(manifest["chunks"]),
        "paired_design": True,
        "virtual_population": {
            "candidates": population.candidates,
            "plausible": population.plausible,
            "selected": population.selected,
            "plausible_rate": population.plausible_rate,
            "selection_rate": population.selection_rate,
            "rejections_per_criterion": population.rejected_by,
        },
        "citations": cited,
    }
    write_text_atomically(directory / "trial.json", json.dumps(metadata, indent=2))
    cohort = spec.cohort
    parameter_lines = [
        f"- `{name}`: log-normal, median {dist.median or 'set value'}, CV {dist.cv:g}"
        for name, dist in cohort.parameters.items()
    ] or ["- no parameter varied (the parameter set's values for everyone)"]
    arm_lines = [
        f"- **{arm.name}**: "
        + (
            "; ".join(
                [
                    *(
                        f"{c.fractions} × {c.dose_per_fraction_gy:g} Gy to {c.target} "
                        f"from day {c.start_day:g} ({c.schedule})"
                        for c in arm.external_beam
                    ),
                    *(f"Y-90 on day {y.day:g} to {', '.join(y.treated_lesions)}" for y in arm.y90),
                    *(
                        f"{c.drug} {c.dose_mg or c.dose_mg_per_kg}"
                        f"{' mg' if c.dose_mg else ' mg/kg'} every {c.interval_day:g} days from "
                        f"day {c.start_day:g}"
                        for c in arm.checkpoint
                    ),
                    *(
                        f"GM-CSF {c.dose_ug or c.dose_ug_per_m2:g}"
                        f"{' ug' if c.dose_ug else ' ug/m2'} s.c. every {c.interval_day:g} days "
                        f"× {c.doses} from day {c.start_day:g}"
                        for c in arm.gm_csf
                    ),
                ]
            )
            or "no treatment"
        )
        for arm in spec.arms
    ]
    report = "\n".join(
        [
            f"# Virtual trial: {spec.name}",
            "",
            spec.description,
            "",
            f"abscopal {__version__}, seed {spec.seed}, parameter set `{spec.parameter_set_name}`, "
            f"{patients} virtual patients, follow-up {spec.follow_up_day:g} days, imaging at day 0 "
            f"and every {spec.visits.interval_day:g} days from day {spec.visits.first_day:g}, "
            f"measurement noise {spec.noise.additive_mm:g} mm + {100 * spec.noise.relative:g} %."
            + (
                f" Responses are also read with the scans up to day {spec.read_out_day:g} only "
                "(endpoints `orr_at_read_out`, `out_of_field_orr_at_read_out`); `orr` and "
                "`out_of_field_orr` are the best response over the whole follow-up."
                if spec.read_out_day is not None
                else ""
            ),
            "",
            "**Paired design:** the same virtual patients (same parameters, lesions and baseline "
            "sizes) go through every arm; between-arm differences use paired intervals.",
            "",
            "## Cohort",
            "",
            f"- lesions per patient: {cohort.lesion_count[0]}–{cohort.lesion_count[1]}; index "
            f"lesion L1 site shares {cohort.index_lesion_sites}; other sites "
            f"{cohort.other_lesion_sites}",
            f"- baseline diameters: log-normal, median {cohort.baseline_diameter.median_mm:g} mm, "
            f"CV {cohort.baseline_diameter.cv:g}, within {cohort.baseline_diameter.min_mm:g}–"
            f"{cohort.baseline_diameter.max_mm:g} mm",
            *_occult_lines(cohort.occult_lesions),
            *parameter_lines,
            f"- plausible patients (untreated {spec.plausibility.window_day:g}-day simulation): "
            f"doubling time {spec.plausibility.doubling_time_day} d, sum of diameters "
            f"{spec.plausibility.sum_of_diameters_mm} mm, lymphocytes "
            f"{spec.plausibility.lymphocytes_per_ul} /uL; {population.candidates} candidates, "
            f"{population.plausible} plausible ({100 * population.plausible_rate:.1f} %), "
            f"{population.selected} selected ({100 * population.selection_rate:.1f} % of the "
            f"plausible); rejections per criterion (a candidate may fail several): "
            f"{population.rejected_by}",
            *(
                f"- selection target `{name}`: log-normal, median {dist.median:g}, CV {dist.cv:g}"
                for name, dist in (
                    ("doubling_time_day", spec.selection.doubling_time_day),
                    ("sum_of_diameters_mm", spec.selection.sum_of_diameters_mm),
                )
                if dist is not None
            ),
            *(
                f"- PD-L1 stratum `{name}`: {100 * s.share:g} % of patients, baseline PD-L1 "
                f"{s.pd_l1_baseline:g}"
                for name, s in cohort.pd_l1_strata.items()
            ),
            "",
            "## Arms",
            "",
            *arm_lines,
            "",
            "## Endpoints",
            "",
            "RECIST 1.1 on all lesions (ORR, DCR, best overall response, PFS) and on the "
            "non-irradiated lesions alone (out-of-field ORR, as in PEMBRO-RT, and out-of-field "
            "PFS: progression of the non-irradiated lesions or a new lesion, the irradiated "
            "lesion left out of the sum); abscopal response: "
            "any non-irradiated lesion with a ≥ 30 % decrease. Proportions with Wilson intervals, "
            "medians with Brookmeyer–Crowley intervals, differences with paired Wald intervals, "
            "PFS hazard ratio from the log-rank test (Peto).",
            "",
            *(
                [line.strip() for line in primary_endpoint_lines(spec, endpoints)] + [""]
                if spec.primary_endpoint
                else []
            ),
            endpoints_markdown(endpoints),
            "",
            "![Kaplan-Meier](kaplan_meier.png)",
            "",
            "![Waterfall](waterfall_out_of_field.png)",
            "",
            "![Swimmer](swimmer.png)",
            "",
            "## References",
            "",
            *(f"- {item['reference']}" for item in cited),
            "",
        ]
    )
    write_text_atomically(directory / "report.md", report)
    return endpoints
