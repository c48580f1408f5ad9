"""The HTML view in a real headless Chromium: it draws, it explores, it loads nothing, it runs no data.

When chromium or chromedriver is missing, the suite installs them when it runs as
root with apt (see ``system_packages`` in conftest.py), else these tests are skipped
with one line naming the apt command; under CI (``CI=true``) they fail instead: a view
nobody opened in a browser is untested. Paths can be overridden with KG_CHROMIUM and
KG_CHROMEDRIVER.

Screenshots go to tests/artifacts/ (git-ignored), never to tracked files; ``make
screenshot`` sets KG_SCREENSHOT=docs/graph.png to refresh the README's picture of the
seed's page.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest

import kg.view  # noqa: F401
from tests.conftest import CHROMEDRIVER, CHROMIUM, require_packages
from tests.test_view import HOSTILE, hostile_story, iri, story

V = sys.modules["kg.view"]
pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
         "--window-size=1400,900"]


@pytest.fixture(scope="module")
def browser(system_packages):
    """One headless Chromium for the module, with a fresh profile and browser/performance logs on."""
    require_packages(system_packages, "chromium", "chromium-driver")
    chromium, driver_path = shutil.which(CHROMIUM), shutil.which(CHROMEDRIVER)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, path: Path, timeout: float = 30.0) -> dict:
    """Load a page from file:// and wait until its layout has stopped; returns what it logged and fetched."""
    driver.get("about:blank")              # leave the start page (its chrome:// requests) behind
    driver.get_log("browser")
    driver.get_log("performance")          # drain what earlier pages left
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while driver.execute_script("return window.kgStabilisedAt") is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"{path.name}: the network never reported stabilisation")
        time.sleep(0.05)
    requested = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in requested if m["method"] == "Network.requestWillBeSent"]
    urls += driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return {"console": driver.get_log("browser"), "urls": urls}


def assert_clean(loaded: dict) -> None:
    """No console errors (a CSP violation is one) and nothing fetched but the file itself and data: URIs."""
    errors = [e for e in loaded["console"] if e["level"] in ("SEVERE", "WARNING")]
    assert not errors, errors
    outside = [u for u in loaded["urls"] if not u.startswith(("file:", "data:"))]
    assert not outside, outside


def panel_text(driver) -> str:
    return driver.execute_script("return document.getElementById('kg-panel').textContent")


