"""The web page in a real browser (issue 14): Debian's Chromium driven by Playwright, against a real `dateline serve`
on the examples' store. Screenshots go to ``$DATELINE_ARTIFACTS`` (default ``.artifacts/`` in the repository).

The tests skip, saying why, only where no Chromium is installed (CI installs Debian's ``chromium`` package)."""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium"))
ARTIFACTS = Path(os.environ.get("DATELINE_ARTIFACTS", Path(__file__).resolve().parent.parent / ".artifacts"))

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: install Debian's `chromium` package (CI does) or set CHROMIUM_PATH",
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, served):
    """The page loaded from the server, recording console errors and any request that leaves the machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.errors, page.outside = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.outside.append(r.url) if not r.url.startswith(served) else None)
    page.goto(f"{served}/")
    page.wait_for_selector(".event-row")
    yield page
    context.close()


def _api(served: str, path: str, **params) -> dict:
    query = urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(f"{served}{path}?{query}", timeout=10) as r:
        return json.load(r)


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _wait_total(page, selector: str, expected: int) -> None:
    page.wait_for_function(
        "([sel, n]) => document.querySelector(sel) && document.querySelector(sel).textContent.trim() === String(n)",
        arg=[selector, expected],
        timeout=10_000,
    )


def test_the_page_works_offline_and_its_counts_agree_with_the_api(page, served):
    points = _api(served, "/api/geojson")
    bars = _api(served, "/api/aggregates", by="day", group="none")
    _wait_total(page, "#map-total", len(points["features"]))
    _wait_total(page, "#timeline-total", sum(b["count"] for b in bars["items"]))
    assert page.locator("#map .leaflet-marker-icon, #map .leaflet-interactive").count() > 0
    assert page.locator("#graph circle").count() == len(_api(served, "/api/graph")["nodes"])
    _shot(page, "page")
    assert page.outside == [], "the page must load nothing from outside the server"
    assert page.errors == []


def test_filtering_by_type_filters_map_list_and_timeline(page, served):
    page.select_option("#filter-type", ["ASSAULT"])
    points = _api(served, "/api/geojson", type="ASSAULT")
    bars = _api(served, "/api/aggregates", type="ASSAULT", by="day", group="none")
    _wait_total(page, "#map-total", len(points["features"]))
    _wait_total(page, "#timeline-total", sum(b["count"] for b in bars["items"]))
    listed = _api(served, "/api/events", type="ASSAULT", page_size=50)
    page.wait_for_function(
        "n => document.querySelectorAll('.event-row').length === n", arg=min(50, listed["total"]), timeout=10_000
    )
    keys = {(r.get_attribute("data-article"), r.get_attribute("data-event")) for r in page.locator(".event-row").all()}
    assert keys == {(e["article_id"], e["event_id"]) for e in listed["items"]}
    _shot(page, "filtered-assault")
    assert page.errors == []


def test_clicking_the_khasfa_event_highlights_its_evidence(page, served):
    khasfa = _api(served, "/api/events", q="sinkhole", type="ASSAULT")["items"][0]
    page.select_option("#filter-type", ["ASSAULT"])
    page.fill("#filter-actor", "islamic-state")
    page.press("#filter-actor", "Enter")
    row = page.locator(f'.event-row[data-article="{khasfa["article_id"]}"][data-event="{khasfa["event_id"]}"]')
    row.wait_for(timeout=10_000)
    row.click()
    text = page.locator("#event-text")
    text.locator('mark[data-kind="trigger"]').first.wait_for(timeout=10_000)
    kinds = ("trigger", "speaker", "medium", "place")
    marks = {kind: " ".join(text.locator(f"mark.span-{kind}").all_text_contents()) for kind in kinds}
    assert "shot" in marks["trigger"] and "Mahmoud" in marks["speaker"], marks
    assert "the Daily Telegraph" in marks["medium"] and "Khasfa" in marks["place"], marks
    colours = {
        kind: text.locator(f'mark[data-kind="{kind}"]').first.evaluate("m => getComputedStyle(m).backgroundColor")
        for kind in kinds
    }
    assert len(set(colours.values())) == 4, colours  # each kind of evidence in its own colour
    _shot(page, "khasfa-event")
    assert page.errors == []
