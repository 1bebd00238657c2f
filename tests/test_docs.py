"""docs/model.md stays true to the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_parameter_tables_in_model_md_are_current():
    spec = importlib.util.spec_from_file_location("parameter_tables", DOCS / "parameter_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (DOCS / "model.md").read_text()
    assert module.render(text) == text, "run: python docs/parameter_tables.py"


def test_every_state_is_documented():
    from abscopal.models.state import LESION_STATES, SYSTEMIC_STATES

    text = (DOCS / "model.md").read_text()
    per_lesion = text.split("**Per lesion i**")[1].split("**Systemic**")[0]
    rows = [line for line in per_lesion.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) - 1 == len(LESION_STATES)  # one row per lesion state below the header
    assert "| B | sclerotic fraction" in text and "| T | Trex1 induction" in text
    assert len(SYSTEMIC_STATES) == 21 and "C_1..C_4" in text
    assert "lymphoid Treg share q" in text and "dq/dt" in text
    assert "repertoire set point Q*" in text and "dQ*/dt" in text
    assert "GM-CSF\nstimulation G" in text and "dG/dt" in text
