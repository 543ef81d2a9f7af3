"""The admin's change forms as a browser sends them back: every field with
the value the page shows, inline rows and management forms included."""

import datetime
import re

from django import forms
from django.urls import reverse


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _fill(data, bound):
    value = bound.value()
    field = bound.field
    if value is None or value == "":
        return
    if isinstance(field, forms.SplitDateTimeField):
        if isinstance(value, list):
            data[f"{bound.html_name}_0"], data[f"{bound.html_name}_1"] = value
        else:
            data[f"{bound.html_name}_0"] = value.date().isoformat()
            data[f"{bound.html_name}_1"] = value.time().isoformat()
    elif isinstance(field, forms.BooleanField):
        if value:
            data[bound.html_name] = "on"
    elif isinstance(value, list | tuple):
        data[bound.html_name] = [str(item) for item in value]
    elif isinstance(value, datetime.date | datetime.time):
        data[bound.html_name] = value.isoformat()
    else:
        data[bound.html_name] = str(value)


def form_data(response, **changes):
    """The data of the change form rendered in `response`, with `changes`."""
    data = {}
    # Outside the form's fields: the version the page was opened at.
    version = re.search(r'name="_version" value="([^"]+)"', response.content.decode())
    if version:
        data["_version"] = version[1]
    for bound in response.context["adminform"].form:
        _fill(data, bound)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            _fill(data, bound)
        for form in formset.forms:
            for bound in form:
                _fill(data, bound)
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}
