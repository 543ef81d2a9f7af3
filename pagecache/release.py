"""The release a server runs, as a short hash that is part of every cache key.

A page rendered by one release is never served by another: during a rolling
release old and new servers share the cache (and the content version) but
not their entries, and after it nobody has to empty the cache by hand.

The hash covers what a page is made of besides the content: the Python code
of the project's own apps, the installed distributions and their versions,
the templates, the compiled message catalogues and the static files'
manifest (which names each file by the hash of its content). It is computed
once per process, on first use, and again when a test changes the settings
it depends on.
"""

import hashlib
import importlib.metadata
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

DEPENDS_ON = {"TEMPLATES", "STATIC_ROOT", "LOCALE_PATHS", "INSTALLED_APPS", "PAGE_CACHE_RELEASE"}


def _own_app_dirs():
    """The folders of installed apps that belong to this project, not to a
    distribution (those count by their version)."""
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            yield path


def _files():
    """(label, path) of every file that makes up the release, in a fixed order."""
    folders = []
    for path in _own_app_dirs():
        folders += [(path, "*.py"), (path / "templates", "*"), (path / "locale", "*.mo")]
    for backend in settings.TEMPLATES:
        folders += [(Path(folder), "*") for folder in backend.get("DIRS", ())]
    folders += [(Path(folder), "*.mo") for folder in settings.LOCALE_PATHS]
    for folder, pattern in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob(pattern)):
                if path.is_file() and "__pycache__" not in path.parts:
                    yield str(path.relative_to(folder)), path
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        yield "staticfiles.json", manifest


@cache
def release():
    """A short hash of this server's release, or PAGE_CACHE_RELEASE if set
    (e.g. a git commit named by the deployment)."""
    if named := getattr(settings, "PAGE_CACHE_RELEASE", ""):
        return named
    digest = hashlib.sha256()
    for distribution in sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    ):
        digest.update(distribution.encode() + b"\n")
    for label, path in _files():
        digest.update(label.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@receiver(setting_changed)
def _forget_release(setting, **kwargs):
    if setting in DEPENDS_ON:
        release.cache_clear()
