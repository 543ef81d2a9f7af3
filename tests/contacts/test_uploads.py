"""Uploaded photos: only real JPEG, PNG and WebP images within the limits
are accepted; they are stored re-encoded, without EXIF/GPS, at most 1200
pixels on the longer side. Anything else is a form error in the admin, and
the photo stored before stays."""

import io
import os
from functools import cache
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from contacts.images import MAX_EDGE, clean_image, validate_image
from contacts.models import Contact

GPS_IFD = 0x8825


def image_bytes(size=(2400, 1600), image_format="JPEG", mode="RGB", gps=False, **options):
    image = Image.new(mode, size, "white" if mode != "1" else 1)
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "Kamera-Hersteller"  # Make
        exif[0x0131] = "Bildbearbeitung 1.0"  # Software
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 51.0, 0.0), 3: "E", 4: (11.0, 9.0, 0.0)})
        options["exif"] = exif
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


@cache
def bomb_png():
    """12000 × 12000 pixels (144 megapixels) in a few kilobytes."""
    return image_bytes((12000, 12000), "PNG", mode="1", optimize=True)


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def error_codes(file):
    with pytest.raises(Exception) as raised:
        validate_image(file)
    return [error.code for error in raised.value.error_list]


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("foto.jpg", lambda: image_bytes(image_format="PNG"), "extension"),
        ("foto.svg", lambda: SVG, "svg"),
        ("foto.png", lambda: SVG, "svg"),
        ("foto.png", bomb_png, "too_many_pixels"),
        ("foto.png", lambda: image_bytes((6000, 5000), "PNG", mode="1"), "too_many_pixels"),
        ("foto.jpg", lambda: b"Das ist kein Bild, nur Text.\n" * 10, "invalid"),
        ("foto.gif", lambda: image_bytes((20, 20), "GIF", mode="P"), "format"),
        ("foto.jpg", lambda: image_bytes()[:2000], "invalid"),
    ],
)
def test_bad_files_are_refused(name, data, code):
    assert error_codes(upload(name, data())) == [code]


def test_oversized_file_is_refused_before_it_is_decoded():
    noise = Image.frombytes("RGB", (1500, 1500), os.urandom(1500 * 1500 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="BMP")
    data = buffer.getvalue()
    assert len(data) > 5 * 1024 * 1024
    assert error_codes(upload("foto.png", data)) == ["too_big"]


def test_jpeg_is_stored_without_exif_and_gps_and_scaled_down():
    original = image_bytes(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    cleaned = clean_image(upload("Portrait Müller.JPG", original), "Portrait Müller.JPG")
    assert cleaned.name == "Portrait Müller.jpg"
    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == "JPEG"
    assert image.size == (MAX_EDGE, 800)
    assert not image.getexif()
    assert "exif" not in image.info
    assert b"Kamera-Hersteller" not in cleaned.file.getvalue()


@pytest.mark.parametrize(("name", "image_format"), [("bild.png", "PNG"), ("bild.webp", "WEBP")])
def test_png_and_webp_are_accepted_and_keep_their_format(name, image_format):
    options = {"exif": Image.Exif()} if image_format == "WEBP" else {}
    cleaned = clean_image(upload(name, image_bytes((300, 200), image_format, **options)), name)
    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == image_format
    assert image.size == (300, 200)


# Through the admin --------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def contact_with_photo(content, media):
    contact = Contact.objects.first()
    contact.photo = upload("vorher.jpg", image_bytes((400, 300)))
    contact.save()
    return Contact.objects.get(pk=contact.pk)


def form_data(user, contact, photo=None):
    """The admin change form's data as the browser would send it."""
    request = RequestFactory().get("/")
    request.user = user
    form = admin.site.get_model_admin(Contact).get_form(request, contact)(instance=contact)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name == "photo" or value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    if photo is not None:
        data["photo"] = photo
    return data


def test_admin_refuses_a_bad_photo_and_keeps_the_stored_one(
    admin_client, admin_user, contact_with_photo, media
):
    before = contact_with_photo.photo.name
    assert (media / before).exists()
    url = reverse("admin:contacts_contact_change", args=[contact_with_photo.pk])
    for name, data in (("boese.svg", SVG), ("bombe.png", bomb_png()), ("text.jpg", b"kein Bild")):
        response = admin_client.post(
            url, form_data(admin_user, contact_with_photo, upload(name, data))
        )
        assert response.status_code == 200, name
        html = response.content.decode()
        assert 'class="errorlist' in html, name
        contact_with_photo.refresh_from_db()
        assert contact_with_photo.photo.name == before
        assert (media / before).exists()


def test_admin_stores_a_good_photo_cleaned(admin_client, admin_user, contact_with_photo, media):
    url = reverse("admin:contacts_contact_change", args=[contact_with_photo.pk])
    data = form_data(
        admin_user, contact_with_photo, upload("neu.jpeg", image_bytes((3000, 2000), gps=True))
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    contact_with_photo.refresh_from_db()
    stored = Path(contact_with_photo.photo.path)
    assert stored.name.startswith("neu") and stored.suffix == ".jpg"
    image = Image.open(stored)
    assert image.size == (MAX_EDGE, 800)
    assert not image.getexif()
