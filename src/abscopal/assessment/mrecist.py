"""mRECIST for hepatocellular carcinoma (Lencioni & Llovet, Semin Liver Dis 2010).

The RECIST 1.1 table read on the viable (arterially enhancing) diameter: CR when no target shows
enhancement, PR at a 30 % fall of the viable sum from baseline, PD at a 20 % rise above the
nadir with no absolute floor; porta hepatis nodes are pathological from 20 mm short axis. Y-90
leaves necrotic, non-enhancing tumor that RECIST 1.1 would still count.
"""

from __future__ import annotations

from typing import Any

from abscopal.assessment import recist
from abscopal.assessment.scans import PatientScans
from abscopal.assessment.sum_based import MRECIST_RULE

CODES = recist.CODES
RESPONSE_RANK = recist.RESPONSE_RANK
PROGRESSION = recist.PROGRESSION


def evaluate(scans: PatientScans) -> list[dict[str, Any]]:
    """One row per scan, as :func:`abscopal.assessment.recist.evaluate`, on viable diameters."""
    return recist.evaluate(scans, MRECIST_RULE)
