"""The editors' guide (docs/redaktion.md): every picture it shows is there,
small enough for the repository, and none lies around unused."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "redaktion.md"
IMAGES = ROOT / "docs" / "img"


def shown():
    return set(re.findall(r"!\[[^\]]+\]\(img/([^)]+\.png)\)", GUIDE.read_text(encoding="utf-8")))


def test_every_picture_of_the_guide_is_there_and_small():
    names = shown()
    assert len(names) >= 10
    for name in names:
        path = IMAGES / name
        assert path.is_file(), name
        assert path.stat().st_size < 150 * 1024, name
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name


def test_no_picture_lies_around_unused():
    assert {path.name for path in IMAGES.glob("*.png")} == shown()


def test_the_readme_links_the_guide():
    assert "(docs/redaktion.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
