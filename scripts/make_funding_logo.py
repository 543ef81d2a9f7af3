"""Write the stand-in for the state's "#moderndenken" funding logo.

Why this exists: the source page shows the funding logo of the State of
Saxony-Anhalt (``Förderlogo_LSA_moderndenken.jpg``). The official file is
not available to this project, and imitating its artwork would be wrong, so
this script draws a plainly typographic placeholder instead: white
background, the words "Gefördert durch das Land Sachsen-Anhalt",
"#moderndenken" and a visible "Platzhalter" note, so nobody mistakes it for
the official logo.

Output: ``static/img/foerderlogo_lsa_moderndenken.jpg``, 480 × 192 px (the
templates show it at 240 × 96 CSS px, i.e. 2× for sharp high-density
screens), a small progressive JPEG.

Run from the repository root::

    .venv/bin/python scripts/make_funding_logo.py

Replacing it with the official file (docs/deployment.md, "The funding
logo"): ask the funding body (the state ministry responsible for the RDZ
programme) for the official JPEG, save it at the same path,
``static/img/foerderlogo_lsa_moderndenken.jpg``, and in the same change
switch the alt text in ``templates/includes/funding_logo.html`` from the
stand-in's to the official one. If the file's ratio differs from 5:2, adjust
the ``width``/``height`` attributes there too (keep the height at about 96
CSS px). Do not run this script again: it would overwrite the official file.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUTPUT = (
    Path(__file__).resolve().parent.parent / "static" / "img" / "foerderlogo_lsa_moderndenken.jpg"
)
SIZE = (480, 192)
# Written into the JPEG's comment segment (COM).
STAND_IN_MARKER = b"RDZ stand-in, not the official funding logo"

WHITE = (255, 255, 255)
INK = (26, 31, 36)  # the site's text colour
ACCENT = (10, 76, 106)  # the site's accent colour
MUTED = (84, 93, 102)

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)


def font(size, bold=False):
    """DejaVu Sans (Bold) where it is installed, else Pillow's own font."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        try:
            return ImageFont.truetype(str(folder / name), size)
        except OSError:
            continue
    try:
        return ImageFont.truetype(name, size)  # anywhere on the font path
    except OSError:
        return ImageFont.load_default(size=size)


def fit(draw, text, size, max_width, bold=False):
    """The largest font up to ``size`` at which ``text`` fits ``max_width``."""
    while size > 8:
        candidate = font(size, bold)
        if draw.textlength(text, font=candidate) <= max_width:
            return candidate
        size -= 1
    return font(size, bold)


def main():
    image = Image.new("RGB", SIZE, WHITE)
    draw = ImageDraw.Draw(image)
    left, right = 36, SIZE[0] - 20
    width = right - left

    # A plain accent bar on the left: a typographic layout, not a logo mark.
    draw.rectangle((16, 20, 23, SIZE[1] - 20), fill=ACCENT)

    lines = (  # (text, y, largest font size, bold, colour)
        ("Gefördert durch das", 24, 24, False, INK),
        ("Land Sachsen-Anhalt", 54, 30, True, INK),
        ("#moderndenken", 96, 40, True, ACCENT),
        ("Platzhalter – nicht das offizielle Förderlogo", 150, 20, False, MUTED),
    )
    for text, y, size, bold, colour in lines:
        draw.text((left, y), text, font=fit(draw, text, size, width, bold), fill=colour)

    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    # The marker by which the tests tell the stand-in from the official file:
    # while it is there, the logo's alt text must say it is a stand-in.
    image.save(OUTPUT, "JPEG", quality=80, optimize=True, progressive=True, comment=STAND_IN_MARKER)
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
