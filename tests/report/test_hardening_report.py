"""Issue 11: hostile and broken inputs to `qser report` (credentials, redirects, loops, broken LRS
answers, what reaches a terminal or a spreadsheet). One test (or case) per class of failure; each
asserts what the user sees: the message, the exit code, what was (not) written or sent."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from builder.cli import main
from tests.support.fake_lrs import FakeLRS, RawServer, page

UNIT_IRI = "https://example.org/q-ser/units/u"
PASSWORD = "s3cret-pw"


def statement(name="Erika", response="yes", verb="answered", **extra):
    s = {"actor": {"name": name, "mbox": f"mailto:{abs(hash(name))}@example.org"},
         "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
         "object": {"id": f"{UNIT_IRI}/questions/q1", "definition": {"interactionType": "fill-in"}},
         "result": {"response": response, "success": True}, "timestamp": "2026-11-01T10:00:00Z"}
    s.update(extra)
    return s


def report(endpoint, *args):
    env = {"QSER_LRS_ENDPOINT": endpoint, "QSER_LRS_USER": "trainer", "QSER_LRS_PASSWORD": PASSWORD}
    return CliRunner(env=env).invoke(main, ["report", "--unit", UNIT_IRI, *args])


@pytest.fixture
def lrs():
    servers = []

    def start(answer=None):
        servers.append(FakeLRS(answer))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


# ---- qser report: no secret leaves its host ----

def test_report_never_sends_credentials_to_another_origin(lrs):
    foreign = lrs(lambda path: (200, {}, page([statement("Mallory")])))
    home = lrs(lambda path: (200, {}, page([statement()], more=f"{foreign.endpoint}statements?more=2")))
    result = report(home.endpoint)
    assert result.exit_code == 1
    assert "sent a link to another server" in result.output and "credentials stayed with the LRS" in result.output
    assert foreign.requests == []  # not even asked without the password
    assert PASSWORD not in result.output


def test_report_never_follows_https_to_http():
    from builder.report.lrs import LRSError, StatementReader

    reader = StatementReader("https://lrs.example.org/xAPI/", "u", "p")
    with pytest.raises(LRSError, match="from https to http"):
        reader._check_url("http://lrs.example.org/xAPI/statements?more=1")


def test_report_does_not_follow_a_redirect_with_the_password(lrs):
    foreign = lrs()
    home = lrs(lambda path: (302, {"Location": f"{foreign.endpoint}statements"}, b""))
    result = report(home.endpoint)
    assert result.exit_code == 1
    assert "redirects (302)" in result.output and foreign.requests == []


def test_report_detects_a_more_link_loop(lrs):
    home = lrs(lambda path: (200, {}, page([statement()], more="/xAPI/statements?more=same")))
    result = report(home.endpoint)
    assert result.exit_code == 1
    assert "a page already read" in result.output
    assert len(home.requests) == 2  # the first page, the 'more' page once; then it stops


def test_report_bounds_pages(lrs):
    from builder.report.lrs import LRSError, StatementReader

    counter = iter(range(10**6))
    home = lrs(lambda path: (200, {}, page([statement()], more=f"/xAPI/statements?more={next(counter)}")))
    with pytest.raises(LRSError, match="stopped after 5 pages"):
        list(StatementReader(home.endpoint, "u", "p", max_pages=5).statements(UNIT_IRI))
    assert len(home.requests) == 5


def test_report_follows_a_same_origin_more_link_with_credentials(lrs):
    home = lrs(lambda path: (200, {}, page([statement("Lena" if "more" in path else "Erika")],
                                            more="" if "more" in path else "/xAPI/statements?more=2")))
    result = report(home.endpoint, "--format", "json")
    assert result.exit_code == 0, result.output
    assert sorted(l["name"] for l in json.loads(result.output)["learners"]) == ["Erika", "Lena"]
    assert len(home.authorized) == 2


@pytest.mark.parametrize("endpoint, message", [
    ("http://127.0.0.1:99999/xAPI/", "port that is not a number"),
    ("ftp://lrs.example.org/", "is not an http(s) address"),
    ("http:///xAPI/", "names no host"),
    ("http://lrs.example.org/x API/", "spaces or control characters"),
    ("http://127.0.0.1:1/xAPI/", "cannot reach the LRS at http://127.0.0.1:1/xAPI/: Connection refused"),
])
def test_report_bad_endpoint_is_explained(endpoint, message):
    result = report(endpoint)
    assert result.exit_code == 1 and message in result.output, result.output


@pytest.mark.parametrize("status, headers, body, message", [
    (200, {}, b"<html>hello</html>", "did not answer with xAPI statements (not JSON)"),
    (200, {}, b"[1, 2]", "JSON, but not a statement result"),
    (200, {}, b'{"statements": 5}', "JSON, but not a statement result"),
    (200, {}, b'{"statements": [], "more": 7}', "JSON, but not a statement result"),
    (200, {}, b'\xff\xfe{"statements": []}', "not UTF-8"),
    (500, {}, b"database \x1b[31mdown\x1b[0m", "answered 500 Internal Server Error to a statements query: database \\e[31mdown"),
    (401, {}, b"", "refused the credentials (401)"),
])
def test_report_broken_lrs_answers_are_explained(lrs, status, headers, body, message):
    home = lrs(lambda path: (status, headers, body))
    result = report(home.endpoint)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "\x1b" not in result.output


def test_report_server_that_is_not_http():
    raw = RawServer(b"SSH-2.0-OpenSSH_9.2\r\n")
    try:
        result = report(f"http://127.0.0.1:{raw.port}/xAPI/")
    finally:
        raw.close()
    assert result.exit_code == 1
    assert f"http://127.0.0.1:{raw.port}/xAPI/ did not answer as a web server does (BadStatusLine" in result.output


# ---- qser report: what reaches a terminal or a spreadsheet ----

def test_report_csv_neutralises_formulas(lrs):
    home = lrs(lambda path: (200, {}, page([statement("=HYPERLINK(\"http://evil\")", response="+1+cmd|' /C calc'!A0"),
                                             statement("@SUM(A1)", response="-2"), statement("\tTab", response="ok")])))
    result = report(home.endpoint, "--format", "csv")
    assert result.exit_code == 0, result.output
    import csv
    import io

    rows = list(csv.reader(io.StringIO(result.output.lstrip("\ufeff"))))
    cells = [c for row in rows[1:] for c in row]
    assert "'=HYPERLINK(\"http://evil\")" in cells and "'+1+cmd|' /C calc'!A0" in cells
    assert "'@SUM(A1)" in cells and "'-2" in cells
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)


def test_report_table_shows_no_terminal_escapes(lrs):
    home = lrs(lambda path: (200, {}, page([statement("Eve\x1b]0;pwned\x07\nforged: line", response="a\u2028b\rc")])))
    result = report(home.endpoint)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u2028" not in result.output
    assert "\nforged: line" not in result.output
    assert "Eve\\u001b]0;pwned\\u0007↵ forged: line" in result.output
