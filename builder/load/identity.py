"""One identity per unit: no two units publish the same xAPI activity ids.

A unit's activity ids all start with its `xapi_base` (the unit, its pages and questions, its
packages per language). Two units whose bases are the same, or one inside the other, can send
statements about the same activity, and an LRS report mixes their learners. That happens when a
unit folder is copied and only `id:` is changed; or when a unit was renamed and its old xAPI or
cmi5 packages are still in dist/. `check` and `build` refuse both.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from ..errors import Problems
from ..model import Unit
from .yamlsource import Map, parse

BUILT_WITH_IDS = ("-xapi.zip", "-cmi5.zip")  # the packages whose manifests name activity ids


def check_identities(units_dir: Path, units: list[Unit], built_into: Path | None) -> None:
    """Raise UnitError when a loaded unit's activity ids can coincide with another unit's in the
    project, or with those of another unit's package already in `built_into` (dist/)."""
    problems = Problems()
    units_dir = Path(units_dir)
    others = _declared_bases(units_dir)
    loaded = {u.id for u in units}
    for unit in units:
        file, line = _where(units_dir, unit.id, others)
        for other_id, (base, other_line) in sorted(others.items()):
            if other_id == unit.id or (other_id in loaded and _blamed(other_id, base, unit.id, unit.xapi_base)):
                continue  # a pair is reported once, on the unit that looks like the copy
            relation = _relation(unit.xapi_base, base)
            if relation:
                problems.add(file, line, f"xapi_base {unit.xapi_base} {relation} of unit '{other_id}' "
                             f"({units_dir / other_id / 'unit.yaml'}:{other_line}): the two units' activity ids "
                             "coincide and an LRS would mix their learners' records",
                             f"give each unit its own xapi_base, e.g. xapi_base: {suggest(unit.xapi_base, base, unit.id)}")
        if built_into is not None:
            for zip_path, other_id, base in _built(Path(built_into), unit):
                problems.add(file, line, f"xapi_base {unit.xapi_base} {_relation(unit.xapi_base, base) or 'is the xapi_base'}"
                             f" of unit '{other_id}', already built into {zip_path}: an LRS would mix the two units' "
                             "records", f"give this unit its own xapi_base, e.g. xapi_base: "
                             f"{suggest(unit.xapi_base, base, unit.id)}; if this unit was '{other_id}' before, "
                             f"delete {other_id}'s packages from {zip_path.parent}")
    problems.raise_if_any()


def _blamed(a_id: str, a_base: str, b_id: str, b_base: str) -> bool:
    """Of two units with coinciding ids, whether unit a is the one to change: the one whose base
    does not end in its own id (the copy of a folder keeps the original's base), else the one
    whose base lies inside the other's, else the later id."""
    a_own, b_own = normal(a_base).endswith("/" + a_id), normal(b_base).endswith("/" + b_id)
    if a_own != b_own:
        return b_own
    if normal(a_base) != normal(b_base):  # one inside the other: the inner one is the newcomer
        return len(normal(a_base)) > len(normal(b_base))
    return a_id > b_id


def normal(base: str) -> str:
    """An IRI base as compared: scheme and host in lower case, no trailing slash."""
    parts = urlsplit(base.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}"


def _relation(mine: str, theirs: str) -> str | None:
    a, b = normal(mine), normal(theirs)
    if a == b:
        return "is also the xapi_base"
    if a.startswith(b + "/"):
        return f"lies inside {theirs}, the xapi_base"
    if b.startswith(a + "/"):
        return f"holds {theirs}, the xapi_base"
    return None


def suggest(base: str, theirs: str, unit_id: str) -> str:
    """A base of this unit's own: the other's with this unit's id as its last part."""
    parts = urlsplit(base.rstrip("/"))
    path = parts.path.rsplit("/", 1)[0] if "/" in parts.path.strip("/") else ""
    mine = f"{parts.scheme}://{parts.netloc}{path}/{unit_id}"
    if _relation(mine, theirs):
        mine = f"{parts.scheme}://{parts.netloc}/units/{unit_id}"
    return mine


def _declared_bases(units_dir: Path) -> dict[str, tuple[str, int]]:
    """unit folder -> (xapi_base, its line) of every unit.yaml in the project, read leniently:
    a unit that does not load is still someone's identity."""
    bases = {}
    for folder in sorted(p for p in units_dir.iterdir() if (p / "unit.yaml").is_file()):
        try:
            meta = parse((folder / "unit.yaml").read_text("utf-8"))
        except Exception:  # noqa: BLE001  (any unreadable file: its own check reports it)
            continue
        if isinstance(meta, Map) and isinstance(meta.get("xapi_base"), str):
            bases[folder.name] = (meta["xapi_base"].rstrip("/"), meta.key_line("xapi_base"))
    return bases


def _where(units_dir: Path, unit_id: str, declared: dict) -> tuple[Path, int | None]:
    return units_dir / unit_id / "unit.yaml", declared.get(unit_id, (None, None))[1]


def _built(dist: Path, unit: Unit) -> list[tuple[Path, str, str]]:
    """(zip, unit id, its xapi_base) of packages in `dist` made from another unit with ids that
    coincide with `unit`'s."""
    found = []
    try:
        zips = sorted(p for p in dist.iterdir() if p.name.endswith(BUILT_WITH_IDS))
    except OSError:
        return []
    mine = normal(unit.xapi_base)
    for path in zips:
        try:
            with zipfile.ZipFile(path) as zf:
                ids = _activity_ids(zf)
                clash = next((i for i in ids if i == mine or i.startswith(mine + "/") or mine.startswith(i + "/")),
                             None)
                if clash is None:
                    continue
                data = _unit_data(zf)
        except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError, KeyError):
            continue  # not one of ours, or damaged: `qser validate` is the place to say so
        other = data.get("unit", {}).get("id") if isinstance(data.get("unit"), dict) else None
        base = (data.get("tracker") or {}).get("group", {}).get("id") or clash
        if other and other != unit.id:
            found.append((path, other, base))
    return found


def _activity_ids(zf: zipfile.ZipFile) -> list[str]:
    """The activity ids a package's manifest names, normalised; a question's id (`.../questions/x`)
    also gives the base before it."""
    names = zf.namelist()
    ids = []
    if "tincan.xml" in names:
        root = etree.fromstring(zf.read("tincan.xml"), etree.XMLParser(resolve_entities=False, no_network=True))
        ids = [a.get("id", "") for a in root.iter("{*}activity")]
        ids += [i.split("/questions/")[0] for i in ids if "/questions/" in i]
    elif "cmi5.xml" in names:
        root = etree.fromstring(zf.read("cmi5.xml"), etree.XMLParser(resolve_entities=False, no_network=True))
        ids = [e.get("id", "") for e in root.iter("{*}au")]
    return [normal(i) for i in ids if i]


def _unit_data(zf: zipfile.ZipFile) -> dict:
    """The player's data in index.html: the unit's id and the base its statements group under."""
    page = zf.read("index.html").decode("utf-8", "replace")
    m = re.search(r'<script type="application/json" id="unit-data">(.*?)</script>', page, re.S)
    data = json.loads(m[1]) if m else {}
    return data if isinstance(data, dict) else {}
