"""Dose to circulating blood from one external-beam fraction (HEDOS-style defaults)."""

from __future__ import annotations

from dataclasses import dataclass

from abscopal.parameters.organ_sites import ORGAN_SITES


@dataclass(frozen=True)
class BloodExposure:
    """Mean dose to the whole blood volume and the share of blood that was in the field."""

    mean_dose_gy: float
    exposed_fraction: float


def blood_exposure(
    organ: str,
    dose_per_fraction_gy: float,
    field_size_cm: float,
    beam_on_time_min: float,
    mean_blood_dose_gy: float | None = None,
) -> BloodExposure:
    """Blood exposure of one fraction to a lesion in ``organ``.

    The blood volume in the field and the blood flowing through it scale with the field area
    relative to 10 cm x 10 cm. The mean blood dose is the prescription times the in-field share
    of the blood volume (independent of beam-on time); the exposed share grows with beam-on time
    as blood flows through the field, so longer beam-on spreads the same energy over more cells.
    """
    site = ORGAN_SITES[organ]
    area_scale = (field_size_cm / 10.0) ** 2
    volume_share = min(1.0, site.field_blood_volume_share * area_scale)
    exposed = min(
        1.0, volume_share + site.field_blood_flow_share_per_min * area_scale * beam_on_time_min
    )
    mean_dose = (
        dose_per_fraction_gy * volume_share if mean_blood_dose_gy is None else mean_blood_dose_gy
    )
    return BloodExposure(mean_dose_gy=mean_dose, exposed_fraction=max(exposed, 1e-6))
