"""The validation suite: published experimental findings as quantitative checks of the model,
run at the calibrated parameter values and under parameter draws (``abscopal validate``)."""

from abscopal.validation.finding import Check, Finding, FindingResult
from abscopal.validation.registry import FINDINGS, finding_ids
from abscopal.validation.runner import run_validation

__all__ = ["FINDINGS", "Check", "Finding", "FindingResult", "finding_ids", "run_validation"]
