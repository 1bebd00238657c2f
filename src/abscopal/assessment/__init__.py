"""Imaging response assessment: RECIST 1.1, iRECIST, mRECIST, MD Anderson bone, PERCIST, and the
abscopal classification of non-irradiated lesions."""

from abscopal.assessment.assess import Assessment, assess
from abscopal.assessment.criteria import CRITERIA
from abscopal.assessment.measurements import MeasurementError, normalise_measurements

__all__ = ["CRITERIA", "Assessment", "MeasurementError", "assess", "normalise_measurements"]
