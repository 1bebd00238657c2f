"""Solution: doses, BED, lesion tables and summaries, from the patient and treatment values."""

from __future__ import annotations

import numpy as np
import pytest

import abscopal
from abscopal.parameters import get_parameter_set
from abscopal.solvers.status import SolverStatus
from tests.conftest import sbrt, two_lesion_patient


@pytest.fixture(scope="module")
def solution() -> abscopal.Solution:
    course = sbrt(scatter_dose_per_fraction_gy={"liver": 1.0})
    return abscopal.simulate(two_lesion_patient(external_beam=[course], output_interval_day=7))


def test_doses_and_bed_per_lesion(solution):
    assert solution.irradiated("lung") and not solution.irradiated("liver")
    assert solution.dose_gy("lung") == 24.0
    assert solution.dose_gy("liver") == pytest.approx(3.0)
    alpha_beta = get_parameter_set("human_default").value("tumor_alpha_beta_gy")
    assert solution.bed_gy("lung") == pytest.approx(24.0 * (1 + 8.0 / alpha_beta))


def test_the_tidy_table_has_one_row_per_time_and_lesion(solution):
    frame = solution.to_dataframe()
    assert len(frame) == 2 * len(solution.time_day)
    assert list(frame.lesion[:2]) == ["lung", "liver"]
    assert set(frame.organ) == {"lung", "liver"}
    np.testing.assert_allclose(
        frame.loc[frame.lesion == "lung", "diameter_mm"].to_numpy(), solution.diameter_mm("lung")
    )


def test_the_summary_reads_the_irradiated_lesion(solution):
    rows = {row["lesion"]: row for row in solution.summary_records()}
    lung = rows["lung"]
    assert lung["baseline_diameter_mm"] == pytest.approx(25.0, rel=1e-6)
    assert lung["best_change_pct"] == pytest.approx(
        100 * (solution.diameter_mm("lung").min() / 25.0 - 1), abs=1e-3
    )
    assert lung["response"] in {"CR", "PR", "SD", "PD"}
    assert solution.status is SolverStatus.OK and solution.ok


def test_a_solution_carries_values_not_the_raw_scenario(solution):
    assert not hasattr(solution, "scenario")
    assert solution.patient.lesion_names() == solution.lesion_names
    assert solution.treatment.radiation_targets() == {"lung"}
    assert solution.name == "two_lesion_test_patient"


def test_a_solution_in_a_notebook_shows_a_short_line_a_table_and_a_figure(tmp_path):
    import matplotlib.pyplot as plt

    from abscopal.examples import DIRECTORY

    solution = abscopal.simulate(DIRECTORY / "nsclc_sbrt_pembrolizumab.yaml")
    assert repr(solution) == (
        "<Solution nsclc_sbrt_pembrolizumab: human, 4 lesions (1 irradiated), 365 days, solver ok>"
    )
    table = solution.summary()
    assert list(table["lesion"]) == ["lung_primary", "liver_met", "bone_met", "adrenal_met"]
    assert table.loc[0, "dose_gy"] == 24.0 and table["best_change_pct"].dtype == float
    assert table.to_dict("records") == solution.summary_records()
    html = solution._repr_html_()
    assert html.count("</tr>") == 5 and "lung_primary" in html  # a header and 4 lesions
    figure = solution.plot(tmp_path / "lesions.svg")
    assert (tmp_path / "lesions.svg").read_text().count("lung_primary") >= 1
    assert figure.axes[0].get_ylabel().startswith("diameter")
    plt.close(figure)
