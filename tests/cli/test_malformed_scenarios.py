"""Malformed scenarios: exit status 2, one message naming the field, no output directory."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from abscopal.cli.main import main

VALID = {
    "name": "valid",
    "species": "human",
    "lesions": [
        {"name": "lung", "organ": "lung", "baseline_diameter_mm": 25},
        {"name": "liver", "organ": "liver", "baseline_diameter_mm": 20},
    ],
    "external_beam": [{"target": "lung", "dose_per_fraction_gy": 8, "fractions": 3}],
    "checkpoint": [{"drug": "pembrolizumab", "dose_mg": 200, "doses": 2, "start_day": 7}],
    "duration_day": 60,
}


def mutate(path: str, value: object) -> dict:
    """VALID with the entry at dotted ``path`` set to ``value`` (``DELETE`` removes it)."""
    scenario = copy.deepcopy(VALID)
    *parents, leaf = path.split(".")
    node = scenario
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value == "DELETE":
        del node[int(leaf) if leaf.isdigit() else leaf]
    elif isinstance(node, list):
        node[int(leaf)] = value
    else:
        node[leaf] = value
    return scenario


CASES = [
    (
        "unknown lesion",
        mutate("external_beam.0.target", "lvier"),
        "external_beam[0].target",
        "did you mean 'liver'",
    ),
    (
        "negative dose",
        mutate("external_beam.0.dose_per_fraction_gy", -2),
        "external_beam[0].dose_per_fraction_gy",
        "greater than 0",
    ),
    (
        "fraction overlap",
        {
            **VALID,
            "external_beam": VALID["external_beam"]
            + [{"target": "lung", "dose_per_fraction_gy": 2, "fractions": 5, "start_day": 1}],
        },
        "external_beam[1].start_day",
        "fraction overlap",
    ),
    ("missing field", mutate("lesions.0.organ", "DELETE"), "lesions[0].organ", "required"),
    (
        "wrong type",
        mutate("external_beam.0.fractions", "three"),
        "external_beam[0].fractions",
        "give a whole number, not 'three'",
    ),
    (
        "unknown drug",
        mutate("checkpoint.0.drug", "pembrolizumb"),
        "checkpoint[0].drug",
        "did you mean 'pembrolizumab'",
    ),
    (
        "unknown parameter",
        {**VALID, "parameter_overrides": {"tumor_alpha_per_gyy": 0.2}},
        "parameter_overrides.tumor_alpha_per_gyy",
        "did you mean 'tumor_alpha_per_gy'",
    ),
    (
        "unit typo",
        mutate("external_beam.0", {"target": "lung", "dose_per_fraction_cgy": 800, "fractions": 3}),
        "external_beam[0].dose_per_fraction_cgy",
        "did you mean 'dose_per_fraction_gy'",
    ),
    ("unknown organ", mutate("lesions.1.organ", "pancreas"), "lesions[1].organ", "'lung'"),
    (
        "both size fields",
        mutate("lesions.0.baseline_volume_mm3", 1000),
        "lesions[0]",
        "exactly one of baseline_diameter_mm or baseline_volume_mm3",
    ),
    (
        "bone without pattern",
        mutate("lesions.1.organ", "bone"),
        "lesions[1].bone_pattern",
        "lytic, blastic, mixed",
    ),
    ("duplicate lesion", mutate("lesions.1.name", "lung"), "lesions", "unique"),
    (
        "dose and mg/kg",
        mutate("checkpoint.0.dose_mg_per_kg", 2),
        "checkpoint[0]",
        "exactly one of dose_mg or dose_mg_per_kg",
    ),
    (
        "wrong species drug",
        mutate("checkpoint.0.drug", "anti_ctla4_9h10"),
        "checkpoint[0].drug",
        "mouse antibody",
    ),
    (
        "y90 outside liver",
        {**VALID, "y90": [{"treated_lesions": ["lung"], "activity_gbq": 1}]},
        "y90[0].treated_lesions[0]",
        "liver lesions only",
    ),
    (
        "y90 lung dose",
        {
            **VALID,
            "y90": [{"treated_lesions": ["liver"], "activity_gbq": 8, "lung_shunt_fraction": 0.2}],
        },
        "y90[0].activity_gbq",
        "exceeds the 30 Gy limit",
    ),
    (
        "treatment past end",
        mutate("external_beam.0.start_day", 100),
        "external_beam[0].start_day",
        "after duration_day",
    ),
    (
        "explicit days count",
        mutate(
            "external_beam.0",
            {
                "target": "lung",
                "dose_per_fraction_gy": 8,
                "fractions": 3,
                "schedule": "explicit",
                "days": [0, 2],
            },
        ),
        "external_beam[0]",
        "one day per fraction",
    ),
    (
        "unknown parameter set",
        {**VALID, "parameter_set": "human_defualt"},
        "parameter_set",
        "did you mean 'human_default'",
    ),
    ("no lesions", {**VALID, "lesions": []}, "lesions", "at least 1"),
    (
        "GM-CSF per m2 in a mouse",
        {
            **VALID,
            "species": "mouse",
            "body_weight_kg": 0.025,
            "checkpoint": [],
            "gm_csf": [{"dose_ug_per_m2": 125, "doses": 5}],
        },
        "gm_csf[0].dose_ug_per_m2",
        "give dose_ug for mice",
    ),
    ("not a mapping", ["just", "a", "list"], "scenario", "mapping"),
    # numbers at the edge and unbounded work (issue 24): refused when read, before any list of
    # doses or output times is built
    (
        "astronomic diameter",
        mutate("lesions.0.baseline_diameter_mm", 1e308),
        "lesions[0].baseline_diameter_mm",
        "less than or equal to 300",
    ),
    (
        "astronomic dose",
        mutate("external_beam.0.dose_per_fraction_gy", 1e300),
        "external_beam[0].dose_per_fraction_gy",
        "less than or equal to 100",
    ),
    ("no output times", {**VALID, "output_times_day": []}, "output_times_day", "at least 1"),
    (
        "output times without end",
        {**VALID, "output_interval_day": 1e-7},
        "output_interval_day",
        "at most 100000",
    ),
    (
        "doses every 1e-5 days",
        mutate(
            "checkpoint.0",
            {"drug": "pembrolizumab", "dose_mg": 200, "interval_day": 1e-5, "stop_day": 29},
        ),
        "checkpoint[0].interval_day",
        "greater than or equal to 0.5",
    ),
    (
        "output interval that overflows the count",
        {**VALID, "output_interval_day": 1e-320},
        "output_interval_day",
        "at most 100000",
    ),
    (
        "stop day at the end of time",
        mutate(
            "checkpoint.0",
            {"drug": "pembrolizumab", "dose_mg": 200, "interval_day": 0.5, "stop_day": 1e308},
        ),
        "checkpoint[0].stop_day",
        "less than or equal to 3650",
    ),
    ("astronomic seed", {**VALID, "seed": 2**40}, "seed", "less than or equal to"),
    (
        "too many doses",
        {
            **VALID,
            "duration_day": 400,
            "checkpoint": [
                {"drug": "pembrolizumab", "dose_mg": 200, "interval_day": 1, "stop_day": 300}
            ],
        },
        "checkpoint[0]",
        "gives more than 200 doses",
    ),
]


@pytest.mark.parametrize(
    ("label", "scenario", "field", "fragment"), CASES, ids=[case[0] for case in CASES]
)
def test_malformed_scenario_exits_2_naming_the_field(
    label, scenario, field, fragment, tmp_path: Path, capsys
):
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(scenario))
    output = tmp_path / "out"
    status = main(["simulate", str(path), "-o", str(output)])
    captured = capsys.readouterr()
    assert status == 2, label
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1, captured.err
    assert f"'{field}'" in lines[0]
    assert fragment in lines[0]
    assert "Traceback" not in captured.err
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [path]  # no partial output left anywhere


def test_there_are_at_least_fifteen_distinct_malformed_cases():
    assert len({case[2] for case in CASES}) >= 15


def test_invalid_yaml_and_missing_file_exit_2(tmp_path: Path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("lesions: [unclosed\n")
    assert main(["simulate", str(broken)]) == 2
    assert "not valid YAML at line" in capsys.readouterr().err
    assert main(["simulate", str(tmp_path / "missing.yaml")]) == 2
    missing = f"abscopal: error: cannot read {tmp_path / 'missing.yaml'}: No such file or directory"
    assert capsys.readouterr().err.strip() == missing  # the file, not "field 'SCENARIO'"
    assert main(["trial", str(tmp_path / "missing.yaml")]) == 2
    assert capsys.readouterr().err.strip() == missing


def test_real_process_exit_status_and_no_traceback(tmp_path: Path):
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(mutate("external_beam.0.target", "spleen")))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "abscopal.cli.main",
            "simulate",
            str(path),
            "-o",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "external_beam[0].target" in result.stderr


def test_a_huge_unknown_name_is_not_echoed_whole(tmp_path: Path, capsys):
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump({**VALID, "x" * 20_000: 1}))
    assert main(["simulate", str(path), "-o", str(tmp_path / "out")]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1 and len(lines[0]) < 1_500 and "(cut)" in lines[0]


def test_a_solver_failure_is_reported_even_when_quiet(tmp_path: Path, capsys, monkeypatch):
    import dataclasses

    import abscopal.simulation
    from abscopal.solvers.status import SolverStatus

    real = abscopal.simulation.simulate

    def failing(scenario, *args, **kwargs):
        return dataclasses.replace(
            real(scenario, *args, **kwargs), status=SolverStatus.SOLVER_FAILED
        )

    monkeypatch.setattr(abscopal.simulation, "simulate", failing)
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(VALID))
    assert main(["simulate", str(path), "-o", str(tmp_path / "out"), "-q"]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1 and "solver status: solver failed (maximum steps" in lines[0]
