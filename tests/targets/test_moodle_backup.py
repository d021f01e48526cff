"""The `moodle` target: a course backup (.mbz) Moodle 4.5 restores with every setting of docs/moodle.md.

Compared with a real backup Moodle 4.5.6 wrote of a course holding this unit as a configured SCORM
activity (../shared/fixtures/moodle-4.5-backup): the same files, elements and values, except what the
unit decides or the backup's own ids and times; the package inside is the scorm12 zip, byte for byte.
"""

from __future__ import annotations

import gzip
import io
import re
import shutil
import tarfile
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from builder import TOOL_ROOT
from builder.build import build, bundled, package_plan
from builder.load.loader import load_unit
from builder.render.package import render_content
from builder.targets import mbz
from builder.targets.moodle import TARGET
from tests.conftest import SEED, UNITS
from tests.support import moodle_tgz
from tests.support.tiny import TINY

FIXTURE = TOOL_ROOT.parent / "shared" / "fixtures" / "moodle-4.5-backup" / "qser-ref-scorm12-course.mbz"


def unpack(path: Path) -> dict[str, bytes]:
    """A backup's files (not its folders), read as Moodle's tgz reader would."""
    with tarfile.open(path, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}


def folders_as_n(name: str) -> str:
    return re.sub(r"(scorm|section)_\d+", r"\1_N", name)


