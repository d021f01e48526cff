"""The files part of loading a unit: a source is a small, regular, readable UTF-8 file inside the
unit folder, and a YAML source holds something (an empty one and an unreadable one say so apart)."""

from __future__ import annotations

import stat
from pathlib import Path

import yaml

from .. import guide
from .limits import MAX_YAML_DEPTH, control_char, too_deep
from .yamlsource import parse

MAX_SOURCE_BYTES = 1_000_000


class SourcesMixin:
    """Part of _UnitLoader (builder/load/loader.py): uses its folder and problems."""

    def read_text(self, path: Path, required: bool = True) -> str | None:
        if not path.exists():
            if required:
                self.problems.add(path, None, "file is missing",
                                  f"create {path.name} (see {guide()})")
            return None
        if path.is_symlink() and not path.resolve().is_relative_to(self.folder.resolve()):
            self.problems.add(path, None, "is a link to a file outside the unit folder",
                              "copy the file into the unit folder instead of linking to it")
            return None
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                self.problems.add(path, None, "is not a regular file (a folder, a pipe or a device)",
                                  f"make {path.name} a plain text file")
                return None
            size = info.st_size
            if size > MAX_SOURCE_BYTES:
                self.problems.add(path, None, f"file is too large ({size} bytes, at most {MAX_SOURCE_BYTES})",
                                  "split the unit, or check that this is the right file")
                return None
            data = path.read_bytes()
        except OSError as e:
            self.problems.add(path, None, f"cannot be read ({e.strerror or e})",
                              "check that the file exists and that you may read it")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data[: e.start].count(b"\n") + 1
            self.problems.add(path, line, "is not UTF-8 text",
                              "save the file with UTF-8 encoding in your editor")
            return None
        text = text.removeprefix("\ufeff").replace("\r\n", "\n")
        for number, line in enumerate(text.split("\n"), start=1):
            bad = control_char(line)
            if bad:
                self.problems.add(path, number, f"holds the control character {bad}",
                                  "delete it (it is invisible in most editors; retype the line)")
                return None
        return text

    def read_yaml(self, path: Path, required: bool = True):
        text = self.read_text(path, required)
        if text is None:
            return None
        try:
            data = parse(text)
        except RecursionError:
            self.problems.add(path, None, "nests too deeply", "a unit's YAML needs only a few levels of indentation")
            return None
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            line = mark.line + 1 if mark else None
            what = getattr(e, "problem", None) or str(e)
            typed = text.split("\n")[mark.line] if mark and mark.line < len(text.split("\n")) else ""
            if "\t" in typed[:len(typed) - len(typed.lstrip())] or "tab character" in what:
                self.problems.add(path, line, "is not valid YAML: a tab indents this line, and YAML indents "
                                  "with spaces only", "replace the tab with spaces (your editor may show "
                                  "tabs as spaces: retype the indentation)")
                return None
            self.problems.add(path, line, f"is not valid YAML: {what}",
                              "check indentation and quoting near this line")
            return None
        if data is None:
            self.problems.add(path, None, "is empty (nothing but blank lines or comments)",
                              f"write its content (see {guide()}), or delete the file if it is optional")
            return None
        deep = too_deep(data)
        if deep is not None:
            self.problems.add(path, deep or None, f"nests more than {MAX_YAML_DEPTH} levels deep",
                              "a unit's YAML needs only a few levels of indentation")
            return None
        return data
