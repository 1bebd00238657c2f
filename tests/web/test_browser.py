"""End-to-end tests of the web explorer in headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

RESPONSE_CODES = {"CR", "PR", "SD", "PD"}
DOCS = Path(__file__).resolve().parents[2] / "docs"
DOCS_SCREENSHOT = DOCS / "explorer.png"
EXAMPLES = [
    path.stem for path in sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
]
CHART = ".result[data-label={}] .lesion-chart canvas"


def _build_two_lesion_patient(page) -> None:
    rows = page.locator("#lesion-table tbody tr")
    assert rows.count() == 2
    rows.nth(0).locator(".lesion-name").fill("lung_primary")
    rows.nth(0).locator(".lesion-organ").select_option("lung")
    rows.nth(0).locator(".lesion-size").fill("32")
    rows.nth(1).locator(".lesion-name").fill("adrenal_met")
    rows.nth(1).locator(".lesion-organ").select_option("adrenal")
    rows.nth(1).locator(".lesion-size").fill("24")
    page.locator("#rt-mode").select_option("ebrt")
    page.locator("#rt-target").select_option("lung_primary")
    page.locator("#dose").fill("8")
    page.locator("#fractions").fill("3")
    page.locator("#rt-start").fill("7")
    page.locator("#drug").select_option("pembrolizumab")
    page.locator("#drug-dose").fill("200")
    page.locator("#drug-start").fill("0")
    page.locator("#duration").fill("240")


def test_build_run_and_compare_drug_timing(page, tmp_path: Path) -> None:
    _build_two_lesion_patient(page)
    page.locator("#run").click()
    page.wait_for_selector(CHART.format("A"), timeout=120_000)
    width = page.eval_on_selector(CHART.format("A"), "canvas => canvas.width")
    assert width > 400  # the interactive chart was drawn
    responses = page.locator(".result .lesion-results td.response").all_inner_texts()
    assert len(responses) == 2 and set(responses) <= RESPONSE_CODES
    names = page.locator(".result .lesion-results tbody td:first-child").all_inner_texts()
    assert names == ["lung_primary", "adrenal_met"]
    # Schedule B: pembrolizumab starts 60 days later.
    page.locator("#b-drug-start").fill("60")
    page.locator("#compare").click()
    page.wait_for_selector(CHART.format("B"), timeout=120_000)
    assert page.locator(".result").count() == 2
    difference = page.locator("#difference").inner_text()
    assert "with A" in difference and "with B" in difference and "%" in difference
    schedule_b = page.locator(".result[data-label=B] .schedule").inner_text()
    assert "60" in schedule_b
    page.screenshot(path=str(tmp_path / "explorer.png"), full_page=True)
    assert (tmp_path / "explorer.png").stat().st_size > 20_000
    if os.environ.get("ABSCOPAL_UPDATE_SCREENSHOT"):
        page.screenshot(path=str(DOCS_SCREENSHOT), full_page=False)


def test_invalid_dose_shows_a_message_next_to_the_field(page) -> None:
    page.locator("#rt-mode").select_option("ebrt")
    page.locator("#dose").fill("-3")
    page.locator("#run").click()
    message = page.locator("#dose + .field-error")
    message.wait_for(timeout=30_000)
    assert "greater than 0" in message.inner_text()
    assert "invalid" in (page.locator("#dose").get_attribute("class") or "")
    assert page.locator(".result").count() == 0


def test_malformed_yaml_upload_gives_a_message_not_a_crash(page) -> None:
    page.locator("#upload").set_input_files(
        files=[
            {"name": "broken.yaml", "mimeType": "text/yaml", "buffer": b"lesions: [\n  {name: a"}
        ]
    )
    expect(page.locator("#upload-error")).to_contain_text("not valid YAML")
    page.locator("#upload").set_input_files(
        files=[
            {
                "name": "typo.yaml",
                "mimeType": "text/yaml",
                "buffer": b"lesions:\n  - {name: a, organ: lung, baseline_diameter_cm: 2}\n",
            }
        ]
    )
    expect(page.locator("#upload-error")).to_contain_text("baseline_diameter_cm")
    # The page still works afterwards.
    page.locator("#run").click()
    page.wait_for_selector(CHART.format("A"), timeout=120_000)


def test_example_upload_and_download_round_trip(page, tmp_path: Path) -> None:
    page.locator("#example").select_option("hcc_y90_bone_metastasis")
    expect(page.locator("#rt-mode")).to_have_value("y90")
    assert page.locator("#lesion-table tbody tr").count() == 2
    with page.expect_download() as download_info:
        page.locator("#download").click()
    path = tmp_path / "downloaded.yaml"
    download_info.value.save_as(path)
    text = path.read_text()
    assert "y90:" in text and "hcc" in text
    page.locator("#example").select_option("mouse_two_flank_8x3_ctla4")
    page.locator("#upload").set_input_files(str(path))
    expect(page.locator("#rt-mode")).to_have_value("y90")
    assert page.locator("#species").input_value() == "human"


def test_two_browsers_do_not_see_each_other(browser, server_url: str) -> None:
    pages = []
    for name in ("alpha", "beta"):
        context = browser.new_context()
        page = context.new_page()
        page.goto(server_url)
        page.wait_for_selector("body[data-ready=true]")
        page.locator("#lesion-table tbody tr").nth(1).locator(".lesion-name").fill(f"{name}_met")
        page.locator("#duration").fill("180")
        page.locator("#run").click()
        pages.append((name, page))
    for name, page in pages:
        page.wait_for_selector(CHART.format("A"), timeout=120_000)
        names = page.locator(".result .lesion-results tbody td:first-child").all_inner_texts()
        assert f"{name}_met" in names
        other = "beta" if name == "alpha" else "alpha"
        assert f"{other}_met" not in page.content()
        page.context.close()


def test_the_page_runs_under_its_content_security_policy(page) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    page.locator("#run").click()
    page.wait_for_selector(CHART.format("A"), timeout=120_000)
    assert page.locator(".result a[download$='lesions.png']").count() == 1
    assert violations == []


def _scenario_of(data: dict) -> dict:
    from abscopal.scenario import scenario_from_dict

    return scenario_from_dict(data).model_dump(mode="json")


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_shipped_example_runs_unchanged(page, example: str) -> None:
    import yaml

    assert (
        page.locator(f"#example option[value='{example}'], #example option")
        .filter(has_text=example)
        .count()
        == 1
    )
    page.locator("#example").select_option(example)
    expect(page.locator("#status")).to_have_text(f"loaded {example}")
    shipped = yaml.safe_load((DOCS.parent / "examples" / f"{example}.yaml").read_text())
    assert _scenario_of(page.evaluate("readForm()")) == _scenario_of(shipped)  # nothing lost
    page.locator("#run").click()
    page.wait_for_selector(CHART.format("A"), timeout=180_000)
    assert page.locator("#general-error").inner_text() == ""
    names = page.locator(".result .lesion-results tbody td:first-child").all_inner_texts()
    assert names == [lesion["name"] for lesion in shipped["lesions"]]
    if shipped.get("species", "human") == "human":
        criteria = page.locator(".criteria-results tbody td:first-child").all_inner_texts()
        assert criteria[:2] == ["RECIST 1.1", "iRECIST"]
        organs = {lesion["organ"] for lesion in shipped["lesions"]}
        assert ("mRECIST" in criteria) == ("liver" in organs)
        assert ("MD Anderson (bone)" in criteria) == ("bone" in organs)
    else:
        expect(page.locator(".criteria-note")).to_contain_text("followed by volume")
        title = page.locator(".result .lesion-chart .u-title").inner_text()
        assert "volumes" in title


def test_counterfactuals_answer_is_it_abscopal_on_shared_axes(page) -> None:
    page.locator("#example").select_option("nsclc_sbrt_pembrolizumab")
    expect(page.locator("#status")).to_have_text("loaded nsclc_sbrt_pembrolizumab")
    page.locator("#counterfactuals").click()
    page.wait_for_selector(".counterfactual-chart canvas", timeout=180_000)
    assert page.locator(".counterfactual-chart").count() == 4  # one panel per lesion
    legend = page.locator(".counterfactual-chart").first.locator(".u-legend .u-label")
    labels = legend.all_inner_texts()
    assert labels[1:] == ["untreated", "drug alone", "radiation alone", "combination"]
    ranges = page.evaluate("charts.map((c) => [c.scales.y.min, c.scales.y.max])")
    assert len(ranges) == 4 and all(item == ranges[0] for item in ranges)  # the same y axis
    sentence = page.locator("#difference").inner_text()
    assert "adding the radiation to the drug" in sentence and "liver_met" in sentence


def test_charts_hover_zoom_and_toggle(page) -> None:
    page.locator("#run").click()
    page.wait_for_selector(CHART.format("A"), timeout=120_000)
    over = page.locator(".result[data-label=A] .lesion-chart .u-over")
    box = over.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    values = page.locator(".result[data-label=A] .lesion-chart .u-legend .u-value")
    expect(values.nth(1)).to_have_text(__import__("re").compile(r"^\d"))  # a hovered value
    x_before = page.evaluate("charts[0].scales.x.max")
    page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.5, steps=5)
    page.mouse.up()
    assert page.evaluate("charts[0].scales.x.max") < 0.6 * x_before  # zoomed in
    entry = page.locator(".result[data-label=A] .lesion-chart .u-legend tr.u-series").nth(1)
    entry.click()
    expect(entry).to_have_class(__import__("re").compile("u-off"))  # the lesion is hidden


def test_a_failed_run_clears_the_previous_results(page) -> None:
    page.locator("#run").click()
    page.wait_for_selector(CHART.format("A"), timeout=120_000)
    page.locator("#dose").fill("-3")
    page.locator("#run").click()
    expect(page.locator("#dose + .field-error")).to_contain_text("greater than 0")
    assert page.locator(".result").count() == 0
    assert page.evaluate("charts.length") == 0


def test_every_control_has_a_label(page) -> None:
    unlabeled = page.evaluate(
        """Array.from(document.querySelectorAll('input, select, button'))
        .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                       && !(e.tagName === 'BUTTON' && e.textContent.trim()))
        .map((e) => e.id || e.className)"""
    )
    assert unlabeled == []


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)])
def test_layout_fits_desktop_and_phone(browser, server_url: str, width: int, height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(server_url)
    page.wait_for_selector("body[data-ready=true]")
    page.locator("#example").select_option("nsclc_sbrt_pembrolizumab")
    expect(page.locator("#status")).to_have_text("loaded nsclc_sbrt_pembrolizumab")
    page.locator("#compare").click()
    page.wait_for_selector(CHART.format("B"), timeout=180_000)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # no horizontal scrolling of the page
    a = page.locator(".result[data-label=A]").bounding_box()
    b = page.locator(".result[data-label=B]").bounding_box()
    if width >= 1440:
        assert abs(a["y"] - b["y"]) < 1 and b["x"] > a["x"] + a["width"] - 1  # side by side
    else:
        assert b["y"] >= a["y"] + a["height"] - 1  # stacked
    ranges = page.evaluate(
        "charts.filter((c) => c.root.dataset.title.includes('lesion'))"
        ".map((c) => [c.scales.y.min, c.scales.y.max])"
    )
    assert len(ranges) == 2 and ranges[0] == ranges[1]  # A and B on the same y axis
    if os.environ.get("ABSCOPAL_UPDATE_SCREENSHOT"):
        page.screenshot(path=str(DOCS / f"explorer_{width}px.png"), full_page=width < 1000)
    context.close()


def test_a_small_trial_runs_in_the_page(page) -> None:
    expect(page.locator("#trial-example")).to_have_value("pembro_rt")  # the default design
    expect(page.locator("#trial-arms")).to_contain_text("sbrt_pembrolizumab")
    expect(page.locator("#trial-patients")).to_have_value("76")  # the design's own size
    page.locator("#trial-patients").fill("6")
    page.locator("#run-trial").click()
    page.wait_for_selector(".result[data-label=trial] .pfs-chart canvas", timeout=240_000)
    orr = page.locator(".trial-endpoints tr[data-endpoint=orr] td.estimate").all_inner_texts()
    assert len(orr) == 2 and all("95 % CI" in text and "%" in text for text in orr)
    counts = page.locator(".trial-endpoints tr[data-endpoint=orr] td:last-child").all_inner_texts()
    assert counts == ["6", "6"]
    expect(page.locator(".result[data-label=trial] h3")).to_contain_text("6 virtual patients")
    expect(page.locator(".result[data-label=trial] .hazard")).to_contain_text("hazard ratio")
    if os.environ.get("ABSCOPAL_UPDATE_SCREENSHOT"):
        page.locator(".result[data-label=trial]").screenshot(path=str(DOCS / "explorer_trial.png"))
    page.locator("#trial-patients").fill("500")
    page.locator("#run-trial").click()
    expect(page.locator("#trial-patients + .field-error")).to_contain_text("at most 200")
    assert page.locator(".result").count() == 0  # the failed run cleared the old results


def test_renaming_the_irradiated_lesion_keeps_it_irradiated(page) -> None:
    page.locator("#example").select_option("rt_gm_csf_two_sites")
    expect(page.locator("#status")).to_have_text("loaded rt_gm_csf_two_sites")
    page.locator("#rt-target").select_option("liver_met")  # the second row
    row = page.locator("#lesion-table tbody tr").nth(1)
    row.locator(".lesion-name").fill("liver_segment_7")
    row.locator(".lesion-name").dispatch_event("change")
    expect(page.locator("#rt-target")).to_have_value("liver_segment_7")
    sent = page.evaluate("readForm()")
    assert sent["external_beam"][0]["target"] == "liver_segment_7"
    row.locator(".lesion-name").fill("liver_met_s7")  # rename once more, then the kept course
    row.locator(".lesion-name").dispatch_event("change")
    page.locator("#rt-target").select_option("lung_met")
    sent = page.evaluate("readForm()")
    targets = [course["target"] for course in sent["external_beam"]]
    assert targets == ["lung_met", "liver_met_s7"]  # the second course followed the rename
    page.locator("#run").click()
    page.wait_for_selector(CHART.format("A"), timeout=120_000)
    assert page.locator("#general-error").inner_text() == ""
