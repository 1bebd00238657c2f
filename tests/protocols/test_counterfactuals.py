"""The counterfactual treatments of one patient: each part alone, none, and the combination."""

from __future__ import annotations

from abscopal.protocols.counterfactuals import counterfactual_treatments
from abscopal.scenario import load_scenario

EXAMPLES = __import__("pathlib").Path(__file__).resolve().parents[2] / "examples"


def test_radiation_plus_drug_gives_the_four_arms_of_the_factorial_design() -> None:
    scenario = load_scenario(EXAMPLES / "nsclc_sbrt_pembrolizumab.yaml")
    variants = counterfactual_treatments(scenario.treatment)
    assert list(variants) == ["untreated", "drug alone", "radiation alone", "combination"]
    assert variants["untreated"].radiation_targets() == set()
    assert variants["untreated"].checkpoint == []
    assert variants["drug alone"].external_beam == [] and variants["drug alone"].checkpoint
    assert variants["radiation alone"].checkpoint == []
    assert variants["radiation alone"].radiation_targets() == {"lung_primary"}
    assert variants["combination"] == scenario.treatment


def test_gm_csf_counts_as_the_drug_and_identical_parts_are_listed_once() -> None:
    golden = load_scenario(EXAMPLES / "rt_gm_csf_two_sites.yaml")
    variants = counterfactual_treatments(golden.treatment)
    assert len(variants["drug alone"].gm_csf) == 2 and not variants["drug alone"].external_beam
    lymphopenia = load_scenario(EXAMPLES / "conventional_lymphopenia.yaml")  # radiation only
    assert list(counterfactual_treatments(lymphopenia.treatment)) == [
        "untreated",
        "radiation alone",
    ]


def test_with_treatment_keeps_the_patient() -> None:
    scenario = load_scenario(EXAMPLES / "nsclc_sbrt_pembrolizumab.yaml")
    untreated = scenario.with_treatment(counterfactual_treatments(scenario.treatment)["untreated"])
    assert untreated.lesions == scenario.lesions and untreated.name == scenario.name
    assert untreated.output_times() == scenario.output_times()
    assert untreated.treatment.radiation_targets() == set() and untreated.checkpoint == []
