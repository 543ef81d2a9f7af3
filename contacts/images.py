"""Checks and cleans uploaded photos (Contact.photo, the site's only upload).

An upload is accepted only if Pillow recognises it as JPEG, PNG or WebP, its
name ends in an extension of that format, and it is at most MAX_BYTES and
MAX_PIXELS big. Decompression bombs, SVG (a script container) and anything
Pillow can't decode are refused with a form error. What is accepted is
decoded and encoded again: EXIF (with GPS position and camera serial) and
other metadata are left behind, the orientation is applied to the pixels and
the image is scaled down to at most MAX_EDGE pixels on its longer side.
"""

import io
import warnings
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000
MAX_EDGE = 1200
# Pillow's name of the format -> extensions a file of that format may have.
FORMATS = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
}
JPEG_QUALITY = 85


def _error(message, code, **params):
    return ValidationError(message, code=code, params=params)


def _open(file):
    """Open the image with Pillow, turning its decompression-bomb warning into
    an error too; the caller's checks must never rely on warnings."""
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(file)


def validate_image(value):
    """Model field validator: raises ValidationError unless `value` (an
    uploaded file or a FieldFile) is an image we accept. A photo that is
    already stored is not checked again."""
    if getattr(value, "_committed", False):
        return
    file = getattr(value, "file", value)
    name = PurePath(getattr(value, "name", "") or "").name
    extension = PurePath(name.lower()).suffix
    size = getattr(value, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    if size > MAX_BYTES:
        raise _error(
            _("The file is too big (%(size)s). At most %(limit)s are allowed."),
            "too_big",
            size=filesizeformat(size),
            limit=filesizeformat(MAX_BYTES),
        )
    file.seek(0)
    head = file.read(512).lstrip().lower()
    if (
        extension == ".svg"
        or head.startswith((b"<?xml", b"<svg", b"<!doctype svg"))
        or b"<svg" in head
    ):
        raise _error(
            _("SVG files are not accepted. Please upload a JPEG, PNG or WebP image."), "svg"
        )
    try:
        with _open(file) as image:
            image_format = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _error(
                    _(
                        "The image has too many pixels (%(width)s × %(height)s). "
                        "At most %(limit)s megapixels are allowed."
                    ),
                    "too_many_pixels",
                    width=width,
                    height=height,
                    limit=MAX_PIXELS // 1_000_000,
                )
            if image_format not in FORMATS:
                raise _error(
                    _("Only JPEG, PNG and WebP images are accepted."),
                    "format",
                )
            if extension not in FORMATS[image_format]:
                raise _error(
                    _(
                        "The file is a %(format)s image, but its name ends in “%(extension)s”. "
                        "Please upload it with the extension %(expected)s."
                    ),
                    "extension",
                    format=image_format,
                    extension=extension or "–",
                    expected=FORMATS[image_format][0],
                )
            # Decode it all: a truncated or corrupt file fails here, not later.
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _error(
            _("The image has too many pixels. At most %(limit)s megapixels are allowed."),
            "too_many_pixels",
            limit=MAX_PIXELS // 1_000_000,
        ) from error
    except Exception as error:  # Pillow raises many kinds for broken files
        raise _error(
            _(
                "The file is not an image that can be read. "
                "Please upload a JPEG, PNG or WebP image."
            ),
            "invalid",
        ) from error
    finally:
        file.seek(0)


def clean_image(file, name):
    """Validate `file` and return it re-encoded as a new ContentFile named
    after `name` (with the extension of its real format): no metadata but
    the colour profile, at most MAX_EDGE pixels on the longer side."""
    validate_image(file)
    with _open(file) as original:
        image_format = original.format
        icc_profile = original.info.get("icc_profile")
        if image_format == "JPEG":
            # Let the decoder scale down a big JPEG right away (cheap).
            original.draft("RGB", (MAX_EDGE, MAX_EDGE))
        image = ImageOps.exif_transpose(original)
    if image.mode == "P":
        # Palette images would be scaled without smoothing; and RGBA keeps
        # a transparent background.
        image = image.convert("RGBA")
    image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    options = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        options.update(quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif image_format == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        options.update(optimize=True)
    else:  # WEBP
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.mode else "RGB")
        options.update(quality=JPEG_QUALITY)
    # A fresh image without .info: nothing of the original's metadata (EXIF,
    # XMP, PNG text chunks, comments) is written back.
    image = _strip(image)
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    stem = PurePath(name).stem or "photo"
    return ContentFile(buffer.getvalue(), name=stem + FORMATS[image_format][0])


def _strip(image):
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean
