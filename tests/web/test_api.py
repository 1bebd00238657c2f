"""The explorer's JSON API: results, bounded work, validation messages, no file-system access."""

from __future__ import annotations

import copy
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from abscopal.web import create_app

PATIENT = {
    "name": "api_patient",
    "lesions": [
        {"name": "lung", "organ": "lung", "baseline_diameter_mm": 30},
        {"name": "liver", "organ": "liver", "baseline_diameter_mm": 20},
    ],
    "external_beam": [
        {"target": "lung", "dose_per_fraction_gy": 8, "fractions": 3, "start_day": 7}
    ],
    "checkpoint": [{"drug": "pembrolizumab", "dose_mg": 200, "doses": 6, "start_day": 0}],
    "duration_day": 150,
}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1:8050")


def test_simulate_returns_curves_table_and_figures(client: TestClient) -> None:
    result = client.post("/api/simulate", json={"scenario": PATIENT}).json()
    assert [row["lesion"] for row in result["lesions"]] == ["lung", "liver"]
    assert len(result["time_day"]) == len(result["curves"]["lung"]["diameter_mm"]) == 151
    assert result["curves"]["lung"]["diameter_mm"][0] == pytest.approx(30.0, rel=1e-6)
    assert result["lesions_png"].startswith("iVBOR")  # base64 of a PNG signature
    assert any("8 Gy" in line or "8.0 Gy" in line for line in result["schedule"])


def test_compare_states_the_difference(client: TestClient) -> None:
    late = copy.deepcopy(PATIENT)
    late["checkpoint"][0]["start_day"] = 40
    record = client.post("/api/compare", json={"a": PATIENT, "b": late}).json()
    assert "with A" in record["difference"] and "with B" in record["difference"]
    final_a = record["a"]["curves"]["liver"]["diameter_mm"][-1]
    final_b = record["b"]["curves"]["liver"]["diameter_mm"][-1]
    assert final_a != pytest.approx(final_b, rel=1e-6)  # the timing changes the distant lesion


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        ({"duration_day": 1000}, "duration_day", "at most 730 days"),
        (
            {
                "lesions": [
                    {"name": f"l{i}", "organ": "lung", "baseline_diameter_mm": 20} for i in range(9)
                ]
            },
            "lesions",
            "at most 8 lesions",
        ),
        ({"output_interval_day": 0.1}, "output_interval_day", "at most 1,500 output times"),
        (
            {"external_beam": [{"target": "lung", "dose_per_fraction_gy": -3, "fractions": 3}]},
            "external_beam[0].dose_per_fraction_gy",
            "greater than 0",
        ),
    ],
)
def test_limits_and_validation_name_the_field(
    client: TestClient, change: dict, field: str, text: str
) -> None:
    scenario = {**copy.deepcopy(PATIENT), **change}
    if "lesions" in change:
        scenario["external_beam"], scenario["checkpoint"] = [], []
    response = client.post("/api/simulate", json={"scenario": scenario})
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert text in response.json()["message"]


def test_oversized_and_non_json_requests_are_refused(client: TestClient) -> None:
    json_body = {"Content-Type": "application/json"}
    response = client.post("/api/simulate", content=b"x" * 300_000, headers=json_body)
    assert response.status_code == 413 and "larger than 200 kB" in response.json()["message"]
    response = client.post("/api/simulate", content=b"{not json", headers=json_body)
    assert response.json() == {"field": "request", "message": "the request body is not JSON"}


def test_compare_needs_the_same_patient(client: TestClient) -> None:
    other = copy.deepcopy(PATIENT)
    other["lesions"][1]["baseline_diameter_mm"] = 35
    response = client.post("/api/compare", json={"a": PATIENT, "b": other})
    assert response.status_code == 422 and response.json()["field"] == "b.lesions"


def test_no_file_system_access(client: TestClient) -> None:
    assert client.get("/api/examples/..%2F..%2Fpyproject").status_code == 404
    assert client.get("/static/../app.py").status_code == 404
    response = client.post(
        "/api/parse-yaml", json={"yaml": "lesions: !!python/object/apply:os.system ['true']"}
    )
    assert response.status_code == 422 and response.json()["field"] == "file"


def test_yaml_round_trip(client: TestClient) -> None:
    text = client.post("/api/to-yaml", json={"scenario": PATIENT}).text
    parsed = client.post("/api/parse-yaml", json={"yaml": text}).json()["scenario"]
    assert parsed["lesions"] == PATIENT["lesions"]
    assert parsed["external_beam"][0]["dose_per_fraction_gy"] == 8


def test_every_shipped_example_is_listed_and_runs(client: TestClient) -> None:
    from importlib import resources

    shipped = sorted(
        item.name.removesuffix(".yaml")
        for item in resources.files("abscopal.examples").iterdir()
        if item.name.endswith(".yaml")
    )
    listed = client.get("/api/info").json()["examples"]
    assert sorted(listed) == shipped and listed[0] == "nsclc_sbrt_pembrolizumab"
    for name in ("mouse_two_flank_8x3_ctla4", "rt_gm_csf_two_sites"):  # half-daily outputs; GM-CSF
        scenario = client.get(f"/api/examples/{name}").json()["scenario"]
        response = client.post("/api/simulate", json={"scenario": scenario})
        assert response.status_code == 200, response.json()


