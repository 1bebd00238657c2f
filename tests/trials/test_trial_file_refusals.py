"""Trial files that used to pass and then misbehave (issue 24 class 6): each is refused when the
file loads, naming the field; a damaged manifest is refused on --resume in one line."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from abscopal.cli.main import main
from abscopal.scenario import ScenarioError
from abscopal.trials.spec import trial_from_dict
from tests.trials.conftest import TRIAL


def changed(path: str, value: object) -> dict:
    data = copy.deepcopy(TRIAL)
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[leaf] = value
    return data


CORRELATION = {"between": ["effector_kill_rate_per_day", "precursor_count_baseline"], "rho": 0.2}

REFUSED = [
    (
        "self correlation",
        changed(
            "cohort.correlations",
            [{"between": ["effector_kill_rate_per_day"] * 2, "rho": 0.5}],
        ),
        "cohort",
        "correlated with itself",
    ),
    (
        "pair twice",
        changed(
            "cohort.correlations",
            [CORRELATION, {**CORRELATION, "between": CORRELATION["between"][::-1]}],
        ),
        "cohort",
        "is given twice",
    ),
    (
        "infinite noise",
        changed("noise", {"additive_mm": float("inf")}),
        "noise.additive_mm",
        "finite",
    ),
    (
        "visits every 1e-6 days",
        changed("visits", {"interval_day": 1e-6}),
        "visits.interval_day",
        "greater than or equal to 1",
    ),
    (
        "visits after follow-up",
        changed("visits", {"first_day": 200}),
        "visits.first_day",
        "after follow_up_day",
    ),
    (
        "median out of range",
        changed(
            "cohort.parameters",
            {
                **TRIAL["cohort"]["parameters"],
                "antigen_shared_fraction": {"median": 3.0, "cv": 0.1},
            },
        ),
        "cohort.parameters.antigen_shared_fraction.median",
        "outside the parameter's range [0, 1]",
    ),
]


@pytest.mark.parametrize(
    ("label", "data", "field", "fragment"), REFUSED, ids=[c[0] for c in REFUSED]
)
def test_refused_when_the_file_loads(label, data, field, fragment):
    with pytest.raises(ScenarioError) as error:
        trial_from_dict(data)
    assert error.value.field == field, label
    assert fragment in error.value.message or fragment in str(error.value), label


def test_a_damaged_manifest_is_refused_on_resume(tmp_path: Path, capsys):
    data = {**copy.deepcopy(TRIAL), "patients": 2}
    trial = tmp_path / "trial.yaml"
    trial.write_text(yaml.safe_dump(data))
    output = tmp_path / "run"
    assert main(["trial", str(trial), "-o", str(output), "--chunk-size", "4", "-q"]) == 0
    manifest = output / "manifest.json"
    good = manifest.read_text()
    for damaged in (good[: len(good) // 2], '{"chunks": [1, 2]}', "null"):
        manifest.write_text(damaged)
        capsys.readouterr()
        status = main(
            ["trial", str(trial), "-o", str(output), "--chunk-size", "4", "-q", "--resume"]
        )
        assert status == 2
        lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
        assert len(lines) == 1 and "is damaged" in lines[0]
    shutil.rmtree(output)