def click_node(driver, node_id: str) -> None:
    """A real mouse click on the node where vis drew it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = driver.find_element(By.CSS_SELECTOR, "#kg-net canvas")
    x, y, w, h = driver.execute_script(
        "var p = kgNetwork.canvasToDOM(kgNetwork.getPositions([arguments[0]])[arguments[0]]);"
        "var r = arguments[1].getBoundingClientRect(); return [p.x, p.y, r.width, r.height];", node_id, canvas)
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - w / 2), int(y - h / 2)).click().perform()


@pytest.fixture(scope="module")
def story_page(tmp_path_factory) -> Path:
    return V.write_view(story(), tmp_path_factory.mktemp("pages") / "story.html", title="PMQs widget row")


def test_story_page_draws_every_actor_offline_without_errors(browser, story_page):
    loaded = open_page(browser, story_page)
    assert_clean(loaded)
    assert any(u.startswith("file:") for u in loaded["urls"])       # the log is really recording requests
    labels = browser.execute_script("return kgNetwork.body.data.nodes.get().map(n => n.label)")
    assert sorted(labels) == sorted(["Jane Doe", "John Roe", "Ann Poe", "Labour Party", "Conservative Party",
                                     "Home Office", "Widget Inquiry", "Widgets Bill", "Springfield"])
    drawn = browser.execute_script("return Object.keys(kgNetwork.getPositions()).length")
    assert drawn == 9
    edges = browser.execute_script("return kgNetwork.body.data.edges.get().map(e => e.label || '')")
    assert {"member of", "Widget Secretary", "announces", "speaks about", "responds to"} <= set(edges)
    assert "9 nodes" in browser.find_element("id", "kg-stats").text
    assert browser.find_element("id", "kg-legend").text.split("\n")[0].endswith("Person 3")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "story.png"))


def test_clicking_a_person_shows_their_statements(browser, story_page):
    open_page(browser, story_page)
    click_node(browser, iri("person/jane-doe"))
    text = panel_text(browser)
    assert browser.find_element("id", "kg-panel-name").text == "Jane Doe"
    assert "We will publish the widget report." in text and "the bill will pass before Easter" in text
    assert "Widget Secretary, Home Office" in text and "Labour Party" in text
    assert "6 Jan 2025 12:00" in text and "Doe opens PMQs" in text and "replying to John Roe" in text
    links = browser.execute_script("return [...document.querySelectorAll('#kg-panel a')].map(a => a.href)")
    assert links and set(links) == {"https://example.org/live/widgets"}
    # the panel's "Connected" list navigates
    browser.execute_script("[...document.querySelectorAll('#kg-panel button.link')]"
                           ".find(b => b.textContent === 'John Roe').click()")
    assert "The secretary has failed Springfield." in panel_text(browser)
    browser.save_screenshot(str(ARTIFACTS / "story-panel.png"))


def test_search_box_finds_a_node_by_any_name(browser, story_page):
    open_page(browser, story_page)
    box = browser.find_element("id", "kg-search")
    box.send_keys("the widget SECRETARY\n")
    assert browser.find_element("id", "kg-panel-name").text == "Jane Doe"
    assert browser.execute_script("return kgNetwork.getSelectedNodes()") == [iri("person/jane-doe")]
    assert browser.execute_script("return kgSearch('tories')") == iri("party/conservative")
    assert browser.execute_script("return kgSearch('no such person')") is None
    assert browser.find_element("id", "kg-search-msg").text == "no match"


def test_legend_hides_a_type_and_cap_says_what_is_left_out(browser, tmp_path):
    page = V.write_view(story(), tmp_path / "capped.html", cap=4)
    assert_clean(open_page(browser, page))
    assert browser.execute_script("return kgNetwork.body.data.nodes.length") == 4
    left = browser.find_element("id", "kg-left")
    assert left.is_displayed() and "5 nodes" in left.text
    person = next(li for li in browser.find_elements("css selector", "#kg-legend li") if "Person" in li.text)
    person.click()
    hidden = browser.execute_script("return kgNetwork.body.data.nodes.get().filter(n => n.hidden).length")
    assert hidden == browser.execute_script("return kgData.nodes.filter(n => n.type === 'Person').length") > 0
    person.click()
    assert browser.execute_script("return kgNetwork.body.data.nodes.get().filter(n => n.hidden).length") == 0


def test_hostile_text_runs_nothing_and_shows_as_text(browser, tmp_path):
    page = V.write_view(hostile_story(), tmp_path / "hostile.html", title=HOSTILE["title"], statements="nodes")
    loaded = open_page(browser, page)
    assert_clean(loaded)
    pwned = "return typeof window.__pwned"
    assert browser.execute_script(pwned) == "undefined"
    assert browser.title == HOSTILE["title"]
    p = HOSTILE["payloads"]
    assert browser.find_element("id", "kg-docs").text.startswith(p[8])
    jane = iri("person/jane-doe")
    click_node(browser, jane)
    text = panel_text(browser)
    for shown in (p[0], p[2], p[1], p[3], p[4]):       # name, alias, quotes, claim evidence
        assert shown in text, shown
    assert p[6] in text                                 # the entry headline, as text
    ids = browser.execute_script("return kgData.nodes.map(n => n.id)")
    for node in ids:                                    # every panel, every payload
        browser.execute_script("kgSelect(arguments[0])", node)
        assert browser.execute_script(pwned) == "undefined", node
    browser.execute_script("kgSearch(arguments[0])", p[2])
    counts = browser.execute_script(
        "return ['script','img','svg','iframe','object','embed','style'].map(t => document.getElementsByTagName(t).length)")
    assert counts == [3, 0, 0, 0, 0, 0, 1]
    assert browser.execute_script("return document.querySelectorAll('a').length") == 0     # javascript: URL dropped
    time.sleep(0.3)                                     # an onerror would fire asynchronously
    assert browser.execute_script(pwned) == "undefined"
    assert_clean({"console": browser.get_log("browser"), "urls": []})
    browser.save_screenshot(str(ARTIFACTS / "hostile.png"))


def test_seed_page_reads_well(browser, seed_graph, tmp_path):
    """The seed's page: the most mentioned actor is drawn biggest (``make screenshot`` keeps the picture)."""
    title = "Yvette Cooper announces child abuse inquiry measures \u2013 kg"
    page = V.write_view(seed_graph, tmp_path / "seed.html", title=title)
    loaded = open_page(browser, page)
    assert_clean(loaded)
    nodes = browser.execute_script("return kgData.nodes")
    biggest = max(nodes, key=lambda n: n["size"])
    assert biggest["names"][0] in {"Yvette Cooper", "Conservative Party"}, biggest
    cooper = browser.execute_script("return kgSearch('Cooper')")
    assert cooper and browser.find_element("id", "kg-panel-name").text == "Yvette Cooper"
    browser.execute_script("kgNetwork.fit({animation: false})")
    time.sleep(0.2)
    browser.save_screenshot(str(ARTIFACTS / "seed.png"))
    if os.environ.get("KG_SCREENSHOT"):          # make screenshot: the README's picture, on request only
        shutil.copyfile(ARTIFACTS / "seed.png", ROOT / os.environ["KG_SCREENSHOT"])
