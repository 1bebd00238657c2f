"""Fitting model parameters to tumor-size time series (``abscopal calibrate``)."""

from abscopal.calibration.data import CalibrationDataError, TumorData, load_tumor_data
from abscopal.calibration.fit import FitResult, fit_parameters

__all__ = ["CalibrationDataError", "FitResult", "TumorData", "fit_parameters", "load_tumor_data"]
