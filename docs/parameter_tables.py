"""Regenerate the parameter tables of docs/model.md from the built-in parameter sets."""

from __future__ import annotations

import re
from pathlib import Path

from abscopal.parameters import PARAMETER_SETS

MODEL_MD = Path(__file__).with_name("model.md")
START, END = "<!-- parameter tables start -->", "<!-- parameter tables end -->"


def tables() -> str:
    """Markdown tables, one per parameter set."""
    blocks = []
    for parameter_set in PARAMETER_SETS.values():
        lines = [
            f"### {parameter_set.name} ({parameter_set.species})",
            "",
            parameter_set.calibration_note,
            "",
            "| name | value | unit | provenance | sources | meaning |",
            "|---|---|---|---|---|---|",
        ]
        for name, parameter in parameter_set.parameters.items():
            meaning = parameter.description + (f" ({parameter.note})" if parameter.note else "")
            lines.append(
                f"| `{name}` | {parameter.value:.6g} | {parameter.unit} | {parameter.provenance} "
                f"| {', '.join(parameter.citations)} | {meaning} |"
            )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render(text: str) -> str:
    """``text`` with the section between the markers replaced by current tables."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{tables()}\n{END}", text)


if __name__ == "__main__":
    MODEL_MD.write_text(render(MODEL_MD.read_text()))
