"""The two accessibility engines every page state is checked with: axe-core and IBM Equal Access (npm)."""

from __future__ import annotations

from tests.conftest import NODE_MODULES

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
IBM_ENGINE = NODE_MODULES / "accessibility-checker-engine" / "ace.js"


def run_axe(page) -> list:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
        "v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))", WCAG_TAGS)
    return result


def run_ibm(page) -> list:
    """IBM Equal Access: the rules it reports as violations that fail."""
    if not page.evaluate("typeof ace !== 'undefined'"):
        page.add_script_tag(path=str(IBM_ENGINE))
    return page.evaluate("""() => new ace.Checker().check(document, ["IBM_Accessibility"]).then(r =>
        r.results.filter(x => x.value[0] === "VIOLATION" && x.value[1] === "FAIL")
                 .map(x => ({rule: x.ruleId, path: x.path.dom, message: x.message})))""")
