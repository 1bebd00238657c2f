"""The lesion figure draws the treatment where it happened."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from abscopal.examples import DIRECTORY
from abscopal.plotting.lesions import lesion_figure
from abscopal.scenario import load_scenario
from abscopal.simulation import simulate


def test_gm_csf_windows_and_fractions_are_drawn_on_their_days():
    solution = simulate(load_scenario(DIRECTORY / "rt_gm_csf_two_sites.yaml"))
    figure = lesion_figure(solution)
    top = figure.axes[0]
    bars = [line for line in top.get_lines() if line.get_gid() == "gm_csf_exposure"]
    covered = np.array(sorted({float(x) for line in bars for x in line.get_xdata()}))
    # injections on days 7-20 and 28-41, each spread over the day after it
    assert covered.min() == 7.0 and covered.max() == 42.0
    assert not ((covered > 21.0) & (covered < 28.0)).any()  # nothing between the courses
    labels = [text.get_text() for text in top.get_legend().get_texts()]
    assert "GM-CSF exposure" in labels and "radiation fraction" in labels
    fractions = next(line for line in top.get_lines() if line.get_label() == "radiation fraction")
    assert len(fractions.get_xdata()) == 20  # two courses of 10 fractions
    plt.close(figure)
