"""The explorer's chart library is served from the package, unchanged from its registry release."""

from __future__ import annotations

import hashlib
import re
from importlib import resources

STATIC = resources.files("abscopal.web") / "static"
VENDOR = STATIC / "vendor" / "uplot"


def test_vendored_files_match_the_recorded_hashes() -> None:
    note = (VENDOR / "SOURCE.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"\| `([^`]+)` \| `([0-9a-f]{64})` \|", note))
    assert set(recorded) == {"uPlot.iife.min.js", "uPlot.min.css"}
    for name, digest in recorded.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest
    assert "MIT" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


def test_the_page_loads_nothing_from_another_origin() -> None:
    for name in ("index.html", "app.js", "style.css"):
        text = (STATIC / name).read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=[\"']?(https?:)?//", text), name
        assert "cdn" not in text.lower(), name
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    assert '<script src="/static/vendor/uplot/uPlot.iife.min.js">' in page