def test_counterfactuals_separate_the_drug_from_the_abscopal_effect(client: TestClient) -> None:
    record = client.post("/api/counterfactuals", json={"scenario": PATIENT}).json()
    labels = [variant["label"] for variant in record["variants"]]
    assert labels == ["untreated", "drug alone", "radiation alone", "combination"]
    final = {
        variant["label"]: variant["curves"]["liver"]["diameter_mm"][-1]
        for variant in record["variants"]
    }
    untreated, drug, both = final["untreated"], final["drug alone"], final["combination"]
    assert untreated > 20.0  # an untreated metastasis grows
    assert drug < untreated and both < untreated  # pembrolizumab acts on the distant lesion
    irradiated = {
        variant["label"]: [row["irradiated"] for row in variant["lesions"]]
        for variant in record["variants"]
    }
    assert irradiated["untreated"] == irradiated["drug alone"] == [False, False]
    assert irradiated["radiation alone"] == irradiated["combination"] == [True, False]
    assert "liver (not irradiated)" in record["sentence"]
    assert "adding the radiation to the drug" in record["sentence"]
    assert record["figure_png"].startswith("iVBOR")


@pytest.mark.parametrize(
    ("first", "second", "words"),
    [
        (-40.0, -60.0, "20.0 percentage points more shrinkage with B"),
        (-60.0, -40.0, "20.0 percentage points less shrinkage with B"),  # both shrink
        (30.0, 10.0, "20.0 percentage points less growth with B"),
        (10.0, 30.0, "20.0 percentage points more growth with B"),
        (10.0, -10.0, "shrinkage with B, growth with A (20.0 percentage points apart)"),
        (-10.0, 10.0, "shrinkage with A, growth with B (20.0 percentage points apart)"),
        (-10.0, -10.3, "the same (within 0.5 percentage points)"),
    ],
)
def test_changes_are_compared_in_words_that_cannot_be_misread(
    first: float, second: float, words: str
) -> None:
    from abscopal.web.results import change_in_words

    assert change_in_words(first, second, "A", "B") == words


def test_a_small_trial_reports_endpoints_with_intervals(client: TestClient) -> None:
    info = client.get("/api/info").json()
    assert {"pembro_rt", "golden_2015", "formenti_2018"} <= set(info["trial_examples"])
    design = client.get("/api/trial-examples/pembro_rt").json()["trial"]
    record = client.post("/api/trial", json={"trial": {**design, "patients": 6}}).json()
    assert record["patients"] == 6 and record["population"]["selected"] == 6
    assert [arm["name"] for arm in record["arms"]] == ["pembrolizumab", "sbrt_pembrolizumab"]
    assert "SBRT 3 × 8 Gy to L1" in record["arms"][1]["treatment"]
    rows = {(row["arm"], row["endpoint"]): row for row in record["endpoints"]}
    orr = rows[("sbrt_pembrolizumab", "orr")]
    assert orr["n"] == 6 and orr["ci_low"] <= orr["estimate"] <= orr["ci_high"]
    assert ("sbrt_pembrolizumab_vs_pembrolizumab", "pfs_hazard_ratio") in rows
    # an arm without radiation has no abscopal response; its row says what it measures
    assert "no radiation" in rows[("pembrolizumab", "abscopal_response_rate")]["label"]
    curve = record["pfs"]["pembrolizumab"]
    assert curve["survival"][0] == 1.0 and len(curve["time_month"]) == len(curve["survival"])
    assert all(a >= b for a, b in zip(curve["survival"], curve["survival"][1:], strict=False))


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        ({"patients": 201}, "patients", "at most 200 virtual patients"),
        ({"follow_up_day": 1000}, "follow_up_day", "at most 730 days"),
        ({"patients": "many"}, "patients", "give a whole number"),
    ],
)
def test_trial_limits_name_the_field(client: TestClient, change: dict, field: str, text: str):
    design = client.get("/api/trial-examples/pembro_rt").json()["trial"]
    response = client.post("/api/trial", json={"trial": {**design, **change}})
    assert response.status_code == 422
    assert response.json()["field"] == field and text in response.json()["message"]


def test_a_trial_whose_population_cannot_be_drawn_is_a_422(client: TestClient) -> None:
    design = client.get("/api/trial-examples/pembro_rt").json()["trial"]
    design["patients"] = 3
    design["plausibility"] = {
        **design.get("plausibility", {}),
        "doubling_time_day": [1.0, 1.001],  # no virtual patient grows like that
        "max_candidates_per_patient": 1,
    }
    response = client.post("/api/trial", json={"trial": design})
    assert response.status_code == 422
    assert response.json()["field"] and response.json()["message"]


def test_non_finite_numbers_reach_the_page_as_null() -> None:
    from abscopal.web.app import _finite

    record = {"status": "solver status: non-finite", "curves": [1.0, float("nan"), float("inf")]}
    assert _finite(record) == {"status": "solver status: non-finite", "curves": [1.0, None, None]}


def test_each_distinct_trial_counts_against_the_program_budget(client: TestClient) -> None:
    from abscopal.web.trial_results import TRIAL_PROGRAMS, program_keys, validated_trial

    design = client.get("/api/trial-examples/pembro_rt").json()["trial"]
    small, large = (validated_trial({**design, "patients": n}) for n in (6, 60))
    assert len(set(program_keys(small))) == TRIAL_PROGRAMS
    assert program_keys(small) == program_keys(validated_trial({**design, "patients": 6}))
    assert not set(program_keys(small)) & set(program_keys(large))
