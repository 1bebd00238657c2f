"""Fitting model parameters to measured time series (``abscopal calibrate``), through one
forward-model interface (:class:`ForwardModel`)."""

from abscopal.calibration.data import CalibrationDataError, TumorData, load_tumor_data
from abscopal.calibration.fit import FitResult, fit_forward_model, fit_parameters
from abscopal.calibration.forward import ExponentialGrowthModel, ForwardModel, TumorGrowthModel

__all__ = [
    "CalibrationDataError",
    "ExponentialGrowthModel",
    "FitResult",
    "ForwardModel",
    "TumorData",
    "TumorGrowthModel",
    "fit_forward_model",
    "fit_parameters",
    "load_tumor_data",
]
