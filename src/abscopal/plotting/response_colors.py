"""One colour per response category, for every criterion's codes (RECIST 1.1, iRECIST,
mRECIST, MD Anderson, PERCIST), so that figures of any reading use the same legend."""

from __future__ import annotations

from matplotlib.patches import Patch

RESPONSE_COLORS = {
    "CR": "#1e8449",
    "PR": "#52be80",
    "SD": "#f4d03f",
    "iUPD": "#e67e22",  # unconfirmed progression (iRECIST): not yet PD
    "PD": "#c0392b",
    "NE": "#aab7b8",
}
CATEGORY = {
    "CR": "CR", "iCR": "CR", "CMR": "CR",
    "PR": "PR", "iPR": "PR", "PMR": "PR",
    "SD": "SD", "iSD": "SD", "SMD": "SD", "non-CR/non-PD": "SD", "non-iCR/non-iUPD": "SD",
    "iUPD": "iUPD",
    "PD": "PD", "iCPD": "PD", "PMD": "PD",
}  # fmt: skip


def response_category(code: object) -> str:
    """``CR``, ``PR``, ``SD``, ``iUPD``, ``PD`` or ``NE`` (not evaluable, or no reading) for a
    response code of any criterion."""
    return CATEGORY.get(code, "NE") if isinstance(code, str) else "NE"


def response_color(code: object) -> str:
    """The colour of :func:`response_category` of ``code``."""
    return RESPONSE_COLORS[response_category(code)]


def response_handles(codes: object = None) -> list[Patch]:
    """Legend patches of the categories among ``codes`` (all categories when None)."""
    present = (
        set(RESPONSE_COLORS) if codes is None else {response_category(code) for code in codes}  # type: ignore[union-attr]
    )
    return [
        Patch(color=color, label=name) for name, color in RESPONSE_COLORS.items() if name in present
    ]
