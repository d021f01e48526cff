"""Issue 11: hostile and broken inputs. One test (or case) per class of failure; each asserts
what the user sees: the message, the exit code, what was (not) written or sent."""

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
    from builder.lrs import LRSError, StatementReader

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
    from builder.lrs import LRSError, StatementReader

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


# ---- no host file enters a package ----

import os  # noqa: E402
import shutil  # noqa: E402
import zipfile  # noqa: E402
from pathlib import Path  # noqa: E402

from tests.test_check import TINY  # noqa: E402


@pytest.fixture
def unit(tmp_path, monkeypatch):
    """A copy of the tiny unit in units/tiny of a fresh project; the cwd is that project."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(TINY, tmp_path / "units" / "tiny")
    return tmp_path / "units" / "tiny"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def qser(*args):
    return CliRunner().invoke(main, list(args))


def zipped_names(folder: Path) -> set[str]:
    return {n for z in folder.glob("*.zip") for n in zipfile.ZipFile(z).namelist()}


def test_a_symlinked_media_folder_packs_no_host_file(unit, tmp_path_factory):
    host = tmp_path_factory.mktemp("host")  # as `ln -s /etc media`, with a file a browser would show
    (host / "passwd.png").write_bytes(b"\x89PNG")
    shutil.rmtree(unit / "media")
    (unit / "media").symlink_to(host)
    for lang in ("en", "de"):
        edit(unit / f"{lang}.md", f"impact-circular-model.{lang}.svg", "passwd.png")
    result = qser("build")
    assert result.exit_code == 1
    assert "units/tiny/en.md:5: image 'passwd.png' is a link to a file outside the unit folder\n" in result.output
    assert not Path("dist").exists()


def test_a_link_chain_out_of_the_unit_is_refused(unit, tmp_path_factory):
    outside = tmp_path_factory.mktemp("host") / "secret.png"
    outside.write_bytes(b"\x89PNG")
    (unit / "media").mkdir(exist_ok=True)
    (unit / "hop.png").symlink_to(outside)  # inside the unit folder, pointing out
    (unit / "media" / "fig.png").symlink_to("../hop.png")
    edit(unit / "en.md", "impact-circular-model.en.svg", "fig.png")
    result = qser("check")
    assert result.exit_code == 1
    assert "image 'fig.png' is a link to a file outside the unit folder" in result.output


@pytest.mark.parametrize("name, why", [
    ("passwd", "is not a picture a browser shows"),
    ("page.html", "is not a picture a browser shows"),
])
def test_only_pictures_enter_a_package(unit, name, why):
    (unit / "media").mkdir(exist_ok=True)
    (unit / "media" / name).write_text("<script>alert(1)</script>")
    edit(unit / "en.md", "impact-circular-model.en.svg", name)
    result = qser("check")
    assert result.exit_code == 1 and f"image '{name}' {why}" in result.output


@pytest.mark.parametrize("svg, why", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "holds a <script> element"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "has an event handler 'onload'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
     '</foreignObject></svg>', "holds a <foreignObject> element"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<image xlink:href="https://tracker.example/x.png"/></svg>', "refers to 'https://tracker.example/x.png'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
     "refers to 'javascript:alert(1)'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>',
     "has a style that loads something from outside"),
    ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
     "declares a DTD or entities"),
    ("<svg", "is not well-formed XML"),
])
def test_an_active_svg_is_refused(unit, svg, why):
    (unit / "media").mkdir(exist_ok=True)
    (unit / "media" / "fig.svg").write_text(svg)
    edit(unit / "en.md", "impact-circular-model.en.svg", "fig.svg")
    result = qser("check")
    assert result.exit_code == 1, result.output
    assert f"units/tiny/en.md:5: image 'fig.svg' is an SVG that {why}" in result.output
    assert "fix: save the figure again without scripts" in result.output


@pytest.mark.parametrize("src, stored", [("./fig.png", "media/fig.png"), ("bild-ä.png", "media/bild-ä.png"),
                                         ("my%20fig.png", "media/my fig.png"),
                                         ("media/fig.png", "media/fig.png"), ("./media/fig.png", "media/fig.png")])
def test_image_names_as_authors_write_them(unit, src, stored):
    (unit / "media").mkdir(exist_ok=True)
    (unit / "media" / Path(stored).name).write_bytes(b"\x89PNG\r\n")
    edit(unit / "en.md", "impact-circular-model.en.svg", src)
    result = qser("build", "--lang", "en", "--target", "html")
    assert result.exit_code == 0, result.output
    assert stored in zipped_names(Path("dist"))


# ---- check refuses what build cannot make valid; never a traceback ----

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))

INPUT_CASES = [
    # (case, file, old, new, what the author reads)
    ("control-char-yaml-escape", "unit.yaml", "en: A tiny unit", 'en: "A tiny\\x1b[2J unit"',
     "units/tiny/unit.yaml:5: title has a control character (U+001B) in its 'en' text"),
    ("control-char-raw-heading", "en.md", "# Welcome {#welcome}", "# Wel\x07come {#welcome}",
     "units/tiny/en.md:1: holds the control character U+0007"),
    ("nul-byte", "en.md", "Some text.", "Some\x00 text.", "units/tiny/en.md:3: holds the control character U+0000"),
    ("nan-weight", "questions.yaml", "  type: single-choice", "  type: single-choice\n  weight: .nan",
     "question 'colour': weight nan is not a positive number"),
    ("infinite-weight", "questions.yaml", "  type: single-choice", "  type: single-choice\n  weight: .inf",
     "question 'colour': weight inf is not a positive number"),
    ("title-over-200", "unit.yaml", "en: A tiny unit", "en: " + "Long " * 45,
     "units/tiny/unit.yaml:4: the en title is 224 characters long or spans lines (at most 200 on one line"),
    ("page-title-over-200", "en.md", "# Welcome {#welcome}", "# " + "W" * 201 + " {#welcome}",
     "units/tiny/en.md:1: page 'welcome' has a title of 201 characters (at most 200)"),
    ("float-version", "unit.yaml", "version: 0.1.0", "version: 1.10",
     "units/tiny/unit.yaml:2: version 1.1 was read as a number (1.10 would become 1.1)\n  fix: quote it"),
    ("long-version", "unit.yaml", "version: 0.1.0", "version: 1.2.3.4.5.6.7.8.9.10.11",
     "version is 23 characters long (at most 20, SCORM's limit)"),
    ("comment-only-questions", "questions.yaml", None, "# nothing here yet\n",
     "units/tiny/questions.yaml: is empty (nothing but blank lines or comments)"),
    ("alias-bomb-as-value", "unit.yaml", "mastery_score: 50", BOMB.replace("\n", "\n  ").replace("a: &a", "mastery_score:\n  a: &a", 1),
     "mastery_score a mapping is not a whole number from 0 to 100"),
    ("alias-bomb-as-type", "questions.yaml", "  type: single-choice", "  type: &a [[x, x, x, x], [x, x, x]]",
     "question 'colour' has an unknown type a list"),
    ("unhashable-key", "unit.yaml", "duration_minutes: 5", "duration_minutes: 5\n? [a, b]\n: c",
     "units/tiny/unit.yaml:14: is not valid YAML: a key is a list or a mapping (keys are plain words)"),
    ("deep-nesting", "unit.yaml", "duration_minutes: 5", "duration_minutes: 5\nx: " + "[" * 60 + "]" * 60,
     "units/tiny/unit.yaml:14: nests more than 50 levels deep"),
    ("deeper-than-python", "unit.yaml", "duration_minutes: 5", "duration_minutes: 5\nx: " + "[" * 5000 + "]" * 5000,
     "units/tiny/unit.yaml"),
    ("match-is-a-list", "questions.yaml", "match: second", "match: [second]",
     "question 'pairs': source 'two' matches a list, which is not a target"),
    ("not-utf8", "en.md", "Some text.", "Some t\udce4xt.", "units/tiny/en.md:3: is not UTF-8 text"),
    ("bom-and-crlf-are-fine", "en.md", None, "\ufeff# Welcome {#welcome}\r\n\r\nText.\r\n\r\n# Check {#check}\r\n\r\n"
     "[question: colour]\r\n\r\n[question: pairs]\r\n\r\n[question: note]\r\n", None),
    ("unknown-language", "unit.yaml", "languages: [en, de]", "languages: [en, xx]",
     "units/tiny/unit.yaml:3: language 'xx' is not supported"),
]


@pytest.mark.parametrize("case, file, old, new, message", INPUT_CASES, ids=[c[0] for c in INPUT_CASES])
def test_bad_input_is_explained(unit, case, file, old, new, message):
    path = unit / file
    if old is None:
        path.write_bytes(new.encode("utf-8", "surrogateescape"))
    else:
        text = path.read_text("utf-8")
        assert old in text, old
        path.write_bytes(text.replace(old, new, 1).encode("utf-8", "surrogateescape"))
    result = qser("build")
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output) < 5000
    assert not Path("dist").exists()


def test_a_fifo_where_a_file_belongs_does_not_hang(unit):
    (unit / "questions.yaml").unlink()
    os.mkfifo(unit / "questions.yaml")
    result = qser("check")
    assert result.exit_code == 1
    assert "units/tiny/questions.yaml: is not a regular file (a folder, a pipe or a device)" in result.output


def test_a_folder_where_a_file_belongs(unit):
    (unit / "de.md").unlink()
    (unit / "de.md").mkdir()
    result = qser("check")
    assert result.exit_code == 1 and "units/tiny/de.md: is not a regular file" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file(unit):
    (unit / "en.md").chmod(0)
    result = qser("check")
    assert result.exit_code == 1 and "units/tiny/en.md: cannot be read (Permission denied)" in result.output


def test_a_four_backtick_fence_holding_three_is_code_not_a_page(unit):
    block = "\n````\n```\n# Not a page {#phantom}\n```\n````\n"
    for lang in ("en", "de"):
        edit(unit / f"{lang}.md", "text.", "text.\n" + block) if lang == "en" else \
            edit(unit / f"{lang}.md", "# Prüfung", block + "\n# Prüfung")
    result = qser("check")
    assert result.exit_code == 0, result.output
    assert "ok  tiny 0.1.0: 2 pages" in result.output


def test_a_line_separator_in_prose_keeps_line_numbers(unit):
    edit(unit / "en.md", "Some text.", "Some\u2028text.")
    edit(unit / "en.md", "[question: pairs]", "[question: pears]")
    result = qser("check")
    assert "units/tiny/en.md:11: question 'pears' is not in questions.yaml" in result.output


# ---- names that collide, outputs that cannot be written ----

def test_two_units_whose_package_names_coincide_are_refused(unit):
    twin = unit.parent / "tiny-en"
    shutil.copytree(unit, twin)
    edit(twin / "unit.yaml", "id: tiny", "id: tiny-en")
    edit(twin / "unit.yaml", "version: 0.1.0", 'version: "1"')
    edit(unit / "unit.yaml", "version: 0.1.0", "version: de-1")
    result = qser("build", "--target", "html")
    assert result.exit_code == 1
    assert "units/tiny/unit.yaml: its de package would be named tiny-en-de-1-html.zip, like the de package of " \
           "unit 'tiny-en'" in result.output or "like the en package of unit 'tiny'" in result.output
    assert not Path("dist").exists()


def test_a_repeated_lang_builds_once(unit):
    result = qser("build", "--lang", "en", "--lang", "en", "--target", "html", "--target", "html")
    assert result.exit_code == 0, result.output
    assert result.output.count("wrote ") == 1


def test_out_that_is_a_file_is_explained(unit):
    Path("taken").write_text("not a folder")
    result = qser("build", "--out", "taken/dist")
    assert result.exit_code == 1
    assert "error: cannot write taken" in result.output and "give --out a folder you can write to" in result.output
    assert Path("taken").read_text() == "not a folder"


# ---- qser validate on damaged zips ----

def _zip(path: Path, entries: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.create_system = 3
            info.external_attr = (0o120777 << 16)
            zf.writestr(info, "/etc/passwd")
    return path


def test_validate_names_damaged_entries_and_goes_on(tmp_path):
    good = _zip(tmp_path / "good.zip", {"index.html": b"<html></html>"})
    crc = _zip(tmp_path / "crc.zip", {"index.html": b"<html>" + b"x" * 4000 + b"</html>"})
    data = bytearray(crc.read_bytes())
    at = data.index(b"index.html", 30) + len("index.html") + 10  # inside the first entry's deflated data
    data[at] ^= 0xFF
    crc.write_bytes(bytes(data))
    encrypted = _zip(tmp_path / "encrypted.zip", {"index.html": b"<html></html>"})
    raw = bytearray(encrypted.read_bytes())
    raw[6] |= 1  # the 'encrypted' flag in the local header
    central = raw.index(b"PK\x01\x02")
    raw[central + 8] |= 1  # and in the central directory
    encrypted.write_bytes(bytes(raw))
    linked = _zip(tmp_path / "linked.zip", {"index.html": b"<html></html>"}, symlink="media/passwd")
    result = CliRunner().invoke(main, ["validate", str(crc), str(encrypted), str(linked), str(good)])
    assert result.exit_code == 1
    assert "crc.zip:index.html: cannot be unpacked (" in result.output
    assert "encrypted.zip:index.html: is encrypted; an LMS cannot unpack it" in result.output
    assert "linked.zip:media/passwd: is a symbolic link" in result.output
    assert f"ok  {good}" in result.output  # the zips after a broken one are still checked


def test_validate_a_pipe_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "p.zip")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "p.zip")])
    assert result.exit_code == 1 and "p.zip: is not a regular file" in result.output


# ---- qser preview ----

import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402


def test_preview_port_in_use_suggests_another(unit):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = qser("preview", "--port", str(port))
    assert result.exit_code == 1
    assert f"--port: port {port} on 127.0.0.1 is in use" in result.output and "pick another port: --port " in result.output


@pytest.mark.parametrize("port", ["99999", "-1"])
def test_preview_port_out_of_range(unit, port):
    result = qser("preview", "--port", port)
    assert result.exit_code == 1 and f"--port: port {port} is not from 0 to 65535" in result.output


def _qser_process(tmp: Path, *args, env=None):
    return subprocess.Popen([sys.executable, "-m", "builder", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=tmp, env={**os.environ, "TMPDIR": str(tmp / "tmp"),
                                                     "PYTHONPATH": str(Path(__file__).parent.parent), **(env or {})})


def test_preview_listens_on_localhost_only_and_cleans_up_on_sigterm(unit):
    project = unit.parent.parent
    (project / "tmp").mkdir()
    process = _qser_process(project, "preview", "--port", "0")
    line = process.stdout.readline()
    assert line.startswith("previewing tiny (en) at http://127.0.0.1:"), line + process.stderr.read()
    assert list((project / "tmp").iterdir())  # its temp folder exists while it serves
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 128 + signal.SIGTERM
    assert list((project / "tmp").iterdir()) == []
    assert "Traceback" not in process.stderr.read()


def test_sigterm_while_writing_leaves_no_part_file(tmp_path):
    code = ("import os, signal, sys, time\nfrom pathlib import Path\nfrom builder.cli import _terminated\n"
            "from builder.zipper import _atomic\nsignal.signal(signal.SIGTERM, _terminated)\n"
            "def write(raw):\n    raw.write(b'x' * 1000)\n    os.kill(os.getpid(), signal.SIGTERM)\n    time.sleep(10)\n"
            "_atomic(Path(sys.argv[1]) / 'a.zip', write)\n")
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=30,
                         cwd=Path(__file__).parent.parent)
    assert run.returncode == 143, run.stderr
    assert list(tmp_path.iterdir()) == []


# ---- the last-resort guard ----

def test_guard_turns_an_unexpected_exception_into_one_line_and_exit_3(unit, monkeypatch, tmp_path):
    from builder import guard, loader

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(loader._UnitLoader, "load", broken)
    monkeypatch.setenv("QSER_CRASH_DIR", str(tmp_path / "logs"))
    before = len(guard.FIRED)
    result = qser("check")
    fired = guard.FIRED[before:]
    del guard.FIRED[before:]  # this test wants the guard to fire: the autouse check must not see it
    assert result.exit_code == 3
    lines = result.output.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("internal error: qser failed unexpectedly (ZeroDivisionError)")
    assert "Traceback" not in result.output
    log = Path(fired[0])
    assert str(log) in lines[0] and "ZeroDivisionError: a bug" in log.read_text()


def test_zip_entry_names_reach_the_terminal_escaped(tmp_path):
    bad = _zip(tmp_path / "names.zip", {"index.html": b'<img src="x\x1b]0;owned\x07.png">',
                                        "\x1b[31mred\nforged line.txt": b""})
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\nforged line" not in result.output
    assert "\\e[31mred\\nforged line.txt" in result.output or "x\\e]0;owned\\x07.png" in result.output


def test_pool_workers_end_with_the_main_process(unit):
    """Eight units build in worker processes; killing qser (SIGKILL: it cannot clean up) stops
    them all, and they remove what they were writing."""
    project = unit.parent.parent
    for n in range(8):
        twin = unit.parent / f"tiny{n}"
        shutil.copytree(unit, twin)
        edit(twin / "unit.yaml", "id: tiny", f"id: tiny{n}")
    process = _qser_process(project, "build")
    children: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(children) < 2:
        for task in Path(f"/proc/{process.pid}/task").glob("*/children"):
            children.update(int(c) for c in task.read_text().split())
        time.sleep(0.01)
    assert children, "no worker processes were started"
    process.kill()
    process.wait(timeout=30)

    def alive():
        return [pid for pid in children if Path(f"/proc/{pid}").exists()
                and "Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1][:3]]

    deadline = time.monotonic() + 15  # a loaded machine may take a while to deliver and run the signal
    while alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive() == [], [Path(f"/proc/{pid}/cmdline").read_bytes() + Path(f"/proc/{pid}/status").read_bytes()[:300]
                           for pid in alive()]
    assert not list((project / "dist").glob(".*.part")) if (project / "dist").exists() else True
