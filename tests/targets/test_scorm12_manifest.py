"""SCORM 1.2 packages as files: the manifest against the official schema, listing exactly the files
of the zip, and the interaction table beside the zip for the trainer."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from builder.build import build
from builder.questiontypes.notation import notation
from tests.conftest import UNITS
from tests.support.scorm_schemas import scorm12_schema
from tests.support.scorm_session import ADLCP, IMSCP

LETTERS_TEXT = "abcdefghijklmnopqrstuvwxyz"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_manifest_validates_and_lists_exactly_the_files_of_the_zip(dist, seed_unit, lang):
    with zipfile.ZipFile(dist[(lang, "scorm12")]) as zf:
        names = set(zf.namelist())
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    schema = scorm12_schema()
    assert schema.validate(manifest), schema.error_log
    listed = {f.get("href") for f in manifest.iter(f"{IMSCP}file")}
    assert listed == names - {"imsmanifest.xml"}
    assert manifest.find(f".//{ADLCP}masteryscore").text == str(seed_unit.mastery_score)
    resource = manifest.find(f".//{IMSCP}resource")
    assert resource.get(f"{ADLCP}scormtype") == "sco" and resource.get("href") == "index.html"


def test_the_interaction_table_beside_the_zip_names_ids_letters_and_texts(tmp_path, seed_unit):
    build(UNITS, tmp_path,
          [seed_unit.id], ["de"], ["scorm12"])
    table = (tmp_path / f"{seed_unit.id}-de-{seed_unit.version}-scorm12-questions.html").read_text("utf-8")
    single = next(q for q in seed_unit.questions.values() if q.type == "single-choice")
    assert f"<code>{single.id}</code>" in table and single.prompt["de"] in table
    for i, choice in enumerate(single.choices):
        assert f"<li>{LETTERS_TEXT[i]} = {choice.text['de']}</li>" in table
    assert f"<code>{notation(single, 'scorm12', 'de')['pattern']}</code>" in table


def test_the_schema_check_catches_a_broken_manifest(dist):
    with zipfile.ZipFile(dist[("en", "scorm12")]) as zf:
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    manifest.find(f".//{IMSCP}resource").set(f"{ADLCP}scormtype", "lesson")
    assert not scorm12_schema().validate(manifest)
