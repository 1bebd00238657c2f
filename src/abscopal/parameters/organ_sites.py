"""Organ sites of lesions: blood flow, mass and blood exposure in a radiation field.

Blood flow shares are those of the ICRP-89 reference male compartment network as shipped with
HEDOS (Shin 2021); all venous return passes the lungs first, so the pulmonary share is 97.5 % of
cardiac output. Organ masses are ICRP-89 reference-male values recalled here (not re-read from the
publication); lymph-node and bone masses are approximate. The blood exposure of a 10 cm x 10 cm
field per site is derived from HEDOS's brain result (mean blood dose 0.13 Gy after 30 x 2 Gy,
18.4 % of blood irradiated after the first fraction); for the other sites the in-field blood share
is assumed, chosen so that 30 x 2 Gy to a 15 cm chest field lowers the lymphocyte count by roughly
40-50 % two months in (the clinical observation in research/validation.md section 3), and the
flow through the field follows the site's ICRP-89 blood flow. A lesion's mass-specific host-organ
flow (share x cardiac output / organ mass scaled to body weight) is derived in traced code,
``abscopal.models.inputs.lesion_constants``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OrganSite:
    """Physiology of one organ site, used for trafficking and blood-dose defaults."""

    name: str
    blood_flow_share: float  # share of cardiac output through the organ [1]
    reference_mass_g: float  # organ mass of the 70 kg reference male [g]
    field_blood_volume_share: float  # share of total blood volume inside a 10 cm field [1]
    field_blood_flow_share_per_min: float  # share of blood volume flowing through it [1/min]
    description: str


ORGAN_SITES: dict[str, OrganSite] = {
    site.name: site
    for site in (
        OrganSite("lung", 0.975, 1200.0, 0.005, 0.30, "lung parenchyma (pulmonary circulation)"),
        OrganSite("liver", 0.255, 1800.0, 0.005, 0.0625, "liver (6.5 % arterial + 19 % portal)"),
        OrganSite("bone", 0.039, 2170.0, 0.002, 0.018, "red marrow and spongy bone"),
        OrganSite("lymph_node", 0.017, 250.0, 0.003, 0.10, "lymph node (short axis measured)"),
        OrganSite("brain", 0.12, 1450.0, 0.0022, 0.147, "brain"),
        OrganSite("adrenal", 0.003, 14.0, 0.003, 0.10, "adrenal gland"),
        OrganSite("kidney", 0.19, 310.0, 0.004, 0.23, "kidney"),
        OrganSite("soft_tissue", 0.17, 29000.0, 0.001, 0.02, "skeletal muscle and soft tissue"),
        OrganSite("skin", 0.05, 3300.0, 0.001, 0.01, "skin and subcutis (mouse flank tumors)"),
    )
}

REFERENCE_BODY_WEIGHT_KG = 70.0
