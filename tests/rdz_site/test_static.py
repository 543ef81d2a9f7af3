"""Static files are hashed, precompressed and cached for ever; pages are
compressed too; a first visit stays small."""

import gzip
import re

import brotli
import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.management import call_command

PROJECT_PAGE = "/projekte/regionales-digitalisierungszentrum/"
ASSET = re.compile(r'<(?:link|img)\b[^>]*?(?:href|src)="(/static/[^"]+)"')


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic with the production storage into a temporary folder. Only
    the site's own files: Django's admin and the vendored jQuery UI would add
    ten seconds of compression and tell nothing about the public pages."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["vendor"])
    return tmp_path


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_collectstatic_writes_hashed_and_compressed_files(collected):
    for name in ("css/site.css", "favicon.svg"):
        hashed = staticfiles_storage.stored_name(name)
        assert re.search(r"\.[0-9a-f]{12}\.", hashed), hashed
        original = (collected / hashed).read_bytes()
        assert gzip.decompress((collected / f"{hashed}.gz").read_bytes()) == original
        assert brotli.decompress((collected / f"{hashed}.br").read_bytes()) == original
    # JPEGs are compressed already; whitenoise rightly leaves them alone.
    logo = staticfiles_storage.stored_name("img/foerderlogo_lsa_moderndenken.jpg")
    assert (collected / logo).exists()
    assert not (collected / f"{logo}.gz").exists()


def test_hashed_files_are_cached_for_ever_and_served_compressed(client, collected):
    url = staticfiles_storage.url("css/site.css")
    response = client.get(url, headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert "Accept-Encoding" in response["Vary"]
    plain = (collected / staticfiles_storage.stored_name("css/site.css")).read_bytes()
    assert brotli.decompress(body(response)) == plain


def test_pages_reference_hashed_files(client, content, collected):
    html = client.get("/").content.decode()
    assets = ASSET.findall(html)
    assert staticfiles_storage.url("css/site.css") in assets
    assert all(re.search(r"\.[0-9a-f]{12}\.", url) for url in assets), assets


@pytest.mark.parametrize("url", ["/", "/en/", PROJECT_PAGE])
def test_uncached_pages_are_compressed_too(client, content, url):
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(response.content)


@pytest.mark.parametrize("url", ["/", "/en/", PROJECT_PAGE])
def test_whole_first_visit_is_at_most_60_kb(client, content, collected, settings, url):
    """HTML, stylesheet, logo and favicon as a browser receives them."""
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    headers = {"accept-encoding": "gzip, deflate, br"}
    page = client.get(url, headers=headers)
    assert page.status_code == 200
    html = brotli.decompress(page.content).decode()
    assets = set(ASSET.findall(html))
    wanted = {
        staticfiles_storage.url(name)
        for name in ("css/site.css", "favicon.svg", "img/foerderlogo_lsa_moderndenken.jpg")
    }
    assert wanted <= assets
    sizes = {url: len(page.content)}
    for asset in sorted(assets):
        response = client.get(asset, headers=headers)
        assert response.status_code == 200, asset
        sizes[asset] = len(body(response))
    cache.clear()
    assert sum(sizes.values()) <= 60 * 1024, sizes
