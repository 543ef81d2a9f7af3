"""Write the image that link previews show for every page (og:image).

Social networks and messengers show a picture next to a shared link; without
one they pick something at random or show an empty box. This draws a plain
typographic card in the site's colours - the site's name and what the RDZ
was - with no photo and no logo, so it claims nothing the source does not.

Output: ``static/img/share.png``, 1200 × 630 px (the size the Open Graph
consumers expect), referenced by ``templates/base.html``.

Run from the repository root::

    .venv/bin/python scripts/make_share_image.py
"""

from pathlib import Path

from make_funding_logo import ACCENT, INK, MUTED, WHITE, fit
from PIL import Image, ImageDraw

OUTPUT = Path(__file__).resolve().parent.parent / "static" / "img" / "share.png"
SIZE = (1200, 630)


def main():
    image = Image.new("RGB", SIZE, WHITE)
    draw = ImageDraw.Draw(image)
    left, width = 96, SIZE[0] - 2 * 96
    draw.rectangle((0, 0, SIZE[0], 24), fill=ACCENT)
    draw.rectangle((left - 40, 150, left - 28, 470), fill=ACCENT)
    lines = (  # (text, y, largest font size, bold, colour)
        ("RDZ Altmarkkreis Salzwedel", 150, 72, True, INK),
        ("Regionales Digitalisierungszentrum", 262, 48, False, INK),
        ("Juli 2019 – Juni 2021", 340, 40, False, MUTED),
        ("Regional Digitalisation Centre", 420, 40, False, ACCENT),
    )
    for text, y, size, bold, colour in lines:
        draw.text((left, y), text, font=fit(draw, text, size, width, bold), fill=colour)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    image = image.quantize(colors=16)
    image.save(OUTPUT, "PNG", optimize=True)
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
