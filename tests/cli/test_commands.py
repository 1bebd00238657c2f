"""The example scenarios, `abscopal demo`, `abscopal simulate` and `abscopal params`."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

import abscopal
from abscopal.cli.main import main
from tests.conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def test_all_four_required_examples_exist():
    assert {path.name for path in EXAMPLE_FILES} >= {
        "mouse_two_flank_8x3_ctla4.yaml",
        "nsclc_sbrt_pembrolizumab.yaml",
        "hcc_y90_bone_metastasis.yaml",
        "conventional_lymphopenia.yaml",
    }


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[path.stem for path in EXAMPLE_FILES])
def test_example_runs_and_writes_complete_outputs(example: Path, tmp_path: Path):
    output = tmp_path / "out"
    assert main(["simulate", str(example), "-o", str(output), "--quiet"]) == 0
    assert sorted(item.name for item in output.iterdir()) == [
        "immune.png",
        "lesions.png",
        "summary.json",
        "systemic.csv",
        "timeseries.csv",
    ]
    summary = json.loads((output / "summary.json").read_text())
    assert summary["solver"]["status"] == "ok"
    assert summary["abscopal_version"] and summary["citations"] and summary["schedule"]
    assert summary["scenario"]["name"] == example.stem
    frame = pd.read_csv(output / "timeseries.csv")
    assert {"time_day", "lesion", "diameter_mm", "volume_mm3", "viable_fraction"} <= set(frame)
    irradiated = [row for row in summary["lesions"] if row["irradiated"]]
    assert irradiated and all(row["best_change_pct"] < -10 for row in irradiated)
    assert (output / "lesions.png").stat().st_size > 20_000


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[path.stem for path in EXAMPLE_FILES])
def test_summary_responses_agree_with_abscopal_assess(example: Path, tmp_path: Path):
    """summary.json's lesion responses are the assessment package's reading of the same
    scenario: ``abscopal assess`` with the output days as scan days gives the same categories."""
    simulated, assessed = tmp_path / "simulated", tmp_path / "assessed"
    assert main(["simulate", str(example), "-o", str(simulated), "-q"]) == 0
    summary = json.loads((simulated / "summary.json").read_text())
    days = sorted(pd.read_csv(simulated / "timeseries.csv")["time_day"].unique())
    visit_days = ",".join(repr(float(day)) for day in days)
    command = ["assess", str(example), "--criteria", "recist", "--visit-days", visit_days]
    assert main([*command, "-o", str(assessed), "-q"]) == 0
    lesions = pd.read_csv(assessed / "lesions.csv", keep_default_na=False)
    assert {row["lesion"]: row["response"] for row in summary["lesions"]} == dict(
        zip(lesions["lesion_id"], lesions["best_response"], strict=True)
    )
    assert "assessment rules" in summary["response_note"]


def test_mouse_example_shows_an_abscopal_delay(tmp_path: Path):
    output = tmp_path / "out"
    main(["simulate", str(EXAMPLES / "mouse_two_flank_8x3_ctla4.yaml"), "-o", str(output), "-q"])
    rows = {
        row["lesion"]: row for row in json.loads((output / "summary.json").read_text())["lesions"]
    }
    assert rows["irradiated_flank"]["irradiated"] and not rows["abscopal_flank"]["irradiated"]
    # the distant flank ends smaller with 8 Gy x 3 + anti-CTLA-4 than with either alone
    combined = rows["abscopal_flank"]["final_diameter_mm"]
    example = yaml.safe_load((EXAMPLES / "mouse_two_flank_8x3_ctla4.yaml").read_text())
    for dropped in ("external_beam", "checkpoint"):
        alone = {key: value for key, value in example.items() if key != dropped}
        single = abscopal.simulate(alone).diameter_mm("abscopal_flank")[-1]
        assert combined < 0.99 * single, dropped


def test_lymphopenia_example_lowers_lymphocytes(tmp_path: Path):
    output = tmp_path / "out"
    main(["simulate", str(EXAMPLES / "conventional_lymphopenia.yaml"), "-o", str(output), "-q"])
    systemic = json.loads((output / "summary.json").read_text())["systemic"]
    assert systemic["lymphocytes_nadir_change_pct"] < -30.0


def test_demo_runs_the_nsclc_example(tmp_path: Path):
    output = tmp_path / "demo"
    assert main(["demo", "-o", str(output), "-q"]) == 0
    summary = json.loads((output / "summary.json").read_text())
    assert summary["scenario_name"] == "nsclc_sbrt_pembrolizumab"
    assert {row["organ"] for row in summary["lesions"]} == {"lung", "liver", "bone", "adrenal"}


def test_params_list_and_show(capsys):
    assert main(["params", "list"]) == 0
    assert "human_default" in capsys.readouterr().out
    assert main(["params", "show", "mouse_default"]) == 0
    shown = capsys.readouterr().out
    assert "tumor_alpha_per_gy" in shown and "Kosinsky" in shown
    assert main(["params", "show", "human_defalt"]) == 2
    assert "did you mean 'human_default'" in capsys.readouterr().err


def test_params_as_csv_and_json_for_other_programs(capsys):
    import io

    from abscopal.parameters import get_parameter_set

    assert main(["params", "show", "mouse_tsa", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(table.columns) == ["name", "value", "unit", "provenance", "sources", "description"]
    assert table["value"].dtype == float  # numbers, not formatted text
    expected = get_parameter_set("mouse_tsa")
    assert len(table) == len(expected)
    row = table.set_index("name").loc["tumor_alpha_per_gy"]
    assert row["value"] == expected["tumor_alpha_per_gy"].value
    assert main(["params", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"human_default", "mouse_tsa"} <= {record["name"] for record in listed}
    assert all(isinstance(record["parameters"], int) for record in listed)


def test_validate_as_json_says_when_a_pass_is_fragile(capsys):
    assert main(["validate", "--only", "P6", "--draws", "2", "--format", "json"]) in (0, 1)
    (record,) = json.loads(capsys.readouterr().out)
    assert record["id"] == "P6" and record["robustness_draws"] == 2
    assert record["robust"] == (record["robustness"] >= 0.8)
    if record["passed"] and not record["robust"]:
        assert record["verdict"].startswith("pass at the nominal values only")


def test_the_first_run_says_it_is_compiling(tmp_path: Path, capsys, monkeypatch):
    from abscopal.cli.run_scenario import FIRST_COMPILE_NOTE

    monkeypatch.setenv("ABSCOPAL_CACHE_DIR", str(tmp_path / "empty-cache"))
    monkeypatch.setattr("abscopal._jax_setup._configured", True)  # keep this process's cache
    scenario = EXAMPLES / "conventional_lymphopenia.yaml"
    assert main(["simulate", str(scenario), "-o", str(tmp_path / "first")]) == 0
    assert FIRST_COMPILE_NOTE in capsys.readouterr().err.replace("\n", " ")
    monkeypatch.delenv("ABSCOPAL_CACHE_DIR")
    monkeypatch.setattr("abscopal._jax_setup.compilation_cache_is_empty", lambda: False)
    assert main(["simulate", str(scenario), "-o", str(tmp_path / "second")]) == 0
    assert "compiling the solver" not in capsys.readouterr().err


@pytest.mark.parametrize(("figure_format", "signature"), [("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_figures_as_svg_or_pdf_with_the_drug_alone_curve(
    tmp_path: Path, figure_format: str, signature: bytes
):
    output = tmp_path / "out"
    scenario = EXAMPLES / "nsclc_sbrt_pembrolizumab.yaml"
    arguments = ["simulate", str(scenario), "-o", str(output), "-q", "--counterfactual"]
    assert main([*arguments, "--figure-format", figure_format]) == 0
    for name in ("lesions", "immune"):
        assert (output / f"{name}.{figure_format}").read_bytes().startswith(signature)
    assert not (output / "lesions.png").exists()
    summary = json.loads((output / "summary.json").read_text())
    drug_alone = {row["lesion"]: row for row in summary["counterfactual"]["lesions"]}
    assert summary["counterfactual"]["label"] == "checkpoint inhibitor alone"
    assert not drug_alone["lung_primary"]["irradiated"]  # the radiation is left out
    if figure_format == "svg":
        text = (output / "lesions.svg").read_text()
        assert "SBRT 3 × 8 Gy to lung_primary" in text and "checkpoint inhibitor alone" in text


def test_counterfactual_needs_radiation_and_a_drug(tmp_path: Path, capsys):
    scenario = EXAMPLES / "conventional_lymphopenia.yaml"
    output = tmp_path / "out"
    assert main(["simulate", str(scenario), "-o", str(output), "--counterfactual"]) == 2
    assert "needs both radiation and a checkpoint inhibitor" in capsys.readouterr().err
    assert not output.exists()
