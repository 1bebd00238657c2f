"""Checkpoint antibodies: target and two-compartment pharmacokinetics with saturable clearance.

Pembrolizumab values are those of the published population PK model (Ahamadi 2017) as coded in
the mrgsolve depot model. Values marked ``recalled`` are from the cited population-PK papers as
remembered, not re-read here; mouse antibody PK is assumed (typical IgG in a 25 g mouse with
intraperitoneal absorption). Receptor occupancy half-saturation concentrations are assumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Target = Literal["PD-1", "PD-L1", "CTLA-4"]
TARGETS: tuple[Target, ...] = ("PD-1", "PD-L1", "CTLA-4")


@dataclass(frozen=True)
class Antibody:
    """Pharmacokinetic and target data of one checkpoint antibody."""

    name: str
    target: Target
    species: str
    clearance_l_per_day: float
    central_volume_l: float
    intercompartmental_clearance_l_per_day: float
    peripheral_volume_l: float
    max_saturable_elimination_mg_per_day: float
    saturable_half_concentration_mg_per_l: float
    weight_exponent: float
    reference_weight_kg: float
    default_route: Literal["iv", "ip"]
    absorption_rate_per_day: float
    bioavailability: float
    occupancy_half_concentration_ug_per_ml: float
    provenance: str
    citations: tuple[str, ...]


def _mouse_antibody(name: str, target: Target, saturable: float, note: str) -> Antibody:
    return Antibody(
        name=name,
        target=target,
        species="mouse",
        clearance_l_per_day=0.0002,
        central_volume_l=0.001,
        intercompartmental_clearance_l_per_day=0.002,
        peripheral_volume_l=0.001,
        max_saturable_elimination_mg_per_day=saturable,
        saturable_half_concentration_mg_per_l=1.0,
        weight_exponent=1.0,
        reference_weight_kg=0.025,
        default_route="ip",
        absorption_rate_per_day=2.0,
        bioavailability=0.8,
        occupancy_half_concentration_ug_per_ml=1.0,
        provenance=f"assumed: typical IgG in a 25 g mouse, i.p. absorption; {note}",
        citations=(),
    )


ANTIBODIES: dict[str, Antibody] = {
    antibody.name: antibody
    for antibody in (
        Antibody(
            "pembrolizumab",
            "PD-1",
            "human",
            0.168,
            2.88,
            0.384,
            2.85,
            0.114,
            0.0784,
            0.75,
            70.0,
            "iv",
            0.0,
            1.0,
            0.5,
            "source: Ahamadi 2017 via mrgsolve pembro.cpp; occupancy half-concentration assumed",
            ("Ahamadi2017",),
        ),
        Antibody(
            "nivolumab",
            "PD-1",
            "human",
            0.228,
            3.63,
            0.767,
            2.78,
            0.0,
            1.0,
            0.566,
            80.0,
            "iv",
            0.0,
            1.0,
            0.5,
            "recalled from Bajaj 2017 (not re-read); occupancy half-concentration assumed",
            ("Bajaj2017",),
        ),
        Antibody(
            "atezolizumab",
            "PD-L1",
            "human",
            0.20,
            3.28,
            0.546,
            3.63,
            0.0,
            1.0,
            0.81,
            77.0,
            "iv",
            0.0,
            1.0,
            0.5,
            "recalled from Stroh 2017 (not re-read); occupancy half-concentration assumed",
            ("Stroh2017",),
        ),
        Antibody(
            "ipilimumab",
            "CTLA-4",
            "human",
            0.367,
            4.1,
            0.8,
            3.3,
            0.0,
            1.0,
            0.7,
            80.0,
            "iv",
            0.0,
            1.0,
            1.0,
            "recalled from Feng 2013 (CL 15.3 mL/h); volumes and occupancy assumed",
            ("Feng2013",),
        ),
        _mouse_antibody("anti_ctla4_9h10", "CTLA-4", 0.0, "hamster anti-mouse CTLA-4 (9H10)"),
        _mouse_antibody("anti_pd1_rmp1_14", "PD-1", 0.0, "rat anti-mouse PD-1 (RMP1-14)"),
        _mouse_antibody(
            "anti_pdl1_10f9g2", "PD-L1", 0.002, "rat anti-mouse PD-L1 (10F.9G2), target-mediated"
        ),
    )
}
