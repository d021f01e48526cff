"""First paint on a phone: each target's package and the bundle, next to the same package with
everything inlined (its floor). Section `paint` of benchmarks.run.

The phone profile, set through the Chrome DevTools Protocol: CPU 4x slower, 1.6 Mbps down,
750 kbps up, 150 ms round trip, a 375x812 viewport, no cache. Each package is served over HTTP
from 127.0.0.1 and opened cold in a fresh browser context; first paint is its document's
first-contentful-paint entry. Median of 9, the package and its floor taking turns with the
other variants of the target, so that load from other work falls on all alike.

The floor is made from the built package, whatever it is: its index.html with every stylesheet
and script it refers to written into it. A package already at its floor gives the same file.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import tempfile
import zipfile
from pathlib import Path

from builder.build import build
from builder.load.loader import load_unit

from .common import SEED, UNITS, ZIP_TARGETS, _browser, row
from .traffic import _serve

RUNS = 9
PHONE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
VIEWPORT = {"width": 375, "height": 812}
LOCALES = {"en": "en-US", "de": "de-DE"}
FCP = "performance.getEntriesByName('first-contentful-paint')"


def floor(folder: Path, into: Path) -> Path:
    """A copy of the unpacked package whose index.html has its stylesheets and scripts inside."""
    shutil.copytree(folder, into)
    index = into / "index.html"

    def inside(ref: str) -> str:
        return (into / ref).read_text("utf-8").replace("</", "<\\/")

    html = index.read_text("utf-8")
    html = re.sub(r'<link rel="stylesheet" href="([^"]+)">', lambda m: f"<style>{inside(m[1])}</style>", html)
    html = re.sub(r'<script src="([^"]+)"></script>', lambda m: f"<script>{inside(m[1])}</script>", html)
    index.write_text(html, "utf-8")
    return into


def first_paint(browser, url: str, locale: str, frame_path: str = "") -> tuple[float, int]:
    """(first paint in ms from the start of the package's document, requests made until then),
    opened cold on the phone profile. `frame_path`: the package is framed by the page at `url`
    (an LMS), in the frame whose URL ends so; the profile starts with the package's request
    (the test LMS's own 2.5 MB of scripts are not what is measured)."""
    context = browser.new_context(viewport=VIEWPORT, locale=locale)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def phone() -> None:
        cdp.send("Network.emulateNetworkConditions", PHONE)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})

    if frame_path:
        page.route(f"**{frame_path}", lambda route: (phone(), route.continue_()))
    else:
        phone()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, timeout=60_000)
    frame = next(f for f in page.frames if f.url.endswith(frame_path)) if frame_path else page.main_frame
    frame.wait_for_function(f"{FCP}.length > 0", timeout=60_000)
    paint = frame.evaluate(f"{FCP}[0].startTime")
    made = len(requests) if not frame_path else sum(1 for r in requests if frame_path.rsplit("/", 1)[0] + "/" in r)
    context.close()
    return paint, made


def _unpack(path: Path, folder: Path) -> Path:
    with zipfile.ZipFile(path) as zf:
        zf.extractall(folder)
    return folder


def _row(label: str, folder: Path, times: list[float], floors: list[float], requests: int) -> None:
    page = (folder / "index.html").read_bytes()
    same = page == (folder.with_name(folder.name + "-floor") / "index.html").read_bytes()
    ms, floor_ms = statistics.median(times), statistics.median(floors)
    row(f"{label}: requests, index KiB, is its floor",
        f"{requests}, {len(page) / 1024:.1f}, {'yes' if same else 'no'}")
    row("  first paint / its floor, ms (% of floor)", f"{ms:.0f} / {floor_ms:.0f} ({100 * ms / floor_ms:.0f} %)")


def bench_paint() -> None:
    """Per target: the English package and the en+de bundle opened in English (its first language,
    in the document), each next to its floor, and the bundle against the package. For SCORM 1.2 also
    the German package and the bundle opened in German (the bundle then waits, painting nothing,
    until its scripts have put German in place), and the English package and the bundle framed by
    the test LMS (the bundle waits there for the LMS's word on the language before it paints).
    All variants take turns within each of the 9 rounds."""
    manager, browser = _browser()
    servers = []
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        built = build(UNITS, root / "dist", [SEED], targets=ZIP_TARGETS, languages="both")
        sites = {}  # (lang, target) -> (package URL, floor URL, folder)
        for b in built:
            folder = _unpack(b.path, root / f"{b.lang}-{b.target}")
            urls = []
            for site in (folder, floor(folder, root / f"{b.lang}-{b.target}-floor")):
                server, origin = _serve(site)
                servers.append(server)
                urls.append(f"{origin}/index.html")
            sites[(b.lang, b.target)] = (*urls, folder)
        variants = [(target, lang, "en") for target in ZIP_TARGETS for lang in ("en", "en+de")]
        variants += [("scorm12", "de", "de"), ("scorm12", "en+de", "de")]
        times = {v: ([], [], []) for v in variants}  # package, floor, requests
        for run in range(RUNS):
            for target, lang, opened in variants:
                url, floor_url, _ = sites[(lang, target)]
                # the package and its floor, in turn first: neither always meets a warmer machine
                for which, at in sorted(((0, url), (1, floor_url)), reverse=run % 2 == 1):
                    paint, requests = first_paint(browser, at, LOCALES[opened])
                    times[(target, lang, opened)][which].append(paint)
                    if which == 0:
                        times[(target, lang, opened)][2].append(requests)
        for target, lang, opened in variants:
            package, floors, requests = times[(target, lang, opened)]
            label = f"{target} {lang}" + (f" in {opened}" if "+" in lang else "")
            _row(label, sites[(lang, target)][2], package, floors, max(requests))
            if "+" in lang:
                bundle, alone = statistics.median(package), statistics.median(times[(target, opened, opened)][0])
                row(f"  bundle / {opened} package, ms (%)", f"{bundle:.0f} / {alone:.0f} ({100 * bundle / alone:.0f} %)")
        _framed(browser, root, built)
    for server in servers:
        server.shutdown()
        server.server_close()
    browser.close()
    manager.stop()
    row("load average (1 min) at the start / the end of `paint`", f"{load:.1f} / {os.getloadavg()[0]:.1f}")


def _framed(browser, root: Path, built) -> None:
    """The English SCORM 1.2 package and the en+de bundle in the test LMS's frame, as Moodle shows them."""
    from tests.support.lms import ScormLMS

    unit = load_unit(UNITS / SEED)
    folders = {b.lang: root / f"{b.lang}-scorm12" for b in built if b.target == "scorm12" and b.lang in ("en", "en+de")}
    lmses = {lang: ScormLMS(folder, unit.mastery_score) for lang, folder in folders.items()}
    times = {lang: [] for lang in lmses}
    for _ in range(RUNS):
        for lang, lms in lmses.items():
            times[lang].append(first_paint(browser, lms.url, "en-US", "/sco/index.html")[0])
    for lms in lmses.values():
        lms.close()
    package, bundle = statistics.median(times["en"]), statistics.median(times["en+de"])
    row("scorm12 in the test LMS, en package / en+de bundle: ms (%)",
        f"{package:.0f} / {bundle:.0f} ({100 * bundle / package:.0f} %)")
