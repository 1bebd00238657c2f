"""The findings of the validation suite, in the order of research/validation.md."""

from __future__ import annotations

from abscopal.validation.combinations import DENG_2014, TWYMAN_SAINT_VICTOR_2015
from abscopal.validation.depletion import LEE_2009, LEE_2009_CURES, LEE_2009_FRACTIONATION
from abscopal.validation.finding import Finding
from abscopal.validation.fractionation import DEWAN_2009, GRAPIN_2019, VANPOUILLE_BOX_2017
from abscopal.validation.immunogenicity import HARDING_2017
from abscopal.validation.lymphopenia import (
    BLOOD_SHARE,
    LYMPHOCYTE_FALL,
    SBRT_SPARES_LYMPHOCYTES,
)
from abscopal.validation.organ_context import YU_2021
from abscopal.validation.regulatory_t_cells import KACHIKWU_2011
from abscopal.validation.timing import DOVEDI_2014, WEI_2021

FINDINGS: tuple[Finding, ...] = (
    DEWAN_2009,
    DENG_2014,
    TWYMAN_SAINT_VICTOR_2015,
    VANPOUILLE_BOX_2017,
    DOVEDI_2014,
    WEI_2021,
    GRAPIN_2019,
    LEE_2009,
    LEE_2009_FRACTIONATION,
    YU_2021,
    HARDING_2017,
    KACHIKWU_2011,
    LEE_2009_CURES,
    LYMPHOCYTE_FALL,
    BLOOD_SHARE,
    SBRT_SPARES_LYMPHOCYTES,
)


def finding_ids() -> list[str]:
    """The IDs of all findings."""
    return [finding.id for finding in FINDINGS]
