"""``abscopal assess``: outputs, simulated input, and malformed files (exit 2, one message naming
line and column, nothing written)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from abscopal.cli.main import main

HEADER = (
    "patient_id,lesion_id,day,organ,kind,is_lymph_node,longest_diameter_mm,short_axis_mm,irradiated"
)
VALID_ROWS = [
    "P1,lung,0,lung,target,false,40,,true",
    "P1,liver,0,liver,target,false,30,,false",
    "P1,node,0,lymph_node,non_target,true,20,12,false",
    "P1,lung,42,lung,target,false,20,,true",
    "P1,liver,42,liver,target,false,20,,false",
    "P1,node,42,lymph_node,non_target,true,15,8,false",
    "P2,bone,0,bone,target,false,25,,false",
    "P2,bone,42,bone,target,false,31,,false",
]


def write(tmp_path: Path, lines: list[str], header: str = HEADER) -> Path:
    path = tmp_path / "measurements.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def test_assess_writes_tables_figures_and_provenance(tmp_path: Path) -> None:
    output = tmp_path / "out"
    status = main(
        [
            "assess",
            str(write(tmp_path, VALID_ROWS)),
            "--criteria",
            "recist",
            "-o",
            str(output),
            "-q",
        ]
    )
    assert status == 0
    for name in (
        "timepoints.csv",
        "lesions.csv",
        "lesion_changes.csv",
        "patients.csv",
        "spider.png",
        "waterfall.png",
        "swimmer.png",
        "assessment.json",
    ):
        assert (output / name).stat().st_size > 0, name
    timepoints = pd.read_csv(output / "timepoints.csv")
    assert list(timepoints.columns[:7]) == [
        "patient_id",
        "day",
        "criteria",
        "target_sum_mm",
        "change_from_baseline_pct",
        "change_from_nadir_pct",
        "overall_response",
    ]
    lesions = pd.read_csv(output / "lesions.csv")
    assert list(lesions.columns[:8]) == [
        "patient_id",
        "lesion_id",
        "irradiated",
        "best_change_pct",
        "best_response",
        "abscopal_response",
        "onset_day",
        "dose_category",
    ]
    by_lesion = dict(zip(lesions["lesion_id"], lesions["best_response"], strict=True))
    assert by_lesion == {"lung": "PR", "liver": "PR", "node": "CR", "bone": "PD"}
    patients = pd.read_csv(output / "patients.csv").set_index("patient_id")
    assert patients.loc["P1", "best_overall_response"] == "PR"  # 70 -> 40 mm, node normalised
    assert patients.loc["P2", "best_overall_response"] == "PD"  # +24 %, +6 mm
    record = json.loads((output / "assessment.json").read_text())
    assert record["criteria"] == "recist" and record["abscopal_version"]
    assert {item["key"] for item in record["citations"]} >= {"Eisenhauer2009", "Golden2015"}
    assert len(record["input"]["sha256"]) == 64


def test_assess_accepts_dates(tmp_path: Path) -> None:
    header = HEADER.replace(",day,", ",date,")
    rows = [
        line.replace(",0,", ",2024-01-10,", 1).replace(",42,", ",2024-02-21,", 1)
        for line in VALID_ROWS[:6]
    ]
    output = tmp_path / "out"
    assert (
        main(
            [
                "assess",
                str(write(tmp_path, rows, header)),
                "--criteria",
                "irecist",
                "-o",
                str(output),
                "-q",
            ]
        )
        == 0
    )
    timepoints = pd.read_csv(output / "timepoints.csv")
    assert list(timepoints["day"]) == [0.0, 42.0]
    assert list(timepoints["overall_response"].fillna("")) == ["", "iPR"]


MALFORMED = {
    "missing column": (
        [line.rsplit(",", 3)[0] for line in VALID_ROWS],
        HEADER.rsplit(",", 3)[0],
        "missing column(s) longest_diameter_mm",
    ),
    "unparseable date": (
        ["P1,lung,2024-13-45,lung,target,false,40,,true"],
        HEADER.replace(",day,", ",date,"),
        "line 2, column 'date': '2024-13-45' is not an ISO 8601 date",
    ),
    "negative size": (
        [*VALID_ROWS[:3], "P1,lung,42,lung,target,false,-3,,true"],
        HEADER,
        "line 5, column 'longest_diameter_mm': '-3' is negative",
    ),
    "non-numeric size": (
        [*VALID_ROWS[:3], "P1,lung,42,lung,target,false,abc,,true"],
        HEADER,
        "line 5, column 'longest_diameter_mm': 'abc' is not a number",
    ),
    "duplicate row": (
        [*VALID_ROWS[:4], "P1,lung,42,lung,target,false,21,,true"],
        HEADER,
        "line 6, column 'lesion_id': duplicate of line 5",
    ),
    "no baseline": (
        [*VALID_ROWS[:3], "P3,new1,42,liver,new,false,12,,false"],
        HEADER,
        "patient 'P3' has no baseline",
    ),
    "bad kind": (
        ["P1,lung,0,lung,tumour,false,40,,true"],
        HEADER,
        "line 2, column 'kind': 'tumour' is not accepted; give one of target, non_target, new",
    ),
    "bad boolean": (
        ["P1,lung,0,lung,target,maybe,40,,true"],
        HEADER,
        "line 2, column 'is_lymph_node': 'maybe' is not a yes/no value",
    ),
    "late lesion not marked new": (
        [*VALID_ROWS[:3], "P1,adrenal,42,adrenal,non_target,false,12,,false"],
        HEADER,
        "a lesion that appears after baseline must have kind 'new'",
    ),
    "size of 1e308 mm": (
        [*VALID_ROWS[:3], "P1,lung,42,lung,target,false,1e308,,true"],
        HEADER,
        "line 5, column 'longest_diameter_mm': '1e308' is larger than 1000",
    ),
    "dates in mixed time zones": (
        [
            "P1,lung,2024-01-01T00:00:00+01:00,lung,target,false,40,,true",
            "P1,lung,2024-03-01T00:00:00+05:00,lung,target,false,30,,true",
        ],
        HEADER.replace(",day,", ",date,"),
        "column 'date': dates mix time zones",
    ),
    "a column named _line": (
        [line + ",x" for line in VALID_ROWS],
        HEADER + ",_line",
        "column '_line': the column name '_line' is reserved",
    ),
    "node without short axis": (
        ["P1,node,0,lymph_node,target,true,20,,false"],
        HEADER,
        "line 2, column 'short_axis_mm'",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_files_exit_2_with_one_message(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines, header, expected = MALFORMED[case]
    output = tmp_path / "out"
    status = main(
        ["assess", str(write(tmp_path, lines, header)), "--criteria", "recist", "-o", str(output)]
    )
    captured = capsys.readouterr()
    assert status == 2
    message = captured.err.strip().splitlines()
    assert len(message) == 1, captured.err
    assert expected in message[0]
    assert "Traceback" not in captured.err
    assert not output.exists()
    assert not list(tmp_path.glob(".out.partial-*"))


def test_mda_without_bone_lesions_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "assess",
            str(write(tmp_path, VALID_ROWS[:6])),
            "--criteria",
            "mda",
            "-o",
            str(tmp_path / "o"),
        ]
    )
    assert status == 2
    assert "no lesion has organ 'bone'" in capsys.readouterr().err


def test_assess_reads_simulator_output_and_scenarios(tmp_path: Path, examples_dir: Path) -> None:
    scenario = examples_dir / "nsclc_sbrt_pembrolizumab.yaml"
    assert main(["simulate", str(scenario), "-o", str(tmp_path / "sim"), "-q"]) == 0
    from_timeseries = tmp_path / "from_timeseries"
    arguments = ["--criteria", "recist", "--visit-interval-days", "56", "-q"]
    assert (
        main(
            [
                "assess",
                str(tmp_path / "sim" / "timeseries.csv"),
                "-o",
                str(from_timeseries),
                *arguments,
            ]
        )
        == 0
    )
    from_yaml = tmp_path / "from_yaml"
    assert main(["assess", str(scenario), "-o", str(from_yaml), *arguments]) == 0
    a = pd.read_csv(from_timeseries / "lesions.csv").set_index("lesion_id")
    b = pd.read_csv(from_yaml / "lesions.csv").set_index("lesion_id")
    pd.testing.assert_series_equal(a["best_change_pct"], b["best_change_pct"], rtol=1e-6)
    timepoints = pd.read_csv(from_yaml / "timepoints.csv")
    assert list(timepoints["day"]) == [0.0, 56.0, 112.0, 168.0, 224.0, 280.0, 336.0]
    # SBRT 3 x 8 Gy shrinks the irradiated primary by more than 30 %.
    assert b.loc["lung_primary", "best_change_pct"] < -30.0
    assert b.loc["lung_primary", "dose_category"] == "in_field"


def test_confirm_flag_downgrades_an_unconfirmed_response(tmp_path: Path) -> None:
    rows = [
        "P1,lung,0,lung,target,false,50,,false",
        "P1,lung,42,lung,target,false,30,,false",
        "P1,lung,84,lung,target,false,45,,false",
    ]
    path = write(tmp_path, rows)
    for flag, expected in (([], "PR"), (["--confirm"], "SD")):
        output = tmp_path / f"out{len(flag)}"
        assert (
            main(["assess", str(path), "--criteria", "recist", "-o", str(output), "-q", *flag]) == 0
        )
        assert pd.read_csv(output / "patients.csv")["best_overall_response"].iloc[0] == expected


TIMESERIES_DAMAGE = {
    "text size": ("diameter_mm", "abc", "column 'diameter_mm': 'abc' is not a number"),
    "negative size": ("diameter_mm", "-4", "column 'diameter_mm': '-4' is negative"),
    "a date as day": ("time_day", "2024-01-01", "column 'time_day': '2024-01-01' is not a number"),
    "blank day": ("time_day", "", "column 'time_day': is empty"),
    "a day of 20240101": ("time_day", "20240101", "'20240101' is larger than 3650"),
    "unknown boolean": ("irradiated", "maybe", "column 'irradiated': 'maybe' is not a yes/no"),
}


@pytest.fixture(scope="module")
def simulated_timeseries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import EXAMPLES

    output = tmp_path_factory.mktemp("sim") / "out"
    scenario = EXAMPLES / "nsclc_sbrt_pembrolizumab.yaml"
    assert main(["simulate", str(scenario), "-o", str(output), "-q"]) == 0
    return output / "timeseries.csv"


@pytest.mark.parametrize("case", sorted(TIMESERIES_DAMAGE))
def test_a_damaged_timeseries_is_refused_not_coerced(
    case: str, simulated_timeseries: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    column, value, expected = TIMESERIES_DAMAGE[case]
    frame = pd.read_csv(simulated_timeseries, dtype=str, keep_default_na=False)
    frame.loc[4, column] = value  # CSV line 6
    damaged = tmp_path / "timeseries.csv"
    frame.to_csv(damaged, index=False)
    output = tmp_path / "out"
    status = main(["assess", str(damaged), "--criteria", "recist", "-o", str(output)])
    captured = capsys.readouterr()
    assert status == 2 and "Traceback" not in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert "line 6, " in captured.err and expected in captured.err
    assert not output.exists()


def test_a_visit_schedule_is_counted_before_it_is_built(
    simulated_timeseries: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = [
        "--criteria",
        "recist",
        "--visit-interval-days",
        "0.001",
        "-o",
        str(tmp_path / "o"),
    ]
    assert main(["assess", str(simulated_timeseries), *arguments]) == 2
    assert "gives more than 10000 scans" in capsys.readouterr().err


def test_recist_is_the_default_criteria(tmp_path: Path) -> None:
    output = tmp_path / "out"
    assert main(["assess", str(write(tmp_path, VALID_ROWS)), "-o", str(output), "-q"]) == 0
    patients = pd.read_csv(output / "patients.csv")
    assert set(patients["criteria"]) == {"recist"}
