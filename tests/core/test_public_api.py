"""Libraries are used through their documented API: none of the private
names that once crept in (django-csp's nonce and policy attributes, the
admin site's registry, FieldFile's commit flag, modeltranslation's fieldset
patching), and no receiver that cleans every loaded row."""

import re

from tests.core.test_layout import OURS, ROOT, modules

# Spelled in parts, so that a search of the code for them finds only the code.
PRIVATE = re.compile(
    r"\b_" + r"csp_\w+|\b_" + r"registry\b|\b_" + r"committed\b|\b_" + r"patch_fieldsets\b"
    r"|\bpost_" + r"init\b"
)


def test_no_module_uses_a_private_name_of_a_library():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in sorted(OURS | {"tests", "bench", "scripts"})
        for path in modules(folder)
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert found == []


def test_the_pattern_finds_each_name():
    for name in ("csp_nonce", "registry", "committed", "patch_fieldsets"):
        assert PRIVATE.search(f"thing._{name}"), name
    assert PRIVATE.search("post_" + "init.connect(receiver)")
