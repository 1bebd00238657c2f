"""What imaging would measure on each lesion, computed from the model state."""

from __future__ import annotations

import numpy as np

from abscopal.models.state import L


def sphere_diameter_mm(volume_mm3: np.ndarray) -> np.ndarray:
    """Diameter of the sphere of the given volume [mm]."""
    return np.cbrt(6.0 * np.maximum(volume_mm3, 0.0) / np.pi)


def lesion_observables(
    lesion_states: np.ndarray, parameters: dict[str, float]
) -> dict[str, np.ndarray]:
    """Per-lesion observables from states of shape (..., n_lesions, n_lesion_states).

    Diameters are sphere-equivalent: the longest diameter, or the short axis for lymph nodes
    (the scenario's baseline size is read the same way). The viable (enhancing) diameter is that
    of the viable volume (mRECIST); ``sul_peak`` is a PERCIST proxy mixing viable tumor,
    inflammatory immune infiltrate and background uptake.
    """
    viable = np.maximum(lesion_states[..., L["viable"]], 0.0)
    doomed = np.maximum(lesion_states[..., L["doomed"]], 0.0)
    debris = np.maximum(lesion_states[..., L["debris"]], 0.0)
    volume = viable + doomed + debris
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
