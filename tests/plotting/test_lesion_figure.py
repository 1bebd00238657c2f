"""The lesion figure draws the treatment where it happened, labelled, with the reading aids."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from abscopal.examples import DIRECTORY
from abscopal.plotting.lesions import COUNTERFACTUAL_LABEL, lesion_figure
from abscopal.protocols.counterfactuals import SYSTEMIC_ALONE, counterfactual_treatments
from abscopal.scenario import load_scenario
from abscopal.simulation import simulate


def _legend_labels(axis) -> list[str]:
    return [text.get_text() for text in axis.get_legend().get_texts()]


def test_gm_csf_windows_and_fractions_are_drawn_on_their_days():
    solution = simulate(load_scenario(DIRECTORY / "rt_gm_csf_two_sites.yaml"))
    figure = lesion_figure(solution)
    track = figure.axes[1]
    bars = [line for line in track.get_lines() if line.get_gid() == "gm_csf_exposure"]
    covered = np.array(sorted({float(x) for line in bars for x in line.get_xdata()}))
    # injections on days 7-20 and 28-41, each spread over the day after it
    assert covered.min() == 7.0 and covered.max() == 42.0
    assert not ((covered > 21.0) & (covered < 28.0)).any()  # nothing between the courses
    labels = _legend_labels(track)
    assert "GM-CSF exposure" in labels and "radiation fraction" in labels
    fractions = next(line for line in track.get_lines() if line.get_label() == "radiation fraction")
    assert len(fractions.get_xdata()) == 20  # two courses of 10 fractions
    texts = [text.get_text() for text in track.texts if text.get_gid() == "course_label"]
    assert texts == [
        "RT 10 × 3.5 Gy to lung_met from day 0; RT 10 × 3.5 Gy to liver_met from day 21",
        "GM-CSF 125 µg/m² daily × 14 from day 7; GM-CSF 125 µg/m² daily × 14 from day 28",
    ]
    plt.close(figure)


@pytest.fixture(scope="module")
def nsclc():
    scenario = load_scenario(DIRECTORY / "nsclc_sbrt_pembrolizumab.yaml")
    drug_alone = counterfactual_treatments(scenario.treatment)[SYSTEMIC_ALONE]
    return simulate(scenario), simulate(scenario.with_treatment(drug_alone))


def test_dose_and_drug_are_written_on_the_figure(nsclc):
    solution, _ = nsclc
    figure = lesion_figure(solution)
    texts = [text.get_text() for text in figure.axes[1].texts]
    assert texts == ["SBRT 3 × 8 Gy to lung_primary", "pembrolizumab 200 mg q3w to day 364"]
    plt.close(figure)


def test_recist_lines_scan_days_axis_and_legend_outside(nsclc):
    solution, _ = nsclc
    figure = lesion_figure(solution)
    sizes = figure.axes[0]
    assert sizes.get_ylim()[0] == 0.0  # no negative diameters on the axis
    levels = {
        round(float(line.get_ydata()[0]), 6)
        for line in sizes.get_lines()
        if line.get_linestyle() == ":"
    }
    baselines = [32.0, 24.0, 20.0, 26.0]
    assert levels == {round(factor * size, 6) for size in baselines for factor in (0.7, 1.2)}
    scans = sorted(
        float(line.get_xdata()[0]) for line in sizes.get_lines() if line.get_gid() == "scan_day"
    )
    assert scans == [42.0 * k for k in range(9)]  # baseline and every 6 weeks to day 365
    figure.canvas.draw()
    legend = sizes.get_legend().get_window_extent()
    assert legend.x0 > sizes.get_window_extent().x1  # the legend does not cover the curves
    plt.close(figure)


def test_the_checkpoint_inhibitor_alone_curve_is_an_option(nsclc):
    solution, drug_alone = nsclc
    figure = lesion_figure(solution, counterfactual=drug_alone)
    sizes = figure.axes[0]
    dotted = [line for line in sizes.get_lines() if line.get_gid() == "counterfactual"]
    assert len(dotted) == 4
    index = solution.lesion_names.index("liver_met")
    assert np.allclose(dotted[index].get_ydata(), drug_alone.diameter_mm("liver_met"))
    assert COUNTERFACTUAL_LABEL in _legend_labels(sizes)
    plain = lesion_figure(solution)
    assert not [line for line in plain.axes[0].get_lines() if line.get_gid() == "counterfactual"]
    plt.close("all")


def test_mouse_tumours_are_drawn_as_volumes_without_recist_lines():
    solution = simulate(load_scenario(DIRECTORY / "mouse_two_flank_8x3_ctla4.yaml"))
    figure = lesion_figure(solution)
    sizes = figure.axes[0]
    assert "volume [mm³]" in sizes.get_ylabel()
    first = sizes.get_lines()[0].get_ydata()[0]
    assert first == pytest.approx(60.0, rel=1e-6)  # the scenario's 60 mm3
    assert not [line for line in sizes.get_lines() if line.get_linestyle() == ":"]
    assert not [line for line in sizes.get_lines() if line.get_gid() == "scan_day"]
    texts = [text.get_text() for text in figure.axes[1].texts]
    assert texts == ["RT 3 × 8 Gy to irradiated_flank", "anti_ctla4_9h10 0.2 mg every 3 d × 3"]
    plt.close(figure)
