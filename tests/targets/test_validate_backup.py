"""`qser validate` on Moodle backups (.mbz): ours and Moodle's own pass, damaged ones are refused by name."""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import tarfile
import zipfile

import pytest
from click.testing import CliRunner

from builder.build import build
from builder.cli import main
from builder.targets import mbz
from builder.targets import validate as validate_module
from builder.targets.zipper import zip_bytes
from tests.conftest import SEED, UNITS
from tests.targets.test_moodle_backup import FIXTURE, unpack

COURSE = "becoming-a-mentor-en+de-1.1.0-moodle.mbz"
PACKAGE = "becoming-a-mentor-en-1.1.0-scorm12.zip"


@pytest.fixture(scope="module")
def backups(tmp_path_factory):
    folder = tmp_path_factory.mktemp("backups")
    build(UNITS, folder, [SEED], targets=["moodle"])
    return folder


def validate(*paths):
    return CliRunner().invoke(main, ["validate", *map(str, paths)])


def test_built_backups_and_moodles_own_validate(backups):
    paths = sorted(backups.glob("*.mbz"))
    if FIXTURE.exists():
        paths.append(FIXTURE)  # a backup Moodle 4.5.6 wrote: the checks do not refuse the real thing
    result = validate(*paths)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("ok  ") == len(paths) == 3 + FIXTURE.exists()
    assert f"ok  {backups / COURSE} (Moodle course backup, 2 SCORM activities, " in result.stdout
    assert "-moodle-activity.mbz (Moodle activity backup, 1 SCORM activity, " in result.stdout


def with_package(files: dict[str, bytes], change) -> dict[str, bytes]:
    """The backup with the English package zip changed, every hash and size that names it updated."""
    old_hash = re.search(rb"<sha1hash>(\w+)</sha1hash>", files["activities/scorm_1/scorm.xml"])[1].decode()
    old = files.pop(mbz.pool_path(old_hash))
    with zipfile.ZipFile(io.BytesIO(old)) as zin:
        members = {n: zin.read(n) for n in zin.namelist()}
    change(members)
    new = zip_bytes(members)
    new_hash = hashlib.sha1(new).hexdigest()
    files[mbz.pool_path(new_hash)] = new
    for name in ("activities/scorm_1/scorm.xml", "files.xml"):
        files[name] = files[name].replace(old_hash.encode(), new_hash.encode())
    files["files.xml"] = files["files.xml"].replace(f"<filesize>{len(old)}</filesize>".encode(),
                                                    f"<filesize>{len(new)}</filesize>".encode())
    return files


def drop_row_hash(name: str):
    def change(files):
        row = re.search(rb"<contenthash>(\w+)</contenthash>(?:(?!</file>).)*<filename>" + re.escape(name.encode()),
                        files["files.xml"], re.S)
        del files[mbz.pool_path(row[1].decode())]
        return files
    return change


def edit(name: str, old: bytes, new: bytes):
    def change(files):
        assert old in files[name], (name, old)
        files[name] = files[name].replace(old, new, 1)
        return files
    return change


def damage_pool(name: str):
    def change(files):
        row = re.search(rb"<contenthash>(\w+)</contenthash>(?:(?!</file>).)*<filename>" + re.escape(name.encode()),
                        files["files.xml"], re.S)
        files[mbz.pool_path(row[1].decode())] += b"<!-- changed -->"
        return files
    return change


def broken_manifest(members):
    members["imsmanifest.xml"] = members["imsmanifest.xml"].replace(b"</resources>", b"")


