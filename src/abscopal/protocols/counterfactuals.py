"""The counterfactual treatments that tell an abscopal effect from the drug's own effect.

A distant lesion that shrinks under radiation plus a checkpoint inhibitor may shrink because of
the drug alone. The question "is this abscopal?" is answered on the *same* virtual patient by
comparing the combination with each part given alone and with no treatment — the factorial
design of the two-flank mouse experiments (Demaria 2005, Dewan 2009: untreated, antibody alone,
radiation alone, both) and of the randomised trials that add radiation to a checkpoint inhibitor
(PEMBRO-RT, Theelen 2019).
"""

from __future__ import annotations

from abscopal.scenario import Treatment

UNTREATED = "untreated"
SYSTEMIC_ALONE = "drug alone"
RADIATION_ALONE = "radiation alone"
AS_GIVEN = "combination"


def counterfactual_treatments(treatment: Treatment) -> dict[str, Treatment]:
    """``treatment`` and its parts, in the order untreated, drug alone (checkpoint inhibitor
    and GM-CSF courses), radiation alone (external beam and Y-90), combination.

    A part equal to one already listed is left out: without a drug, "drug alone" is
    "untreated" and "radiation alone" is the treatment itself, which is then listed once, under
    "radiation alone" (and likewise "drug alone" for a treatment without radiation).
    """
    systemic = Treatment(checkpoint=treatment.checkpoint, gm_csf=treatment.gm_csf)
    radiation = Treatment(external_beam=treatment.external_beam, y90=treatment.y90)
    variants: dict[str, Treatment] = {}
    for label, variant in (
        (UNTREATED, Treatment()),
        (SYSTEMIC_ALONE, systemic),
        (RADIATION_ALONE, radiation),
        (AS_GIVEN, treatment),
    ):
        if variant not in variants.values():
            variants[label] = variant
    return variants
