"""`qser validate` on good packages and on hostile or broken zips."""

from __future__ import annotations

import re
import zipfile

import pytest
from click.testing import CliRunner

from builder.cli import main


def rezip(src, dst, change=None, extra=None, drop=()):
    """A copy of the zip `src` with entries changed, added or dropped."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = zin.read(info)
            if change and info.filename in change:
                data = change[info.filename](data)
            zout.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def validate(*paths):
    return CliRunner().invoke(main, ["validate", *map(str, paths)])


def test_built_packages_validate(dist):
    lms_packages = [p for (lang, target), p in dist.items() if target != "html"]
    result = validate(*lms_packages)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("ok  ") == len(lms_packages)
    assert "(SCORM 1.2, 8 files, " in result.stdout  # manifest, index.html (style and scripts inside), media
    assert "(SCORM 2004 4th Edition, 8 files, " in result.stdout


CASES = [  # (case, change, extra, drop, where, message, text on the line named)
    ("path-escape", None, {"../../etc/cron.d/evil": b"x"}, (), "../../etc/cron.d/evil",
     "path leaves the package (absolute, '..' or backslashes)", None),
    ("listed-file-missing", None, None, ("media/mentors-mentees.en.svg",), "imsmanifest.xml",
     "lists 'media/mentors-mentees.en.svg', which is not in the zip", 'href="media/mentors-mentees.en.svg"'),
    ("unlisted-file", None, {"notes.txt": b"hello"}, (), "notes.txt",
     "is in the zip but not listed in the manifest", None),
    ("broken-xml", {"imsmanifest.xml": lambda b: b.replace(b"</resources>", b"")}, None, (), "imsmanifest.xml",
     "is not well-formed XML: Opening and ending tag mismatch: resources", "</manifest>"),
    ("schema", {"imsmanifest.xml": lambda b: b.replace(b'adlcp:scormtype="sco"', b'adlcp:scormtype="lesson"')},
     None, (), "imsmanifest.xml", "does not match the SCORM 1.2 schemas", 'adlcp:scormtype="lesson"'),
    ("mastery", {"imsmanifest.xml": lambda b: b.replace(b"<adlcp:masteryscore>80<", b"<adlcp:masteryscore>eighty<")},
     None, (), "imsmanifest.xml", "masteryscore 'eighty' is not a whole number from 0 to 100", "<item "),
    ("zip-bomb", None, {"media/huge.bin": bytes(60 * 1024 * 1024)}, (), "media/huge.bin",
     "unpacks 1028 times larger than it is packed", None),
]


@pytest.mark.parametrize("case, change, extra, drop, where, message, on_line", CASES, ids=[c[0] for c in CASES])
def test_broken_packages_are_refused_with_the_place_named(dist, tmp_path, case, change, extra, drop, where,
                                                           message, on_line):
    bad = rezip(dist[("en", "scorm12")], tmp_path / f"{case}.zip", change, extra, drop)
    result = validate(bad)
    assert result.exit_code == 1
    found = re.search(rf"^{re.escape(str(bad))}:{re.escape(where)}(?::(\d+))?: {re.escape(message)}", result.stderr, re.M)
    assert found, result.stderr
    if on_line:
        with zipfile.ZipFile(bad) as zf:
            lines = zf.read("imsmanifest.xml").decode().splitlines()
        assert on_line in lines[int(found.group(1)) - 1]


def test_not_a_zip(tmp_path):
    fake = tmp_path / "package.zip"
    fake.write_bytes(b"PK\x03\x04 not really")
    result = validate(fake)
    assert result.exit_code == 1
    assert "is not a readable zip" in result.stderr


def test_html_previews_are_named_for_what_they_are(dist, tmp_path):
    result = validate(dist[("en", "html")])
    assert result.exit_code == 0, result.output
    assert "(HTML preview, not an LMS package, " in result.stdout
    broken = rezip(dist[("en", "html")], tmp_path / "broken.zip", drop=("media/mentors-mentees.en.svg",))
    result = validate(broken)
    assert result.exit_code == 1
    assert "index.html: refers to 'media/mentors-mentees.en.svg', which is not in the zip" in result.stderr


def test_a_schema_check_that_cannot_run_is_not_ok(dist, tmp_path):
    result = CliRunner().invoke(main, ["validate", "--schemas", str(tmp_path), str(dist[("en", "scorm12")])])
    assert result.exit_code == 1
    assert "cannot be checked against the SCORM 1.2 schemas" in result.stderr
    assert "ok  " not in result.stdout
