"""Assessment figures in the clinical conventions: one bar / line per patient coloured by best
overall response, iUPD and confirmed progression marked, markers never on top of each other."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Patch

from abscopal.assessment import assess
from abscopal.plotting import response
from abscopal.plotting.response_colors import response_category, response_color


def _measurements(patients: int = 12, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for patient in range(patients):
        base = rng.uniform(20, 40, 3)
        slope = rng.normal(-0.1, 0.15, 3)
        for day in range(0, 337, 42):
            for lesion in range(3):
                flare = 0.25 if (patient == 3 and day == 84) else 0.0  # an iUPD, not confirmed
                size = base[lesion] * (1 + slope[lesion] * day / 42 * 0.3 + flare)
                rows.append(
                    {
                        "patient_id": f"P{patient:02d}",
                        "lesion_id": f"L{lesion}",
                        "day": day,
                        "organ": ("lung", "liver", "adrenal")[lesion],
                        "longest_diameter_mm": round(max(size, 0.0), 1),
                        "irradiated": lesion == 0,
                    }
                )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def reading():
    return assess(_measurements(), "irecist")


@pytest.fixture
def kept(monkeypatch):
    """The figures a plotting call made, kept open for inspection."""
    figures = []
    close = plt.close  # pyplot itself is patched: keep the real one for the clean-up
    monkeypatch.setattr(response.plt, "close", lambda figure=None: figures.append(figure))
    yield figures
    for figure in figures:
        close(figure)


def test_every_criterion_code_has_a_category():
    assert [response_category(code) for code in ("iCR", "iPR", "iSD", "iUPD", "iCPD")] == [
        "CR",
        "PR",
        "SD",
        "iUPD",
        "PD",
    ]
    assert [response_category(code) for code in ("CMR", "PMR", "SMD", "PMD")] == [
        "CR",
        "PR",
        "SD",
        "PD",
    ]
    assert response_category("non-CR/non-PD") == "SD" and response_category(None) == "NE"


def test_waterfall_one_bar_per_patient_coloured_by_best_response(reading, kept, tmp_path):
    response.plot_waterfall(reading, tmp_path / "w.png")
    (figure,) = kept
    axis = figure.axes[0]
    bars = axis.patches
    assert len(bars) == len(reading.patients)
    heights = [bar.get_height() for bar in bars]
    assert heights == sorted(heights, reverse=True)
    labels = [tick.get_text() for tick in axis.get_xticklabels()]
    patients = reading.patients
    best = dict(zip(patients["patient_id"], patients["best_overall_response"], strict=True))
    for bar, patient in zip(bars, labels, strict=True):
        assert bar.get_facecolor()[:3] == pytest.approx(
            matplotlib_rgb(response_color(best[patient]))
        )
    handles = axis.get_legend().legend_handles
    assert all(isinstance(handle, Patch) for handle in handles)  # real swatches, not empty bars
    assert {text.get_text() for text in axis.get_legend().get_texts()} == {"PR", "SD"}


def test_waterfall_per_lesion_is_an_option(reading, kept, tmp_path):
    response.plot_waterfall(reading, tmp_path / "w.png", per_lesion=True)
    (figure,) = kept
    assert len(figure.axes[0].patches) == len(reading.lesions[reading.lesions["role"] != "new"])


def test_spider_one_labelled_line_per_patient(reading, kept, tmp_path):
    response.plot_spider(reading, tmp_path / "s.png")
    (figure,) = kept
    axis = figure.axes[0]
    lines = [line for line in axis.get_lines() if line.get_gid() == "patient_line"]
    assert len(lines) == len(reading.patients)
    labels = [text for text in axis.texts if text.get_gid() == "patient_label"]
    assert sorted(text.get_text() for text in labels) == sorted(reading.patients["patient_id"])
    heights = sorted(text.get_position()[1] for text in labels)  # all lines end on day 336
    low, high = axis.get_ylim()
    assert all(b - a >= 0.03 * (high - low) for a, b in itertools.pairwise(heights))


def test_swimmer_marks_iupd_and_keeps_markers_apart(reading, kept, tmp_path):
    response.plot_swimmer(reading, tmp_path / "s.png")
    (figure,) = kept
    axis = figure.axes[0]
    iupd = [line for line in axis.get_lines() if line.get_gid() == "swimmer_iupd"]
    assert len(iupd) == 1 and float(iupd[0].get_xdata()[0]) == pytest.approx(84.0)
    labels = [text.get_text() for text in axis.get_legend().get_texts()]
    assert "unconfirmed progression (iUPD)" in labels
    span = axis.get_xlim()[1] - axis.get_xlim()[0]
    rows: dict[float, list[float]] = {}
    for line in axis.get_lines():
        if (line.get_gid() or "").startswith("swimmer_"):
            rows.setdefault(float(line.get_ydata()[0]), []).append(float(line.get_xdata()[0]))
    for days in rows.values():  # within a row, markers at least ~1 % of the axis apart
        days.sort()
        assert all(b - a >= 0.01 * span for a, b in itertools.pairwise(days))


def test_close_events_are_spread_evenly_around_their_day():
    placed = response._spread([("response", 42.0), ("abscopal", 42.0), ("iupd", 126.0)], 5.0)
    assert placed == [("response", 39.5), ("abscopal", 44.5), ("iupd", 126.0)]


def matplotlib_rgb(color: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return to_rgb(color)
