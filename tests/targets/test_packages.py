"""Properties of the built zips themselves: reproducible, safe with hostile author text."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from dataclasses import replace

import pytest
from click.testing import CliRunner

from builder.build import build, build_unit
from builder.cli import main
from builder.load.loader import load_unit
from builder.targets import all_targets
from tests.conftest import PACKAGES, SEED, UNITS
from tests.support.tiny import TINY

HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted([*folder.glob("*.zip"), *folder.glob("*.mbz")])}


def test_building_twice_gives_byte_identical_zips(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    build(UNITS, first, [SEED], targets=PACKAGES)
    build(UNITS, second, [SEED], targets=PACKAGES)
    assert digests(first) and digests(first) == digests(second)


@pytest.fixture(scope="module")
def reference_digests(tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    build(UNITS, out, [SEED], targets=PACKAGES)
    return digests(out)


@pytest.mark.parametrize("change", ["time-zone", "locale", "mtimes", "file-order", "working-directory", "all"])
def test_zips_do_not_depend_on_the_machine(tmp_path, reference_digests, change):
    """Build in a fresh process with one thing around the sources changed; compare bytes."""
    import os
    import subprocess
    import sys

    units, cwd, env = UNITS, tmp_path, dict(os.environ)
    if change in ("time-zone", "all"):
        env.update(TZ="Pacific/Kiritimati")
    if change in ("locale", "all"):
        env.update(LC_ALL="C", LANG="C", PYTHONIOENCODING="latin-1")
    if change in ("mtimes", "file-order", "all"):
        # a copy made file by file in reverse order (directories list in creation order on many
        # file systems), with modification times scattered over twenty years
        units = tmp_path / "copy" / "units"
        files = sorted((p for p in (UNITS / SEED).rglob("*") if p.is_file()), reverse=change != "mtimes")
        for i, src in enumerate(files):
            dst = units / SEED / src.relative_to(UNITS / SEED)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(src.read_bytes())
            if change != "file-order":
                os.utime(dst, (1_000_000_000 + i * 7919, 1_600_000_000 - i * 104_729))
    if change in ("working-directory", "all"):
        cwd = tmp_path / "some" / "where"
        cwd.mkdir(parents=True)
    out = tmp_path / "out"
    targets = [arg for name in PACKAGES for arg in ("--target", name)]  # the PDFs: tests/targets/test_pdf.py
    subprocess.run([sys.executable, "-m", "builder", "build", "--units", str(units), "--out", str(out), *targets],
                   cwd=cwd, env=env, check=True, capture_output=True)
    assert digests(out) == reference_digests


def test_build_prints_a_line_per_package_and_a_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(TINY, tmp_path / "units" / "tiny")
    result = CliRunner().invoke(main, ["build", "--target", "html"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("wrote dist/tiny-en-0.1.0-html.zip  (")
    assert lines[1].startswith("wrote dist/tiny-de-0.1.0-html.zip  (")
    assert lines[2].startswith("built 2 packages from 1 unit in ")
    with zipfile.ZipFile(tmp_path / "dist" / "tiny-de-0.1.0-html.zip") as zf:
        # style and scripts are inside index.html: one request to first paint
        assert sorted(zf.namelist()) == ["index.html", "media/impact-circular-model.de.narrow.svg",
                                         "media/impact-circular-model.de.svg"]


@pytest.mark.parametrize("target", sorted(PACKAGES))
def test_author_text_cannot_run_script(tmp_path, page, serve, target):
    units = tmp_path / "units"
    shutil.copytree(TINY, units / "tiny")
    qs = units / "tiny" / "questions.yaml"
    qs.write_text(qs.read_text()
                  .replace('en: "Which colour is the sky?"', 'en: "</script><script>window.__pwned=4</script>"')
                  .replace("text: {en: Blue, de: Blau}", "text: {en: '</script><script>window.__pwned=5</script>', de: Blau}")
                  .replace("correct: {en: Yes., de: Ja.}", "correct: {en: '<img src=x onerror=window.__pwned=6>', de: Ja.}", 1))
    # `check` refuses HTML and javascript: links in a page (tests/load/test_authoring.py); the renderer
    # must be safe without that check too, so the page text is put into the loaded model directly.
    unit = load_unit(units / "tiny")
    hostile = f"Some text {HOSTILE} and [a link](javascript:window.__pwned=3).\n\n<div onclick=x>raw</div>"
    welcome = unit.pages[0]
    blocks = dict(welcome.blocks, en=tuple((kind, value.replace("Some text.", hostile)) for kind, value in welcome.blocks["en"]))
    unit = replace(unit, pages=(replace(welcome, blocks=blocks), *unit.pages[1:]))
    built = build_unit(unit, ["en"], [target], tmp_path / "dist")
    site = tmp_path / "site"
    with zipfile.ZipFile(built[0].path) as zf:
        zf.extractall(site)
    page.goto(serve(site) + "/index.html")
    page.locator("html[data-ready=true]").wait_for(state="attached")
    assert "<script>window.__pwned = 1</script>" in page.locator("#page-welcome").inner_text()
    assert "<div onclick=x>raw</div>" in page.locator("#page-welcome").inner_text()
    assert page.locator("#page-welcome a").count() == 0  # the javascript: link stays text
    page.locator("#next").click()
    form = page.locator("#q-colour")
    assert form.locator("legend").inner_text() == "</script><script>window.__pwned=4</script>"
    form.locator("input[value=blue]").check()
    form.locator("button[type=submit]").click()
    assert "<img src=x onerror=window.__pwned=6>" in form.locator(".feedback").inner_text()
    page.wait_for_timeout(200)  # give any injected handler the chance to run
    assert page.evaluate("window.__pwned") is None
    assert page.js_errors == []


def test_preview_serves_the_unit_on_localhost(tmp_path):
    import subprocess
    import sys
    import urllib.request

    shutil.copytree(TINY, tmp_path / "units" / "tiny")
    proc = subprocess.Popen([sys.executable, "-m", "builder", "preview", "tiny", "--lang", "de", "--port", "0"],
                            cwd=tmp_path, stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("previewing tiny (de) at http://127.0.0.1:")
        url = line.split(" at ", 1)[1].strip()
        html = urllib.request.urlopen(url, timeout=10).read().decode()
        assert '<html lang="de">' in html and "Eine kleine Einheit" in html
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_parallel_and_serial_builds_give_the_same_zips(tmp_path):
    from tests.support.generate import generate_unit

    units = tmp_path / "units"
    for i in range(8):
        generate_unit(units, f"unit-{i}", pages=3, questions=9)
    serial = build(units, tmp_path / "serial", workers=1, targets=["html", "scorm12"])
    parallel = build(units, tmp_path / "parallel", workers=2, targets=["html", "scorm12"])
    assert [b.path.name for b in serial] == [b.path.name for b in parallel]
    assert digests(tmp_path / "serial") == digests(tmp_path / "parallel")
