"""The observation model: what imaging measures of a lesion, defined once from the model state.

CT and MRI measure the whole lesion: viable cells, radiation-doomed cells that have not yet
died and dead-cell debris that has not been cleared (:data:`MEASURED_STATES`). Diameters are
sphere-equivalent (read as the longest diameter, or the short axis of lymph nodes); the viable
(enhancing) diameter is that of the viable volume (mRECIST); ``sul_peak`` is a PERCIST proxy
mixing viable tumor, inflammatory infiltrate and background uptake; the sclerotic fraction is
read for bone lesions. The solver's vector field, the solution tables, the calibration residuals
and the SBML export's diameter rules all use these definitions.
"""

from __future__ import annotations

import numpy as np

from abscopal.models.state import L

MEASURED_STATES: tuple[str, ...] = ("viable", "doomed", "debris")
"""Lesion states that occupy the volume imaging measures."""


def measured_volume_mm3(lesion_states):
    """Volume imaging measures [mm3]: the sum of :data:`MEASURED_STATES` over the last axis of
    ``lesion_states`` (plain arithmetic, so numpy arrays and traced JAX arrays both work)."""
    total = lesion_states[..., L[MEASURED_STATES[0]]]
    for name in MEASURED_STATES[1:]:
        total = total + lesion_states[..., L[name]]
    return total


def sphere_diameter_mm(volume_mm3: np.ndarray) -> np.ndarray:
    """Diameter of the sphere of the given volume [mm]."""
    return np.cbrt(6.0 * np.maximum(volume_mm3, 0.0) / np.pi)


def lesion_observables(
    lesion_states: np.ndarray, parameters: dict[str, float]
) -> dict[str, np.ndarray]:
    """Per-lesion observables from states of shape (..., n_lesions, n_lesion_states); negative
    solver noise in a state is read as zero."""
    volume = measured_volume_mm3(np.maximum(lesion_states, 0.0))
    viable = np.maximum(lesion_states[..., L["viable"]], 0.0)
    safe = np.maximum(volume, 1e-12)
    immune = np.maximum(
        lesion_states[..., L["effector"]]
        + lesion_states[..., L["exhausted"]]
        + lesion_states[..., L["treg"]]
        + lesion_states[..., L["mdsc"]],
        0.0,
    )
    sul = (
        parameters["sul_background"]
        + (parameters["sul_viable_tumor"] - parameters["sul_background"]) * viable / safe
        + parameters["sul_inflammation_per_immune_ratio"] * immune / safe
    )
    return {
        "diameter_mm": sphere_diameter_mm(volume),
        "volume_mm3": volume,
        "viable_volume_mm3": viable,
        "viable_diameter_mm": sphere_diameter_mm(viable),
        "viable_fraction": viable / safe,
        "sul_peak": sul,
        "sclerotic_fraction": lesion_states[..., L["sclerotic_fraction"]],
        "effector_per_tumor_cell": np.maximum(lesion_states[..., L["effector"]], 0.0)
        / np.maximum(viable, 1e-12),
        "effector_cells_1e6": lesion_states[..., L["effector"]],
        "exhausted_cells_1e6": lesion_states[..., L["exhausted"]],
        "treg_cells_1e6": lesion_states[..., L["treg"]],
        "mdsc_cells_1e6": lesion_states[..., L["mdsc"]],
        "pd_l1": lesion_states[..., L["pd_l1"]],
        "interferon_signal": lesion_states[..., L["interferon"]],
    }