CASES = [  # (case, change of the unpacked backup, where, message)
    ("no-main-file", lambda f: {k: v for k, v in f.items() if k != "moodle_backup.xml"}, COURSE,
     "has no moodle_backup.xml at its root, so Moodle cannot restore it"),
    ("main-file-not-recognised", edit("moodle_backup.xml", b"<moodle_backup>", b'<moodle_backup from="qser">'),
     f"{COURSE}:moodle_backup.xml:1", "does not begin as Moodle's own backups do"),
    ("no-activities", edit("moodle_backup.xml", b"<name>activities</name>\n        <value>1</value>",
                           b"<name>activities</name>\n        <value>0</value>"),
     f"{COURSE}:moodle_backup.xml", "its setting 'activities' is not 1: Moodle would restore no activity"),
    ("unknown-kind", edit("moodle_backup.xml", b"<type>course</type>", "<type>course\u2028x</type>".encode()),
     f"{COURSE}:moodle_backup.xml", "says it is a 'course\\u2028x' backup in the 'moodle2' format"),
    ("required-file-missing", lambda f: {k: v for k, v in f.items() if k != "questions.xml"}, COURSE,
     "has no questions.xml, which every restore reads"),
    ("activity-in-no-section", edit("moodle_backup.xml", b"<sectionid>2</sectionid>\n          <modulename>",
                                    b"<sectionid>9</sectionid>\n          <modulename>"),
     f"{COURSE}:moodle_backup.xml:", "which the backup does not list: Moodle would leave it out without a word"),
    ("enrolment-role-undefined", edit("roles.xml", b'<role id="5">', b'<role id="6">'),
     f"{COURSE}:course/enrolments.xml:", "the 'manual' enrolment method gives role 5, which roles.xml does not define"),
    ("broken-xml", edit("activities/scorm_1/module.xml", b"</tags>", b""), f"{COURSE}:activities/scorm_1/module.xml:",
     "is not well-formed XML"),
    ("pool-file-missing", drop_row_hash("index.html"), f"{COURSE}:files.xml:",
     "lists mod_scorm/content/index.html, whose content 'files/"),
    ("pool-file-damaged", damage_pool("imsmanifest.xml"), f"{COURSE}:files/",
     "(the content of mod_scorm/content/imsmanifest.xml) is damaged: its sha1 is"),
    ("file-not-in-inforef", edit("activities/scorm_1/inforef.xml", b"<file>\n      <id>1</id>\n    </file>", b""),
     f"{COURSE}:activities/scorm_1/inforef.xml", "does not name 1 of the activity's files (ids 1): Moodle would drop"),
    ("package-renamed", edit("activities/scorm_1/scorm.xml", b"<reference>becoming-a-mentor", b"<reference>other"),
     f"{COURSE}:activities/scorm_1/scorm.xml:", "its package 'other-en-1.1.0-scorm12.zip' is not among"),
    ("package-invalid", lambda f: with_package(f, broken_manifest), f"{COURSE}:{PACKAGE}:imsmanifest.xml:",
     "is not well-formed XML"),
    ("content-not-the-zip", lambda f: with_package(f, lambda m: m.update({"extra.txt": b"x"})),
     f"{COURSE}:files.xml", f"the unpacked content of '{PACKAGE}' is not the zip's (extra.txt differ)"),
    ("sco-rows-not-the-manifest", edit("activities/scorm_1/scorm.xml", b"<launch>index.html</launch>",
                                       b"<launch>start.html</launch>"),
     f"{COURSE}:activities/scorm_1/scorm.xml:", "its SCOs (org in /, item in org launching start.html (sco)) are not "
     "those Moodle reads from the package's imsmanifest.xml (org in /, item in org launching index.html (sco))"),
    ("nothing-launches", edit("activities/scorm_1/scorm.xml", b"<launch>index.html</launch>", b"<launch></launch>"),
     f"{COURSE}:activities/scorm_1/scorm.xml:",
     "has no SCO with a start page (launch)"),
]


def repack(files: dict[str, bytes], index: bytes | None = None) -> bytes:
    """The files as a backup again, with a fresh .ARCHIVE_INDEX unless `index` is given."""
    data = mbz.tgz(files)
    if index is None:
        return data
    raw = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(data))) as tin, tarfile.open(fileobj=raw, mode="w",
                                                                                    format=tarfile.USTAR_FORMAT) as t:
        for member in tin:
            content = index if member.name == ".ARCHIVE_INDEX" else tin.extractfile(member)
            if member.name == ".ARCHIVE_INDEX":
                member.size = len(index)
                content = io.BytesIO(index)
            t.addfile(member, content)
    return gzip.compress(raw.getvalue())


@pytest.mark.parametrize("case, change, where, message", CASES, ids=[c[0] for c in CASES])
def test_a_damaged_backup_is_refused_with_what_is_wrong(backups, tmp_path, case, change, where, message):
    files = {k: v for k, v in unpack(backups / COURSE).items() if k != ".ARCHIVE_INDEX"}
    damaged = tmp_path / COURSE
    damaged.write_bytes(repack(change(files)))
    result = validate(damaged)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if message in line]
    assert lines, result.output
    assert lines[0].startswith(f"{tmp_path}/{where}"), lines[0]
    assert len(lines) == 1, lines  # once, though both languages' activities share most files
    assert "Traceback" not in result.output and "\u2028" not in result.output  # all of it printable
    assert "fix: " in result.output


