"""The response criteria abscopal reads, each with its codes, ordering and lesion-level rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from abscopal.assessment import irecist, mda_bone, mrecist, percist, recist
from abscopal.assessment.roles import MEASURES
from abscopal.assessment.sum_based import MRECIST_RULE, RECIST_RULE, TOLERANCE, SumRule

LESION_RESPONSE_PCT = -30.0


def _diameter_response(baseline: float, value: float, baseline_pattern: Any, pattern: Any) -> bool:
    """>= 30 % fall of the lesion's measurement from baseline (RECIST-style lesion level)."""
    if not (np.isfinite(baseline) and np.isfinite(value)) or baseline <= 0:
        return False
    return 100.0 * (value - baseline) / baseline <= LESION_RESPONSE_PCT + TOLERANCE


def _bone_response(baseline: float, value: float, baseline_pattern: Any, pattern: Any) -> bool:
    """MDA lesion level: sclerotic fill-in, or >= 50 % fall of the bidimensional product."""
    if mda_bone.fill_in(baseline_pattern, pattern) is not None:
        return True
    if not (np.isfinite(baseline) and np.isfinite(value)) or baseline <= 0:
        return False
    return 100.0 * (value - baseline) / baseline <= mda_bone.PARTIAL_RESPONSE_PCT + TOLERANCE


def _metabolic_response(baseline: float, value: float, baseline_pattern: Any, pattern: Any) -> bool:
    """PERCIST lesion level: SULpeak >= 30 % and >= 0.8 units below baseline."""
    return percist.is_metabolic_response(baseline, value)


@dataclass(frozen=True)
class Criterion:
    """One response criterion."""

    name: str
    title: str
    citations: tuple[str, ...]
    evaluate: Callable[..., list[dict[str, Any]]]
    rank: dict[str, int]
    progression: frozenset[str]
    confirmations: dict[str, frozenset[str]]
    stable: str
    lesion_response: Callable[[float, float, Any, Any], bool]
    lesion_rule: str
    sum_rule: SumRule | None = None
    """Thresholds of a sum-based criterion, which also give each lesion a lesion-level best
    response (:func:`~abscopal.assessment.sum_based.lesion_best_response`); None for criteria
    that are not read on a sum of diameters."""

    @property
    def measure(self) -> str:
        """What the time-point sum measures, with its unit."""
        return MEASURES[self.name]

    @property
    def responders(self) -> frozenset[str]:
        """Codes counted as objective response."""
        return frozenset(self.confirmations)


_RECIST_CONFIRM = {"CR": frozenset({"CR"}), "PR": frozenset({"PR", "CR"})}

CRITERIA: dict[str, Criterion] = {
    "recist": Criterion(
        "recist",
        "RECIST 1.1",
        ("Eisenhauer2009",),
        recist.evaluate,
        recist.RESPONSE_RANK,
        recist.PROGRESSION,
        _RECIST_CONFIRM,
        "SD",
        _diameter_response,
        ">= 30 % fall in diameter (short axis for nodes) from baseline",
        RECIST_RULE,
    ),
    "irecist": Criterion(
        "irecist",
        "iRECIST",
        ("Seymour2017", "Eisenhauer2009"),
        irecist.evaluate,
        irecist.RESPONSE_RANK,
        irecist.PROGRESSION,
        {"iCR": frozenset({"iCR"}), "iPR": frozenset({"iPR", "iCR"})},
        "iSD",
        _diameter_response,
        ">= 30 % fall in diameter (short axis for nodes) from baseline",
        RECIST_RULE,
    ),
    "mrecist": Criterion(
        "mrecist",
        "mRECIST (HCC)",
        ("Lencioni2010",),
        mrecist.evaluate,
        mrecist.RESPONSE_RANK,
        mrecist.PROGRESSION,
        _RECIST_CONFIRM,
        "SD",
        _diameter_response,
        ">= 30 % fall in viable (enhancing) diameter from baseline",
        MRECIST_RULE,
    ),
    "mda": Criterion(
        "mda",
        "MD Anderson bone criteria",
        ("Hamaoka2004", "Costelloe2010"),
        mda_bone.evaluate,
        mda_bone.RESPONSE_RANK,
        mda_bone.PROGRESSION,
        _RECIST_CONFIRM,
        "SD",
        _bone_response,
        "sclerotic fill-in of a lytic lesion, or >= 50 % fall of the bidimensional product",
    ),
    "percist": Criterion(
        "percist",
        "PERCIST 1.0",
        ("Wahl2009",),
        percist.evaluate,
        percist.RESPONSE_RANK,
        percist.PROGRESSION,
        {"CMR": frozenset({"CMR"}), "PMR": frozenset({"PMR", "CMR"})},
        "SMD",
        _metabolic_response,
        "SULpeak >= 30 % and >= 0.8 units below baseline",
    ),
}
