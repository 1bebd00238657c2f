"""Command-line option values: NaN, infinities, negatives and out-of-range counts are refused by
the parser in one line naming the option (exit 2, nothing written, before any work)."""

from __future__ import annotations

from pathlib import Path

import pytest

from abscopal.cli.main import main
from tests.conftest import EXAMPLES

SCENARIO = str(EXAMPLES / "mouse_two_flank_8x3_ctla4.yaml")
TRIAL = str(EXAMPLES / "trials" / "pembro_rt.yaml")

REFUSED = [
    (["assess", SCENARIO, "--criteria", "recist", "--min-sd-days", "nan"], "--min-sd-days"),
    (["assess", SCENARIO, "--criteria", "mda", "--flare-window-days", "-1"], "--flare-window-days"),
    (["assess", SCENARIO, "--criteria", "percist", "--liver-sul-sd", "-1"], "--liver-sul-sd"),
    (["assess", SCENARIO, "--criteria", "recist", "--noise-sd-mm", "nan"], "--noise-sd-mm"),
    (
        ["assess", SCENARIO, "--criteria", "recist", "--visit-interval-days", "inf"],
        "--visit-interval-days",
    ),
    (["assess", SCENARIO, "--criteria", "recist", "--seed", "-1"], "--seed"),
    (["validate", "--seed", "-1"], "--seed"),
    (["validate", "--draws", "1e9"], "--draws"),
    (["trial", TRIAL, "--patients", "0"], "--patients"),
    (["trial", TRIAL, "--chunk-size", "-3"], "--chunk-size"),
    (["serve", "--port", "70000"], "--port"),
]


@pytest.mark.parametrize(
    ("argv", "option"), REFUSED, ids=[" ".join(case[0][-2:]) for case in REFUSED]
)
def test_bad_option_values_are_refused_in_one_line(argv, option, tmp_path: Path, capsys):
    output = tmp_path / "out"
    assert main([*argv, "-o", str(output)] if argv[0] in ("assess", "trial") else argv) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1 and option in lines[0] and "give a " in lines[0]
    assert not output.exists()
