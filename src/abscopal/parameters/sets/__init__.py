"""Built-in parameter sets, one module per source or calibration."""

from abscopal.parameters.sets.human_default import HUMAN_DEFAULT
from abscopal.parameters.sets.human_nsclc import HUMAN_NSCLC
from abscopal.parameters.sets.mouse_default import MOUSE_DEFAULT
from abscopal.parameters.sets.mouse_tsa import MOUSE_B16, MOUSE_CT26, MOUSE_TSA

__all__ = ["HUMAN_DEFAULT", "HUMAN_NSCLC", "MOUSE_B16", "MOUSE_CT26", "MOUSE_DEFAULT", "MOUSE_TSA"]
