"""The Nu HTML Checker (vnu) finds no error in any page's HTML."""

import json
import subprocess

import pytest

from .checks import unavailable_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def validate(jar, documents, directory):
    """Run vnu once over {label: html} (the JVM starts slowly); return one
    line per error."""
    labels = {}
    for n, (label, html) in enumerate(documents.items()):
        path = directory / f"page-{n:03}.html"
        path.write_text(html, encoding="utf-8")
        labels[path.name] = label
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            *sorted(map(str, directory.iterdir())),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    return [
        f"{labels.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}"
        f":{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
        if m["type"] != "info"
    ]


BROKEN = "<!doctype html><title>t</title><div><span></div>"


def test_every_page_is_valid_html(site, vnu_jar, form_runs, tmp_path):
    documents = {page.path: page.html for page in site.pages}
    for run in form_runs:
        documents[f"{run.path} (errors)"] = run.html
        documents[f"{run.sent_path} (after sending)"] = run.sent_html
    documents["deploy/nginx/rdz.conf: no app server answers"] = unavailable_notice()
    # A broken document in the same run proves the checker reports errors.
    documents["(self-check)"] = BROKEN
    errors = validate(vnu_jar, documents, tmp_path)
    assert any(line.startswith("(self-check):") for line in errors), errors
    errors = [line for line in errors if not line.startswith("(self-check):")]
    assert len(documents) > 10
    assert not errors, f"{len(errors)} vnu errors:\n" + "\n".join(errors)
