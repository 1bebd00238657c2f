"""`abscopal trial`: outputs, endpoints, bad input, resume, and Dask runs equal to in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from abscopal.cli.main import main
from tests.trials.conftest import TRIAL


@pytest.fixture(scope="module")
def trial_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("trial") / "trial.yaml"
    path.write_text(yaml.safe_dump(TRIAL))
    return path


@pytest.fixture(scope="module")
def finished(trial_file, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("out") / "run"
    assert main(["trial", str(trial_file), "-o", str(output), "--chunk-size", "4", "-q"]) == 0
    return output


def test_trial_writes_endpoints_figures_report_and_parquet(finished):
    names = {path.name for path in finished.iterdir()}
    assert {
        "endpoints.csv",
        "report.md",
        "trial.json",
        "manifest.json",
        "kaplan_meier.png",
        "waterfall_out_of_field.png",
        "swimmer.png",
        "patients",
        "outcomes",
    } <= names
    endpoints = pd.read_csv(finished / "endpoints.csv")
    assert list(endpoints.columns) == ["arm", "endpoint", "estimate", "ci_low", "ci_high", "n"]
    orr = endpoints[(endpoints.endpoint == "orr")].set_index("arm")
    assert set(orr.index) == {"pembrolizumab", "sbrt_pembrolizumab"}
    assert (orr.n == 6).all()
    assert ((orr.ci_low <= orr.estimate) & (orr.estimate <= orr.ci_high)).all()
    comparison = endpoints[endpoints.arm == "sbrt_pembrolizumab_vs_pembrolizumab"]
    assert {
        "orr_difference",
        "out_of_field_orr_difference",
        "pfs_hazard_ratio",
        "pfs_logrank_p",
    } <= set(comparison.endpoint)
    # the irradiated arm's index lesion responds: its ORR is at least the drug-alone ORR
    assert orr.loc["sbrt_pembrolizumab", "estimate"] >= orr.loc["pembrolizumab", "estimate"]
    report = (finished / "report.md").read_text()
    assert "Paired design" in report and "seed 7" in report and "Eisenhauer" in report
    assert "no occult lesions" in report
    metadata = json.loads((finished / "trial.json").read_text())
    assert metadata["seed"] == 7 and metadata["paired_design"] is True


def test_bad_trial_file_exits_2_naming_the_field(tmp_path, capsys):
    data = {**TRIAL, "arms": [{"name": "a", "checkpoint": [{"drug": "pembrolizumab"}]}]}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data))
    output = tmp_path / "out"
    assert main(["trial", str(path), "-o", str(output)]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "arms[0].checkpoint[0]" in error[0]
    assert not output.exists()


def test_existing_run_needs_resume_and_resume_changes_nothing(trial_file, finished, capsys):
    before = (finished / "endpoints.csv").read_text()
    assert main(["trial", str(trial_file), "-o", str(finished), "--chunk-size", "4", "-q"]) == 2
    assert "--resume" in capsys.readouterr().err
    assert (
        main(["trial", str(trial_file), "-o", str(finished), "--chunk-size", "4", "-q", "--resume"])
        == 0
    )
    assert (finished / "endpoints.csv").read_text() == before


@pytest.mark.slow
def test_local_dask_cluster_gives_the_in_process_results(trial_file, finished, tmp_path):
    output = tmp_path / "dask"
    code = main(
        ["trial", str(trial_file), "-o", str(output), "--chunk-size", "4", "-q", "--workers", "2"]
    )
    assert code == 0
    assert (output / "endpoints.csv").read_text() == (finished / "endpoints.csv").read_text()
    local = json.loads((finished / "manifest.json").read_text())["chunks"]
    remote = json.loads((output / "manifest.json").read_text())["chunks"]
    assert {k: v["files"]["outcomes"]["sha256"] for k, v in local.items()} == {
        k: v["files"]["outcomes"]["sha256"] for k, v in remote.items()
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
        (["--chunk-size", "0"], "--chunk-size"),
        (["--patients", "0"], "--patients"),
    ],
)
def test_bad_options_exit_2_with_one_line(trial_file, tmp_path, capsys, extra, message):
    assert main(["trial", str(trial_file), "-o", str(tmp_path / "out"), *extra]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and message in error[0]
    assert not (tmp_path / "out").exists()


def test_gm_csf_arm_runs_and_the_report_names_the_course_and_its_sources(tmp_path):
    data = {
        **TRIAL,
        "patients": 2,
        "follow_up_day": 42,
        "arms": [
            {
                "name": "rt_gm_csf",
                "external_beam": [{"target": "L1", "dose_per_fraction_gy": 3.5, "fractions": 5}],
                "gm_csf": [{"dose_ug_per_m2": 125, "start_day": 2, "doses": 7}],
            }
        ],
    }
    path = tmp_path / "gm.yaml"
    path.write_text(yaml.safe_dump(data))
    output = tmp_path / "out"
    assert main(["trial", str(path), "-o", str(output), "-q"]) == 0
    report = (output / "report.md").read_text()
    assert "GM-CSF 125 ug/m2 s.c. every 1 days × 7 from day 2" in report
    keys = {entry["key"] for entry in json.loads((output / "trial.json").read_text())["citations"]}
    assert {"LivingstonLee2001", "Jacqmin2007", "Dranoff1993"} <= keys
    outcomes = pd.read_parquet(output / "outcomes")
    assert len(outcomes) == 2 and (outcomes["status"] == "ok").all()


def test_a_cohort_with_occult_lesions_runs_and_the_report_says_how_they_surface(tmp_path):
    cohort = {
        **TRIAL["cohort"],
        "parameters": {"tumor_gompertz_rate_per_day": {"median": 0.01, "cv": 0.1}},
        "correlations": [],
        "occult_lesions": {"count": [1, 1], "detection_mm": 8},
    }
    data = {**TRIAL, "patients": 3, "follow_up_day": 126, "cohort": cohort}
    path = tmp_path / "occult.yaml"
    path.write_text(yaml.safe_dump(data))
    output = tmp_path / "out"
    assert main(["trial", str(path), "-o", str(output), "-q"]) == 0
    report = (output / "report.md").read_text()
    assert "occult lesions per patient: 1–1" in report and ">= 8 mm" in report
    patients = pd.read_parquet(output / "patients")
    assert set(patients.loc[patients.occult, "lesion"]) == {"O1"}
    measurements = pd.read_parquet(output / "measurements")
    new = measurements[measurements["kind"] == "new"]
    # fast-growing 2 mm lesions pass 8 mm within the 18 weeks, and are read as new lesions
    assert len(new) and (new.groupby(["patient_id", "lesion_id"]).day.min() > 0).all()
    outcomes = pd.read_parquet(output / "outcomes")
    assert (outcomes.status == "ok").all() and outcomes.progression_day.notna().all()


def test_a_read_out_day_adds_the_early_response_endpoints(tmp_path):
    data = {**TRIAL, "patients": 4, "read_out_day": 42}
    path = tmp_path / "read_out.yaml"
    path.write_text(yaml.safe_dump(data))
    output = tmp_path / "out"
    assert main(["trial", str(path), "-o", str(output), "-q"]) == 0
    endpoints = pd.read_csv(output / "endpoints.csv").set_index(["arm", "endpoint"]).estimate
    for arm in ("pembrolizumab", "sbrt_pembrolizumab"):
        # a response read by day 42 is still a response over the whole follow-up
        assert endpoints[(arm, "orr_at_read_out")] <= endpoints[(arm, "orr")]
        assert (
            endpoints[(arm, "out_of_field_orr_at_read_out")] <= endpoints[(arm, "out_of_field_orr")]
        )
    assert ("sbrt_pembrolizumab_vs_pembrolizumab", "orr_at_read_out_difference") in endpoints
    # the read-out columns are the reading of the scans up to day 42 alone
    from abscopal.trials.reading import read_recist

    measurements = pd.read_parquet(output / "measurements" / "pembrolizumab")
    early = read_recist(measurements[measurements.day <= 42]).set_index("patient_id")
    outcomes = pd.read_parquet(output / "outcomes" / "pembrolizumab").set_index("patient_id")
    assert len(outcomes) == 4
    assert list(outcomes.read_out_best_overall_response) == list(
        early.loc[outcomes.index, "best_overall_response"]
    )
    assert "scans up to day 42" in (output / "report.md").read_text()
    data["read_out_day"] = 400
    path.write_text(yaml.safe_dump(data))
    assert main(["trial", str(path), "-o", str(tmp_path / "bad"), "-q"]) == 2


def test_an_unreachable_scheduler_is_refused_before_the_population(
    trial_file, tmp_path, capsys, monkeypatch
):
    from abscopal.trials import plausibility

    def never(*arguments, **keywords):
        raise AssertionError("the population was drawn before the scheduler was reached")

    monkeypatch.setattr(plausibility, "virtual_population", never)
    monkeypatch.setattr("abscopal.trials.distributed.CONNECT_TIMEOUT", "2s")
    output = tmp_path / "out"
    assert (
        main(["trial", str(trial_file), "-o", str(output), "--scheduler", "tcp://127.0.0.1:9"]) == 2
    )
    error = capsys.readouterr().err.strip().splitlines()
    assert (
        len(error) == 1 and "--scheduler tcp://127.0.0.1:9: no Dask cluster reachable" in error[0]
    )
    assert not output.exists()


def test_workers_without_dask_installed_say_how_to_get_it(
    trial_file, tmp_path, capsys, monkeypatch
):
    import builtins

    real_import = builtins.__import__

    def without_dask(name, *arguments, **keywords):
        if name == "distributed" or name.startswith("distributed."):
            raise ModuleNotFoundError("No module named 'distributed'")
        return real_import(name, *arguments, **keywords)

    monkeypatch.setattr(builtins, "__import__", without_dask)
    output = tmp_path / "out"
    assert main(["trial", str(trial_file), "-o", str(output), "--workers", "2", "-q"]) == 2
    message = capsys.readouterr().err.strip()
    assert message == (
        "abscopal: error: --workers: Dask is not installed (an optional part of abscopal): "
        "pip install 'abscopal[distributed]'"
    )
    assert not output.exists()
