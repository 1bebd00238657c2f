"""Built-in parameter sets, one module per source or calibration."""

from abscopal.parameters.sets.human_default import HUMAN_DEFAULT
from abscopal.parameters.sets.mouse_default import MOUSE_DEFAULT

__all__ = ["HUMAN_DEFAULT", "MOUSE_DEFAULT"]