@pytest.fixture(scope="module")
def fixture_files():
    if not FIXTURE.exists():
        pytest.skip(f"no Moodle backup fixture at {FIXTURE}")
    return unpack(FIXTURE)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed unit as the moodle and scorm12 targets build it, per --languages mode: mode -> {name: path}."""
    out = {}
    for mode, langs in (("en", ["en"]), ("each", None), ("bundle", None), ("both", None)):
        folder = tmp_path_factory.mktemp(f"moodle-{mode}")
        build(UNITS, folder, [SEED], langs, ["moodle", "scorm12"], languages="each" if mode == "en" else mode)
        out[mode] = {p.name: p for p in folder.iterdir()}
    return out


def course(built, mode="each") -> dict[str, bytes]:
    (path,) = [p for n, p in built[mode].items() if n.endswith("-moodle.mbz")]
    return unpack(path)


# ---- Against the real backup ----

def shape(data: bytes) -> tuple[set[str], dict[str, list[str]]]:
    """Every element's path, and each leaf's (and attribute's) values in document order."""
    paths, values = set(), defaultdict(list)

    def walk(element, parent):
        path = f"{parent}/{element.tag}" if parent else element.tag
        paths.add(path)
        for key, value in element.attrib.items():
            values[f"{path}/@{key}"].append(value)
        children = list(element)
        for child in children:
            walk(child, path)
        if not children:
            values[path].append((element.text or "").strip())

    walk(etree.fromstring(data), "")
    return paths, values


# What the fixture holds that ours leaves out, on purpose: the fixture's course had a test learner
# enrolled (a role assignment, although users were not backed up).
LEFT_OUT = {
    "course/roles.xml": {"roles/role_assignments/assignment"},
    "course/inforef.xml": {"inforef/userref"},
}
# Values that are the backup's own (ids, times, its name and origin) or the unit's (names, texts, the
# package); every other value is the fixture's. The unit's are checked against the model below.
OWN = {
    "moodle_backup.xml": {
        "moodle_backup/information/name", "moodle_backup/information/moodle_version", "moodle_backup/information/moodle_release", "moodle_backup/information/backup_date",
        "moodle_backup/information/original_wwwroot", "moodle_backup/information/original_site_identifier_hash", "moodle_backup/information/original_course_id",
        "moodle_backup/information/original_course_fullname", "moodle_backup/information/original_course_shortname",
        "moodle_backup/information/original_course_startdate", "moodle_backup/information/original_course_contextid",
        "moodle_backup/information/details/detail/@backup_id", "moodle_backup/information/contents/activities/activity/moduleid",
        "moodle_backup/information/contents/activities/activity/sectionid", "moodle_backup/information/contents/activities/activity/title",
        "moodle_backup/information/contents/sections/section/sectionid", "moodle_backup/information/contents/course/courseid",
        "moodle_backup/information/contents/course/title", "moodle_backup/information/settings/setting/value"},  # the filename, below
    "activities/scorm_N/scorm.xml": {
        "activity/@id", "activity/@moduleid", "activity/@contextid", "activity/scorm/@id", "activity/scorm/name",
        "activity/scorm/reference", "activity/scorm/intro", "activity/scorm/sha1hash", "activity/scorm/launch",
        "activity/scorm/introformat",  # ours HTML (1); the fixture's "Test scorm 1" came from a test tool (0)
        "activity/scorm/scoes/sco/@id", "activity/scorm/scoes/sco/manifest", "activity/scorm/scoes/sco/title",
        "activity/scorm/scoes/sco/sco_datas/sco_data/@id", "activity/scorm/scoes/sco/sco_datas/sco_data/value"},
    "activities/scorm_N/module.xml": {"module/@id", "module/sectionid", "module/added"},
    "activities/scorm_N/grades.xml": {
        "activity_gradebook/grade_items/grade_item/@id", "activity_gradebook/grade_items/grade_item/categoryid",
        "activity_gradebook/grade_items/grade_item/itemname", "activity_gradebook/grade_items/grade_item/iteminstance",
        "activity_gradebook/grade_items/grade_item/timecreated",
        "activity_gradebook/grade_items/grade_item/timemodified"},
    "activities/scorm_N/inforef.xml": {"inforef/fileref/file/id", "inforef/grade_itemref/grade_item/id"},
    "course/course.xml": {
        "course/@id", "course/@contextid", "course/shortname", "course/fullname", "course/summary",
        "course/summaryformat",  # ours HTML (1), the fixture's a test tool's text (0)
        "course/startdate", "course/timecreated", "course/timemodified",
        "course/category/name"},  # the site's category: restore ignores it
    "course/enrolments.xml": {"enrolments/enrols/enrol/@id", "enrolments/enrols/enrol/timecreated",
                              "enrolments/enrols/enrol/timemodified"},
    "sections/section_N/section.xml": {"section/@id", "section/sequence", "section/timemodified"},
    "gradebook.xml": {
        "gradebook/grade_categories/grade_category/@id", "gradebook/grade_categories/grade_category/path",
        "gradebook/grade_categories/grade_category/timecreated", "gradebook/grade_categories/grade_category/timemodified",
        "gradebook/grade_items/grade_item/@id", "gradebook/grade_items/grade_item/iteminstance",
        "gradebook/grade_items/grade_item/timecreated", "gradebook/grade_items/grade_item/timemodified"},
}


def by_folder(files: dict[str, bytes]) -> dict[str, list[bytes]]:
    out = defaultdict(list)
    for name in sorted(files):
        if not name.startswith("files/") and name not in (".ARCHIVE_INDEX", "moodle_backup.log"):
            out[folders_as_n(name)].append(files[name])
    return out


def test_the_course_backup_has_the_real_backups_files_elements_and_values(built, fixture_files):
    ours, theirs = by_folder(course(built, "en")), by_folder(fixture_files)
    assert sorted(ours) == sorted(theirs)  # moodle_backup.log, Moodle's log of making it, is left out
    for name in sorted(theirs):
        if name == "files.xml":
            continue  # row by row below
        assert len(ours[name]) == len(theirs[name]), name  # one activity, two sections, as in the fixture
        for mine, real in zip(ours[name], theirs[name]):
            if name not in OWN and name not in LEFT_OUT:
                assert mine == real, f"{name} differs from Moodle's byte for byte"
                continue
            my_paths, my_values = shape(mine)
            real_paths, real_values = shape(real)
            left_out = {p for p in real_paths for gone in LEFT_OUT.get(name, ()) if p.startswith(gone)}
            assert my_paths == real_paths - left_out, name
            for path, values in real_values.items():
                if path in OWN.get(name, ()) or path.split("/@")[0] in left_out or path not in my_values:
                    continue
                assert [folders_as_n(v) for v in my_values[path]] == [folders_as_n(v) for v in values], (name, path)


def test_the_backup_says_what_moodle_restores_and_how(built, fixture_files):
    main = etree.fromstring(course(built, "en")["moodle_backup.xml"])
    real = etree.fromstring(fixture_files["moodle_backup.xml"])

    def settings(root):
        return {folders_as_n(s.findtext("name")): s.findtext("value") for s in root.iterfind(".//setting")}

    mine, theirs = settings(main), settings(real)
    assert mine.pop("filename") == "becoming-a-mentor-en-1.1.0-moodle.mbz" == main.findtext("information/name")
    theirs.pop("filename")
    assert mine == theirs  # users 0, activities 1, every section and activity included without user data
    info = main.find("information")
    assert (info.findtext("backup_version"), info.findtext("backup_release")) == ("2024100700", "4.5")
    assert (info.findtext("moodle_version"), info.findtext("moodle_release")) == ("2024100700", "4.5 (Build: 20241007)")
    assert info.findtext("original_site_identifier_hash") != real.findtext("information/original_site_identifier_hash")


def test_each_file_row_is_as_moodle_writes_it(built, fixture_files):
    """files.xml row by row: the same elements and the fixture's values for the same file (the package,
    its manifest, its start page, ...), apart from ids, times, and the content (checked against the zip)."""

    def rows(data, package_name):
        out = {}
        for row in etree.fromstring(data).iterfind("file"):
            fields = {child.tag: child.text or "" for child in row}
            name = "PACKAGE" if fields["filename"] == package_name else fields["filename"]
            out[(fields["filearea"], fields["filepath"], name)] = fields
        return out

    ours = rows(course(built, "en")["files.xml"], "becoming-a-mentor-en-1.1.0-scorm12.zip")
    theirs = rows(fixture_files["files.xml"], "ref-en.zip")
    same = set(ours) & set(theirs)
    assert {("package", "/", "PACKAGE"), ("package", "/", "."), ("content", "/", "imsmanifest.xml"),
            ("content", "/", "index.html"), ("content", "/media/", ".")} <= same
    for key in same:
        assert list(ours[key]) == list(theirs[key]), key  # the same elements in the same order
        for field in ("id", "contextid", "timecreated", "timemodified", "contenthash", "filesize", "filename"):
            ours[key].pop(field, None), theirs[key].pop(field, None)
        assert ours[key] == theirs[key], key


# ---- The settings of docs/moodle.md, "Settings that fit" ----

GUIDE = {  # setting: (file, element, value)
    "Display package: Current window": ("scorm.xml", "scorm/popup", "0"),
    "Course structure on entry page: No": ("scorm.xml", "scorm/displaycoursestructure", "0"),
    "Course structure in player: Hidden": ("scorm.xml", "scorm/hidetoc", "1"),
    "Student skip content structure page: Always": ("scorm.xml", "scorm/skipview", "2"),
    "Grading method: Highest grade": ("scorm.xml", "scorm/grademethod", "1"),
    "Maximum grade: 100": ("scorm.xml", "scorm/maxgrade", "100"),
    "Number of attempts: Unlimited": ("scorm.xml", "scorm/maxattempt", "0"),
    "Attempts grading: Highest attempt": ("scorm.xml", "scorm/whatgrade", "0"),
    "Force completed: No": ("scorm.xml", "scorm/forcecompleted", "0"),
    "Force new attempt: No": ("scorm.xml", "scorm/forcenewattempt", "0"),
    "Auto-continue: No": ("scorm.xml", "scorm/auto", "0"),
    "Auto-commit: No": ("scorm.xml", "scorm/autocommit", "0"),
    "Mastery score overrides status: Yes": ("scorm.xml", "scorm/masteryoverride", "1"),
    "Activity completion: automatic": ("module.xml", "completion", "2"),
    "... when the status is Passed": ("scorm.xml", "scorm/completionstatusrequired", "2"),
    "... not on viewing": ("module.xml", "completionview", "0"),
    "... not on a grade": ("module.xml", "completiongradeitemnumber", "$@NULL@$"),
    "Grade item out of 100": ("grades.xml", "grade_items/grade_item/grademax", "100.00000"),
    "The package as uploaded, never re-read from elsewhere": ("scorm.xml", "scorm/updatefreq", "0"),
}


@pytest.mark.parametrize("setting", list(GUIDE))
def test_every_activity_has_the_settings_of_the_guide(built, setting):
    file, element, value = GUIDE[setting]
    files = course(built, "each")
    found = [etree.fromstring(files[name]).findtext(element) for name in sorted(files) if name.endswith("/" + file)]
    assert found == [value, value]  # the English and the German activity


def test_the_enrolment_methods_keep_their_role_when_restored_with_them(built):
    """'Include enrolment methods: Yes' maps each method's role through roles.xml, which loads only
    roles the course's inforef.xml names; an unmapped role would leave the method without one."""
    files = course(built)
    given = {e.findtext("roleid") for e in etree.fromstring(files["course/enrolments.xml"]).iterfind("enrols/enrol")} - {"0"}
    defined = {r.get("id"): r.findtext("archetype") for r in etree.fromstring(files["roles.xml"]).iter("role")}
    named = {r.findtext("id") for r in etree.fromstring(files["course/inforef.xml"]).iterfind("roleref/role")}
    assert given == {"5"} and defined == {"5": "student"} and named == {"5"}


def test_the_course_tracks_completion(built):
    course_xml = etree.fromstring(course(built)["course/course.xml"])
    assert course_xml.findtext("enablecompletion") == "1"
    assert course_xml.findtext("showcompletionconditions") == "1"


# ---- What the unit decides ----

def activities(files: dict[str, bytes]) -> list[etree._Element]:
    main = etree.fromstring(files["moodle_backup.xml"])
    return [etree.fromstring(files[f"{a.findtext('directory')}/scorm.xml"]).find("scorm")
            for a in main.iterfind("information/contents/activities/activity")]


def test_a_course_has_an_activity_per_language_named_and_described_in_it(built, seed_unit):
    files = course(built, "each")
    found = activities(files)
    assert [a.findtext("name") for a in found] == [seed_unit.title["en"], seed_unit.title["de"]]
    for activity, lang in zip(found, ["en", "de"]):
        intro = activity.findtext("intro")
        assert intro.startswith(f'<p lang="{lang}">') and seed_unit.description[lang][:40] in intro
        assert activity.findtext("reference") == f"becoming-a-mentor-{lang}-1.1.0-scorm12.zip"
        scoes = activity.findall("scoes/sco")
        assert [s.findtext("title") for s in scoes] == [seed_unit.title[lang]] * 2
        assert scoes[0].findtext("manifest") == f"qser-becoming-a-mentor-{lang}"
        data = {d.findtext("name"): d.findtext("value") for d in scoes[1].iterfind("sco_datas/sco_data")}
        assert data == {"isvisible": "true", "parameters": "", "masteryscore": str(seed_unit.mastery_score)}
    course_xml = etree.fromstring(files["course/course.xml"])
    assert (course_xml.findtext("shortname"), course_xml.findtext("fullname")) == (SEED, seed_unit.title["en"])
    assert etree.fromstring(files["sections/section_2/section.xml"]).findtext("sequence") == "1,2"
    grades = [etree.fromstring(files[f"activities/scorm_{n}/grades.xml"]).findtext(".//itemname") for n in (1, 2)]
    assert grades == [seed_unit.title["en"], seed_unit.title["de"]]


def test_a_bundle_is_one_activity_holding_every_language(built, seed_unit):
    names = sorted(built["bundle"])
    assert [n for n in names if n.endswith(".mbz")] == [
        "becoming-a-mentor-en+de-1.1.0-moodle-activity.mbz", "becoming-a-mentor-en+de-1.1.0-moodle.mbz"]
    (activity,) = activities(course(built, "bundle"))
    assert activity.findtext("name") == seed_unit.title["en"]
    assert activity.findtext("reference") == "becoming-a-mentor-en+de-1.1.0-scorm12.zip"
    assert activity.findtext("intro").count("<p lang=") == 2


def test_both_gives_the_per_language_course_and_every_activity_on_its_own(built):
    assert sorted(n for n in built["both"] if n.endswith(".mbz")) == [
        "becoming-a-mentor-de-1.1.0-moodle-activity.mbz", "becoming-a-mentor-en+de-1.1.0-moodle-activity.mbz",
        "becoming-a-mentor-en+de-1.1.0-moodle.mbz", "becoming-a-mentor-en-1.1.0-moodle-activity.mbz"]
    assert [a.findtext("reference") for a in activities(course(built, "both"))] == [
        "becoming-a-mentor-en-1.1.0-scorm12.zip", "becoming-a-mentor-de-1.1.0-scorm12.zip"]


@pytest.mark.parametrize("mode", ["each", "bundle", "both"])
def test_the_names_checked_for_clashes_are_the_files_written(seed_unit, mode):
    packages = package_plan(seed_unit, ["en", "de"], mode)
    contents = {lang: render_content(seed_unit, lang) for lang in ("en", "de")}
    whole = bundled(seed_unit, ["en", "de"])
    assert list(TARGET.outputs(whole, packages, contents)) == TARGET.output_names(whole, packages)


def test_an_activity_backup_holds_one_activity_and_no_course(built):
    files = unpack(built["each"]["becoming-a-mentor-de-1.1.0-moodle-activity.mbz"])
    main = etree.fromstring(files["moodle_backup.xml"])
    assert main.findtext("information/details/detail/type") == "activity"
    assert [c.tag for c in main.find("information/contents")] == ["activities"]
    assert not any(name.startswith(("course/", "sections/")) for name in files)
    assert "gradebook.xml" not in files and "completion.xml" not in files  # Moodle writes neither for one activity
    settings = [s.findtext("name") for s in main.iterfind(".//setting")]
    assert "imscc11" not in settings and settings[-2:] == ["scorm_1_included", "scorm_1_userinfo"]
    (activity,) = activities(files)
    assert activity.findtext("reference") == "becoming-a-mentor-de-1.1.0-scorm12.zip"


def test_the_packages_inside_are_the_scorm12_zips_byte_for_byte(built):
    for mode in ("each", "bundle"):
        files = course(built, mode)
        rows = [{c.tag: c.text or "" for c in row} for row in etree.fromstring(files["files.xml"]).iterfind("file")]
        for activity in activities(files):
            zip_bytes = built[mode][activity.findtext("reference")].read_bytes()
            package = files[mbz.pool_path(activity.findtext("sha1hash"))]
            assert package == zip_bytes
            with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
                members = {name: zf.read(name) for name in zf.namelist()}
            context = next(r["contextid"] for r in rows if r["filename"] == activity.findtext("reference"))
            content = {r["filepath"][1:] + r["filename"]: files[mbz.pool_path(r["contenthash"])] for r in rows
                       if r["filearea"] == "content" and r["filename"] != "." and r["contextid"] == context}
            assert content == members  # Moodle's player serves these, unpacked


def test_a_unit_without_scored_questions_completes_on_completed(tmp_path):
    units = tmp_path / "units"
    shutil.copytree(TINY, units / "tiny")
    for lang in ("en", "de"):
        page = units / "tiny" / f"{lang}.md"
        page.write_text(page.read_text("utf-8").replace("[question: colour]\n", "").replace("[question: pairs]\n", ""))
    questions = units / "tiny" / "questions.yaml"
    text = questions.read_text("utf-8")
    questions.write_text(text[text.index("- id: note"):], "utf-8")  # the free-text question alone
    assert not load_unit(units / "tiny").scored_questions
    build(units, tmp_path / "dist", targets=["moodle"])
    files = unpack(tmp_path / "dist" / "tiny-en+de-0.1.0-moodle.mbz")
    assert [a.findtext("completionstatusrequired") for a in activities(files)] == ["4", "4"]
    assert "masteryscore" not in files["activities/scorm_1/scorm.xml"].decode()


def test_languages_with_one_title_are_told_apart_by_their_names(tmp_path):
    units = tmp_path / "units"
    shutil.copytree(TINY, units / "tiny")
    unit_yaml = units / "tiny" / "unit.yaml"
    unit_yaml.write_text(unit_yaml.read_text("utf-8").replace("de: Eine kleine Einheit", "de: A tiny unit"), "utf-8")
    build(units, tmp_path / "dist", targets=["moodle"])
    names = [a.findtext("name") for a in activities(unpack(tmp_path / "dist" / "tiny-en+de-0.1.0-moodle.mbz"))]
    assert names == ["A tiny unit (English)", "A tiny unit (Deutsch)"]


def test_author_text_reaches_moodle_as_text_not_markup(tmp_path):
    """A description with markup and restore's own link markers: escaped, and no '@' left for the decoder."""
    units = tmp_path / "units"
    shutil.copytree(TINY, units / "tiny")
    unit_yaml = units / "tiny" / "unit.yaml"
    hostile = "<script>alert(1)</script> $@SCORMVIEWBYID*1@$ @@PLUGINFILE@@/x & co"
    unit_yaml.write_text(unit_yaml.read_text("utf-8").replace(
        "en: The smallest unit the tests start from.", f"en: {hostile!r}"), "utf-8")
    build(units, tmp_path / "dist", targets=["moodle"])
    files = unpack(tmp_path / "dist" / "tiny-en+de-0.1.0-moodle.mbz")
    intro = activities(files)[0].findtext("intro")
    assert intro == ('<p lang="en">&lt;script&gt;alert(1)&lt;/script&gt; $&#64;SCORMVIEWBYID*1&#64;$ '
                     '&#64;&#64;PLUGINFILE&#64;&#64;/x &amp; co</p>')
    assert "@" not in etree.fromstring(files["course/course.xml"]).findtext("summary")


# ---- The container, read as Moodle's own archive reader reads it ----

def test_the_model_of_moodles_archive_reader_reads_moodles_own_backup(fixture_files):
    """tests/support/moodle_tgz.py against the backup Moodle 4.5.6 wrote: every file, byte for byte,
    and a header without the ustar magic refused as Moodle refuses it."""
    extracted = moodle_tgz.extract(FIXTURE.read_bytes())
    assert {path: data for path, data in extracted.items() if data is not None} == fixture_files
    assert "activities/scorm_44/" in extracted and extracted["activities/scorm_44/"] is None
    raw = bytearray(gzip.decompress(FIXTURE.read_bytes()))
    raw[257:263] = b"pax\0\0\0"
    with pytest.raises(moodle_tgz.NotUstar):
        moodle_tgz.extract(gzip.compress(bytes(raw)))


@pytest.mark.parametrize("kind", ["course", "activity"])
def test_moodles_archive_reader_takes_every_file_and_folder_of_ours(built, kind):
    path = next(p for n, p in built["each"].items() if n.endswith(f"-moodle{'-activity' if kind == 'activity' else ''}.mbz"))
    extracted = moodle_tgz.extract(path.read_bytes())
    assert {p: d for p, d in extracted.items() if d is not None} == unpack(path)
    folders = {p for p, d in extracted.items() if d is None}
    assert folders == {"/".join(f.split("/")[:depth]) + "/" for f in unpack(path) for depth in range(1, f.count("/") + 1)}
    index = extracted[".ARCHIVE_INDEX"].decode("ascii").splitlines()
    assert index[0] == f"Moodle archive file index. Count: {len(extracted) - 1}"
    assert [line.split("\t")[0] for line in index[1:]] == list(extracted)[1:]


def test_the_container_is_a_plain_ustar_tar_gz(built):
    path = next(p for n, p in built["each"].items() if n.endswith("-moodle.mbz"))
    assert path.read_bytes()[:2] == b"\x1f\x8b"  # mbz_packer: gzip magic, else it would try a zip
    with tarfile.open(path, "r:gz") as tar:
        members = tar.getmembers()
        main = tar.extractfile("moodle_backup.xml").read()
    assert members[0].name == ".ARCHIVE_INDEX"
    assert all(m.type in (tarfile.REGTYPE, tarfile.DIRTYPE) and not m.pax_headers and m.uname == "" for m in members)
    # restore recognises the format from these first bytes (convert_helper::detect_moodle2_format)
    assert main.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<moodle_backup>\n  <information>')
