"""Organ sites of lesions: the blood exposure of a radiation field at each site.

Effector entry into a lesion does not depend on its host organ's blood flow: a lesion is
perfused by its own vessels (``tumor_perfusion_ml_per_min_per_g``; the host-organ flow that
entry used to scale with gave lung lesions, which take the pulmonary share of 97.5 % of cardiac
output, tens of times more effectors per gram than flank tumors). The blood exposure of a 10 cm x 10 cm
field per site is derived from HEDOS's brain result (mean blood dose 0.13 Gy after 30 x 2 Gy,
18.4 % of blood irradiated after the first fraction); for the other sites the in-field blood share
is assumed, chosen so that 30 x 2 Gy to a 15 cm chest field lowers the lymphocyte count by roughly
40-50 % two months in (the clinical observation in research/validation.md section 3), and the
flow through the field follows the site's ICRP-89 blood flow (the compartment network shipped
with HEDOS, Shin 2021).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OrganSite:
    """Blood exposure of a radiation field at one organ site (blood-dose defaults)."""

    name: str
    field_blood_volume_share: float  # share of total blood volume inside a 10 cm field [1]
    field_blood_flow_share_per_min: float  # share of blood volume flowing through it [1/min]
    description: str


ORGAN_SITES: dict[str, OrganSite] = {
    site.name: site
    for site in (
        OrganSite("lung", 0.005, 0.30, "lung parenchyma (pulmonary circulation)"),
        OrganSite("liver", 0.005, 0.0625, "liver (6.5 % arterial + 19 % portal)"),
        OrganSite("bone", 0.002, 0.018, "red marrow and spongy bone"),
        OrganSite("lymph_node", 0.003, 0.10, "lymph node (short axis measured)"),
        OrganSite("brain", 0.0022, 0.147, "brain"),
        OrganSite("adrenal", 0.003, 0.10, "adrenal gland"),
        OrganSite("kidney", 0.004, 0.23, "kidney"),
        OrganSite("soft_tissue", 0.001, 0.02, "skeletal muscle and soft tissue"),
        OrganSite("skin", 0.001, 0.01, "skin and subcutis (mouse flank tumors)"),
    )
}
