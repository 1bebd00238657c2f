"""``abscopal validate`` and ``abscopal calibrate`` from the command line."""

from __future__ import annotations

import json

import pytest

from abscopal.cli.main import main
from tests.calibration.test_fit import CONTROL, IRRADIATED, TRUTH, synthetic_data


def test_validate_writes_json_and_exit_status(tmp_path, capsys):
    path = tmp_path / "validation.json"
    assert main(["validate", "--only", "L2,P16", "--draws", "3", "--json", str(path)]) == 0
    records = json.loads(path.read_text())
    assert [record["id"] for record in records] == ["P16", "L2"]
    for record in records:
        assert {"id", "source", "passed", "role", "robustness"} <= set(record)
        assert record["passed"] is True
    assert records[0]["role"] == "predicted" and 0.0 <= records[0]["robustness"] <= 1.0
    assert records[1]["robustness"] is None  # fixed geometry: nothing to perturb
    output = capsys.readouterr().out
    assert "Lee2009" in output and "predicted" in output


def test_validate_exits_one_when_a_finding_fails(capsys):
    assert main(["validate", "--only", "P9", "--draws", "0", "-q"]) == 1
    assert "failing findings: P9" in capsys.readouterr().err


def test_validate_unknown_id_is_a_usage_error(capsys):
    assert main(["validate", "--only", "P99"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "unknown finding 'P99'" in error


def _files(tmp_path):
    import yaml

    control = tmp_path / "control.yaml"
    irradiated = tmp_path / "rt.yaml"
    control.write_text(yaml.safe_dump(CONTROL))
    irradiated.write_text(yaml.safe_dump(IRRADIATED))
    data = tmp_path / "data.csv"
    synthetic_data(subjects=3).to_csv(data, index=False)
    return control, irradiated, data


@pytest.mark.slow
def test_calibrate_writes_report(tmp_path):
    control, irradiated, data = _files(tmp_path)
    out = tmp_path / "fit"
    status = main(
        [
            "calibrate",
            str(data),
            "--scenario",
            f"control={control}",
            "--scenario",
            f"rt={irradiated}",
            "--fit",
            "tumor_gompertz_rate_per_day,tumor_alpha_per_gy",
            "--starts",
            "1",
            "-o",
            str(out),
            "-q",
        ]
    )
    assert status == 0
    assert {p.name for p in out.iterdir()} == {"parameters.csv", "fit.json", "fit.png", "report.md"}
    record = json.loads((out / "fit.json").read_text())
    estimates = {row["parameter"]: row["estimate"] for row in record["parameters"]}
    assert estimates == pytest.approx(TRUTH, rel=0.05)
    assert record["abscopal_version"] and len(record["data"]["sha256"]) == 64


def test_calibrate_bad_data_is_one_line_and_writes_nothing(tmp_path, capsys):
    control, _, data = _files(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text(data.read_text().replace("volume_mm3", "size"))
    out = tmp_path / "fit"
    assert (
        main(
            [
                "calibrate",
                str(bad),
                "--scenario",
                str(control),
                "--fit",
                "tumor_alpha_per_gy",
                "-o",
                str(out),
                "-q",
            ]
        )
        == 2
    )
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "volume_mm3/diameter_mm" in error
    assert not out.exists()
    assert (
        main(
            [
                "calibrate",
                str(data),
                "--scenario",
                str(control),
                "--fit",
                "tumor_alpha_per_gy",
                "--bounds",
                "tumor_alpha_per_gy=low",
                "-q",
            ]
        )
        == 2
    )
    assert "NAME=LOW:HIGH" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--bounds", "tumor_gompertz_rate_per_day=0.001:0.1"], "not in --fit"),
        (["--scenario", "control=also.yaml"], "group 'control' is given twice"),
        (["--scenario", "=x.yaml"], "use GROUP=FILE.yaml or FILE.yaml"),
    ],
)
def test_calibrate_option_errors_are_one_line(tmp_path, capsys, extra, message):
    control, _, data = _files(tmp_path)
    out = tmp_path / "fit"
    arguments = ["calibrate", str(data), "--scenario", f"control={control}"]
    arguments += ["--fit", "tumor_alpha_per_gy", "-o", str(out), "-q", *extra]
    assert main(arguments) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and message in error
    assert not out.exists()


def test_validate_negative_draws_is_a_usage_error(capsys):
    assert main(["validate", "--draws", "-1"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "--draws: give a whole number >= 0" in error
