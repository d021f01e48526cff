"""What a learner saw while a package loaded: the language and heading of every frame Chromium
rendered, with index.html arriving slowly enough to be painted bit by bit (tests of first paint)."""

from __future__ import annotations

# Before every frame rendered: the language and heading a learner sees, in a package's document.
SEEN = """
(() => {
  const seen = window.__seen = [];
  const look = () => {
    const body = document.body;
    if (body && document.querySelector(".unit-header") && getComputedStyle(body).visibility !== "hidden") {
      const h1 = document.querySelector("section.page:not([hidden]) h1");
      seen.push(document.documentElement.lang + ": " + (h1 ? h1.textContent : ""));
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();
"""


def slowly(page, kib_per_second: int = 100) -> None:
    """From now on what `page` loads arrives at `kib_per_second`: a bundle's index.html takes a
    second or so, and Chromium paints what it has parsed meanwhile."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions",
             {"offline": False, "latency": 20, "downloadThroughput": kib_per_second * 1024, "uploadThroughput": -1})


def watch(context, framed: str | None = None) -> None:
    """Every page of `context` keeps what it showed in window.__seen. `framed`: the end of the URL
    (before any query) of a package an LMS page frames; it loads slowly from its request on, while the
    LMS page loads its own scripts at full speed. A package opened by itself: slowly(page)."""
    context.add_init_script(SEEN)

    def then_slowly(route):
        slowly(route.request.frame.page)
        route.continue_()

    if framed:
        context.route(lambda url: url.split("?")[0].endswith(framed), then_slowly)
