"""Issue 11: no host file enters a package: symlinked media, link chains, files that are no
pictures, active SVG, image names as authors write them. Each asserts what the user sees: the
message, the exit code, what was (not) written."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tests.support.tiny import edit, qser, unit  # noqa: F401  (unit: fixture)

# ---- no host file enters a package ----

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
