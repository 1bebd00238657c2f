"""Y-90 radioembolization dosimetry: MIRD partition model and decaying dose rate."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from abscopal.models.radiobiology import Y90_DECAY_RATE_PER_DAY

# Absorbed dose per unit activity fully decayed in 1 kg of tissue [Gy kg / GBq] (MIRD).
Y90_GY_KG_PER_GBQ = 49.67
LUNG_DOSE_LIMIT_GY = 30.0


@dataclass(frozen=True)
class PartitionDoses:
    """Absorbed doses of one Y-90 administration (to full decay)."""

    tumor_gy: float
    normal_liver_gy: float
    lung_gy: float


def lung_dose_gy(activity_gbq: float, lung_shunt_fraction: float, lung_mass_kg: float) -> float:
    """Lung dose of the shunted activity to full decay: 49.67 A LSF / M_lung [Gy]."""
    return Y90_GY_KG_PER_GBQ * activity_gbq * lung_shunt_fraction / lung_mass_kg


def partition_model_doses(
    activity_gbq: float,
    lung_shunt_fraction: float,
    tumor_to_normal_ratio: float,
    tumor_mass_kg: float,
    normal_liver_mass_kg: float,
    lung_mass_kg: float = 1.0,
) -> PartitionDoses:
    """Tumor, normal-liver and lung doses by the MIRD partition model (Ho 1996, Gulec 2006).

    The activity reaching the liver, A (1 - LSF), splits between tumor and normal liver in the
    ratio of uptake x mass; D_tumor = 49.67 A (1 - LSF) T/N / (T/N M_tumor + M_normal).
    """
    liver_activity = activity_gbq * (1.0 - lung_shunt_fraction)
    weighted_mass = tumor_to_normal_ratio * tumor_mass_kg + normal_liver_mass_kg
    normal = Y90_GY_KG_PER_GBQ * liver_activity / weighted_mass
    return PartitionDoses(
        tumor_gy=normal * tumor_to_normal_ratio,
        normal_liver_gy=normal,
        lung_gy=lung_dose_gy(activity_gbq, lung_shunt_fraction, lung_mass_kg),
    )


def initial_dose_rate_gy_per_day(total_dose_gy: float) -> float:
    """Dose rate at implantation for a dose delivered over full decay: R0 = D lambda."""
    return total_dose_gy * Y90_DECAY_RATE_PER_DAY


def dose_rate_gy_per_day(total_dose_gy: float, days_after: np.ndarray) -> np.ndarray:
    """Dose rate R0 exp(-lambda t) at ``days_after`` implantation (zero before it)."""
    days = np.asarray(days_after, dtype=float)
    rate = initial_dose_rate_gy_per_day(total_dose_gy) * np.exp(
        -Y90_DECAY_RATE_PER_DAY * np.maximum(days, 0.0)
    )
    return np.where(days >= 0.0, rate, 0.0)
