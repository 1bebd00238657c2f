"""A published finding as a quantitative check: the scenarios that reproduce the experiment, the
comparison with its tolerance, the source and whether the finding was used to fit parameters."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from abscopal.solution import Solution

Role = Literal["calibrated", "predicted"]
ScenarioBuilder = Callable[[Mapping[str, float]], dict[str, dict[str, Any]]]
Evaluator = Callable[[Mapping[str, Solution], Mapping[str, float]], list["Check"]]


@dataclass(frozen=True)
class Check:
    """One comparison of a simulated quantity with its expected range."""

    quantity: str
    simulated: float
    expected: str
    passed: bool
    margin: float = 0.0  # distance to the nearest bound, positive when the check holds


def at_least(quantity: str, simulated: float, minimum: float) -> Check:
    """``simulated >= minimum``."""
    return Check(
        quantity,
        float(simulated),
        f">= {minimum:g}",
        bool(simulated >= minimum),
        float(simulated - minimum),
    )


def at_most(quantity: str, simulated: float, maximum: float) -> Check:
    """``simulated <= maximum``."""
    return Check(
        quantity,
        float(simulated),
        f"<= {maximum:g}",
        bool(simulated <= maximum),
        float(maximum - simulated),
    )


def between(quantity: str, simulated: float, low: float, high: float) -> Check:
    """``low <= simulated <= high``."""
    return Check(
        quantity,
        float(simulated),
        f"in [{low:g}, {high:g}]",
        bool(low <= simulated <= high),
        float(min(simulated - low, high - simulated)),
    )


@dataclass(frozen=True)
class Finding:
    """A published experimental finding the model must reproduce.

    ``scenarios(overrides)`` returns the named scenario mappings of the experiment with the
    parameter ``overrides`` applied (used for the robustness draws); ``evaluate(solutions,
    parameters)`` turns their solutions (and the parameter values of ``parameter_set`` with the
    same overrides) into checks. ``role`` says whether the finding was used to fit
    ``parameter_set`` (``calibrated``) or not (``predicted``). ``robustness_parameters`` names
    the values perturbed in the robustness draws when the set has no fitted values.
    """

    id: str
    title: str
    citation: str
    model: str
    parameter_set: str
    expected: str
    role: Role
    scenarios: ScenarioBuilder
    evaluate: Evaluator
    robustness_parameters: tuple[str, ...] = ()
    notes: str = ""
    tags: frozenset[str] = field(default_factory=frozenset)


ROBUST_SHARE = 0.8  # a finding is robust when it holds in at least this share of parameter draws


@dataclass(frozen=True)
class FindingResult:
    """The outcome of one finding: its checks at the nominal parameters and its robustness."""

    finding: Finding
    checks: tuple[Check, ...]
    robustness: float | None = None
    draws: int = 0

    @property
    def passed(self) -> bool:
        """Whether every check holds at the nominal parameter values."""
        return all(check.passed for check in self.checks)

    @property
    def robust(self) -> bool | None:
        """Whether the finding holds in at least :data:`ROBUST_SHARE` of the parameter draws
        (None without draws)."""
        return None if self.robustness is None else self.robustness >= ROBUST_SHARE

    def verdict(self) -> str:
        """``pass``, ``FAIL``, or a pass that says it holds at the fitted values only."""
        if not self.passed:
            return "FAIL"
        if self.robust is False:
            return (
                f"pass at the nominal values only: holds in {100 * self.robustness:.0f} % of "
                f"draws, below the {100 * ROBUST_SHARE:.0f} % of a robust finding"
            )
        return "pass"

    def simulated_text(self) -> str:
        """The simulated quantities in one line."""
        return "; ".join(f"{check.quantity} = {check.simulated:.3g}" for check in self.checks)

    def as_dict(self) -> dict[str, Any]:
        """The JSON record of this finding."""
        finding = self.finding
        return {
            "id": finding.id,
            "finding": finding.title,
            "source": finding.citation,
            "model": finding.model,
            "parameter_set": finding.parameter_set,
            "expected": finding.expected,
            "role": finding.role,
            "passed": self.passed,
            "robustness": self.robustness,
            "robustness_draws": self.draws,
            "robust": self.robust,
            "verdict": self.verdict(),
            "checks": [
                {
                    "quantity": check.quantity,
                    "simulated": check.simulated,
                    "expected": check.expected,
                    "passed": check.passed,
                }
                for check in self.checks
            ],
            "notes": finding.notes,
        }
