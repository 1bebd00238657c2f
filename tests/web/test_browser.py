"""End-to-end tests of the web explorer in headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

RESPONSE_CODES = {"CR", "PR", "SD", "PD"}
DOCS_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "explorer.png"


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
    page.wait_for_selector(".result[data-label=A] img.curves", timeout=120_000)
    width = page.eval_on_selector(".result img.curves", "image => image.naturalWidth")
    assert width > 400  # the figure was decoded, not a broken image
    responses = page.locator(".result .lesion-results td.response").all_inner_texts()
    assert len(responses) == 2 and set(responses) <= RESPONSE_CODES
    names = page.locator(".result .lesion-results tbody td:first-child").all_inner_texts()
    assert names == ["lung_primary", "adrenal_met"]
    # Schedule B: pembrolizumab starts 60 days later.
    page.locator("#b-drug-start").fill("60")
    page.locator("#compare").click()
    page.wait_for_selector(".result[data-label=B] img.curves", timeout=120_000)
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
    page.wait_for_selector(".result img.curves", timeout=120_000)


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
        page.wait_for_selector(".result img.curves", timeout=120_000)
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
    page.wait_for_selector(".result[data-label=A] img.curves", timeout=120_000)
    width = page.eval_on_selector(".result img.curves", "image => image.naturalWidth")
    assert width > 400  # the data: figure is allowed by img-src
    assert violations == []
