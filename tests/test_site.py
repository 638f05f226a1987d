"""The site from smoke outputs: its pages, the pages `_quarto.yml` lists, result pages that open with their results,
component pages with outputs, files readable by others, screenshots, and the result tables and the alignment viewer
working in headless Chromium with no network (widget scripts served by the site itself, or inline in `save_html`).

The component pages are executed for the site; to keep the test short it builds a few of them, or all of them with
MOTIONALIGN_SITE_COMPONENTS=all. Screenshots go to MOTIONALIGN_ARTEFACTS (default: a pytest temporary folder)."""
import json, os, re, select, shutil, stat, subprocess, time, base64
from pathlib import Path
import pytest
import yaml
from motionalign.book import build_site
from motionalign.experiments import run_experiments
from motionalign.metrics import load_records

EXPERIMENTS = ["synthmotion", "baselines", "tcc_coach", "viewer", "comparison"]
COMPONENTS = None if os.environ.get("MOTIONALIGN_SITE_COMPONENTS") == "all" else ["index", "10_dtw", "20_metrics"]


@pytest.fixture(scope="module")
def smoke_site(tmp_path_factory):
    "Smoke runs of a few experiments and the static site built from them: (experiments folder, site folder)."
    ex, site = tmp_path_factory.mktemp("experiments"), tmp_path_factory.mktemp("site")
    statuses = run_experiments("smoke", only=EXPERIMENTS, output_dir=ex, jobs=2)
    assert [s.status for s in statuses] == ["ok"] * len(EXPERIMENTS), statuses
    assert build_site(ex, site, engine="nbconvert", components=COMPONENTS) == "nbconvert"
    return ex, site


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory):
    "Where the screenshots go (kept as test artefacts, never committed)."
    folder = Path(os.environ.get("MOTIONALIGN_ARTEFACTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {folder}")
    return folder


def test_site_pages_and_result_table(smoke_site, root):
    ex, site = smoke_site
    for name in EXPERIMENTS: assert (site / "results" / f"{name}.html").exists(), name
    for nb in (root / "nbs").glob("[0-9]*.ipynb"):
        if COMPONENTS is None or nb.stem in COMPONENTS: assert (site / "book" / f"{nb.stem}.html").exists(), nb.name
    index = (site / "index.html").read_text().replace("<wbr>", "")  # table headers may break at _ and @
    assert "raw_keypoints" in index and "viewer-pair" in index and "kendalls_tau" in index
    viewer = (site / "results" / "viewer.html").read_text()
    assert "alignment_error_frames_mean" in viewer and "application/vnd.jupyter.widget-state+json" in viewer
    assert '"AnyModel"' in viewer and "ma-viewer" in viewer
    records = load_records(ex / "viewer" / "records.json")
    assert {r.method for r in records} == {"raw_keypoints", "joint_angles", "demo"}
    assert {"alignment_error_frames_mean", "kendalls_tau"} <= {r.metric for r in records}
    assert all(r.split.startswith("viewer-pair#") and r.dataset == "synthmotion-smoke-seed0-2d" for r in records)
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert "unpkg.com/@jupyter-widgets/html-manager" not in text and "ajax/libs/require.js" not in text, page
    assert {p.name for p in (site / "_static").iterdir()} >= {"require.js", "embed-amd.js", "anywidget.js"}


def _quarto_patterns(cfg: dict) -> list:
    "Every path pattern `_quarto.yml` renders or puts in the sidebar."
    found = list(cfg["project"]["render"])
    def walk(items):
        for it in items if isinstance(items, list) else [items]:
            if isinstance(it, str): found.append(it)
            elif isinstance(it, dict) and "contents" in it: walk(it["contents"])
            elif isinstance(it, dict) and "href" in it: found.append(it["href"])
    walk(cfg["website"]["sidebar"]["contents"])
    return found


def test_every_page_quarto_lists_exists(smoke_site, root):
    ex, site = smoke_site
    cfg = yaml.safe_load((root / "_quarto.yml").read_text())
    patterns = _quarto_patterns(cfg)
    assert "_results/*.ipynb" in patterns and "nbs/index.ipynb" in patterns
    for pattern in patterns:
        base, rel = (ex, pattern.removeprefix("_results/")) if pattern.startswith("_results/") else (root, pattern)
        files = [p for p in base.glob(rel) if not p.name.startswith(".") and not p.name.endswith(".failed.ipynb")]
        if pattern.startswith("_results/") and "*" not in pattern and not files: continue  # not run in this test
        assert files, f"_quarto.yml lists {pattern!r}, which matches no file"
        part = "results" if base == ex else "book"
        for f in files:
            if part == "book" and COMPONENTS is not None and f.stem not in COMPONENTS: continue
            assert (site / part / f"{f.stem}.html").exists(), f"{pattern}: {f.name} has no page in the static site"


_VISIBLE_TABLE = """(() => { const pre = [...document.querySelectorAll('pre, table')].find(p => p.innerText.includes(%s));
  return !!pre && pre.offsetHeight > 0 && pre.offsetWidth > 0 && getComputedStyle(pre).visibility === 'visible'; })()"""

_MOVE_SLIDER = """(() => {
  const root = document.querySelector('.ma-viewer'), slider = root.querySelector('input[type=range]');
  const skeletonB = () => root.querySelectorAll('figure')[1].querySelector('svg').innerHTML;
  const before = {a: root.dataset.frameA, b: root.dataset.frameB, svg: skeletonB(), text: root.querySelector('.ma-readout').textContent};
  slider.value = String(Math.round(Number(slider.max) * 0.6));
  slider.dispatchEvent(new Event('input', {bubbles: true}));
  const after = {a: root.dataset.frameA, b: root.dataset.frameB, svg: skeletonB(), text: root.querySelector('.ma-readout').textContent};
  const img = () => root.querySelector('.ma-cost-img').src, select = root.querySelector('select'), costBefore = img();
  select.value = select.options[1].value; select.dispatchEvent(new Event('change', {bubbles: true}));
  return {before, after, slider: slider.value, max: slider.max, methods: [...select.options].map(o => o.value), costChanged: img() !== costBefore};
})()"""


def test_table_and_viewer_in_headless_chromium(smoke_site, browser):
    ex, site = smoke_site
    browser.open(site / "index.html")
    assert browser.js(_VISIBLE_TABLE % json.dumps("raw_keypoints")), "the result table is not visible on the index page"
    browser.open(site / "results" / "viewer.html")
    assert browser.wait_for("document.querySelector('.ma-viewer svg line')", 30), \
        "the viewer did not draw: " + str(browser.js("document.body.innerText.slice(0, 300)"))
    assert browser.js(_VISIBLE_TABLE % json.dumps("alignment_error_frames_mean")), "the viewer page's result table is not visible"
    loaded = browser.js("[...document.scripts].map(s => s.src).filter(Boolean)")
    for script in ("_static/require.js", "_static/embed-amd.js", "_static/anywidget.js"):
        assert any(u.startswith("file://") and u.endswith(script) for u in loaded), (script, loaded)
    r = browser.js(_MOVE_SLIDER)
    assert r["before"]["a"] == "0" and r["after"]["a"] != r["before"]["a"], r
    assert r["after"]["svg"] != r["before"]["svg"] and r["after"]["text"] != r["before"]["text"], r
    assert r["methods"] == ["raw_keypoints", "joint_angles", "demo"] and r["costChanged"], r



_CODE = re.compile(r'class="highlight hl-')  # a code cell's source, as nbconvert's lab template writes it
_OUTPUT = re.compile(r'class="[^"]*jp-OutputArea-output')


def test_result_pages_open_with_results_and_component_pages_have_outputs(smoke_site):
    ex, site = smoke_site
    for page in (site / "results").glob("*.html"):
        text = page.read_text()
        first_out, first_code = _OUTPUT.search(text), _CODE.search(text)
        assert first_out, f"{page.name} shows no output"
        assert first_code is None or first_code.start() > first_out.start(), f"{page.name} shows code before its first output"
    components = [p for p in (site / "book").glob("*.html") if p.stem != "index"]
    assert components
    for page in components:
        text = page.read_text()
        assert _OUTPUT.search(text), f"component page {page.name} has no outputs"
        assert "#| export" not in text and "#| default_exp" not in text, page.name
    nav = (site / "index.html").read_text()
    assert 'class="ma-nav"' in nav and nav.index("results/comparison.html") < nav.index("results/synthmotion.html")
    assert "What each system found" in nav and nav.count("<p><b>") >= len(EXPERIMENTS) - 2


def test_every_site_file_is_readable_by_others(smoke_site):
    ex, site = smoke_site
    for f in site.rglob("*"):   # the site folder itself is pytest's (0700); what the build wrote is checked
        mode = f.stat().st_mode
        assert mode & stat.S_IROTH, f"{f} is not readable by others ({oct(mode & 0o777)})"
        if f.is_dir(): assert mode & stat.S_IXOTH, f"{f} cannot be entered by others"


def test_screenshots_of_the_site(smoke_site, browser, artefacts):
    ex, site = smoke_site
    shots = {"landing": site / "index.html", "comparison": site / "results" / "comparison.html",
             "system": site / "results" / "tcc_coach.html", "component": site / "book" / "10_dtw.html"}
    for name, page in shots.items():
        browser.open(page)
        assert browser.js("document.body.innerText.length") > 200, name
        assert browser.screenshot(artefacts / f"{name}.png").stat().st_size > 10_000, name


def test_saved_viewer_works_offline(browser, tmp_path, artefacts):
    from motionalign.data.synth import synth_motion
    from motionalign.data.transforms import joint_angle_features, keypoint_features
    from motionalign.widgets import AlignmentViewer
    ms = synth_motion("smoke", seed=0)
    a, b = [m for m in ms if m.action == "jumping_jack"][:2]
    page = AlignmentViewer(a, b, {"raw keypoints": keypoint_features, "joint angles": joint_angle_features}).save_html(tmp_path / "viewer.html")
    assert os.stat(page).st_mode & stat.S_IROTH
    browser.open(page)
    assert browser.wait_for("document.querySelector('.ma-viewer svg line')", 30), browser.js("document.body.innerText.slice(0, 300)")
    assert browser.js("[...document.scripts].every(s => !s.src)"), "the saved viewer loads a script from elsewhere"
    browser.screenshot(artefacts / "viewer.png")
    r = browser.js(_MOVE_SLIDER)
    assert r["before"]["a"] == "0" and r["after"]["a"] != r["before"]["a"], r
    assert r["after"]["svg"] != r["before"]["svg"] and r["methods"] == ["raw keypoints", "joint angles"] and r["costChanged"], r
    browser.screenshot(artefacts / "viewer_moved.png")