def test_a_stale_archive_index_is_named(backups, tmp_path):
    files = unpack(backups / COURSE)
    index = files[".ARCHIVE_INDEX"].replace(b"Count: ", b"Count: 1")
    damaged = tmp_path / COURSE
    damaged.write_bytes(repack({k: v for k, v in files.items() if k != ".ARCHIVE_INDEX"}, index))
    result = validate(damaged)
    assert result.exit_code == 1
    assert f"{damaged}:.ARCHIVE_INDEX: does not list the backup's" in result.output


def tar_gz(add) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        add(tar)
    return gzip.compress(raw.getvalue())


def regular(tar, name, data=b"x"):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def link(tar, name, target):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = tarfile.SYMTYPE, target
    tar.addfile(info)


CONTAINERS = [  # (case, the backup's bytes, message)
    ("truncated", lambda good: good[: len(good) // 2], "is not a readable Moodle backup"),
    ("not-gzip-inside", lambda good: gzip.compress(b"no tar here" * 100), "is not a readable Moodle backup"),
    ("path-escape", lambda good: tar_gz(lambda t: regular(t, "../../etc/cron.d/evil")),
     "../../etc/cron.d/evil: path leaves the backup (absolute, '..' or backslashes)"),
    ("symlink", lambda good: tar_gz(lambda t: link(t, "moodle_backup.xml", "/etc/passwd")),
     "moodle_backup.xml: is a link or a device, which Moodle's archive reader skips"),
    ("long-name", lambda good: tar_gz(lambda t: regular(t, "x" * 120)), "has a name Moodle's archive reader cannot read"),
]


@pytest.mark.parametrize("case, make, message", CONTAINERS, ids=[c[0] for c in CONTAINERS])
def test_a_damaged_container_is_refused_without_a_traceback(backups, tmp_path, case, make, message):
    damaged = tmp_path / "damaged.mbz"
    damaged.write_bytes(make((backups / COURSE).read_bytes()))
    result = validate(damaged)
    assert result.exit_code == 1
    assert message in result.output, result.output
    assert "Traceback" not in result.output


def pax_header(tar, name, size):
    """An extended header that claims `size` bytes: Python's tar reader reads it whole into memory."""
    info = tarfile.TarInfo(name)
    info.type, info.size = tarfile.XHDTYPE, size
    tar.addfile(info, io.BytesIO(bytes(size)))


@pytest.mark.parametrize("member", [regular, pax_header], ids=["file", "pax-header"])
def test_a_gzip_bomb_is_not_unpacked_past_the_limit(tmp_path, monkeypatch, member):
    monkeypatch.setattr(validate_module, "MAX_TOTAL_BYTES", 1024 * 1024)
    huge = 40 * 1024 * 1024
    bomb = tmp_path / "bomb.mbz"
    bomb.write_bytes(tar_gz(lambda t: member(t, "files/00/huge", bytes(huge) if member is regular else huge)))
    result = validate(bomb)
    assert result.exit_code == 1
    assert f"{bomb}: unpacks to more than 1048576 bytes" in result.output


def test_a_backup_moodle_wrote_as_a_zip_is_read_too(backups, tmp_path):
    """Moodle writes zip backups when $CFG->usezipbackups is set (without .ARCHIVE_INDEX, a tgz_packer
    thing), and restores both (mbz_packer)."""
    as_zip = tmp_path / "zipped.mbz"
    with zipfile.ZipFile(as_zip, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in unpack(backups / COURSE).items():
            if name != ".ARCHIVE_INDEX":
                zf.writestr(name, data)
    result = validate(as_zip)
    assert result.exit_code == 0, result.output
    assert "(Moodle course backup, 2 SCORM activities, " in result.output


def test_what_validate_prints_of_a_package_is_printable(backups, tmp_path):
    """The kind on the summary line comes from the package (a manifest's schemaversion): escaped too."""
    files = unpack(backups / COURSE)
    held = files[mbz.pool_path(re.search(rb"<sha1hash>(\w+)<", files["activities/scorm_1/scorm.xml"])[1].decode())]
    package = tmp_path / "odd.zip"
    with zipfile.ZipFile(io.BytesIO(held)) as zin, zipfile.ZipFile(package, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "imsmanifest.xml":
                data = data.replace(b"<schemaversion>1.2<", "<schemaversion>1.2\u202e<".encode())
            zout.writestr(name, data)
    result = validate(package)
    assert "(SCORM 1.2\\u202e, " in result.output and "\u202e" not in result.output
