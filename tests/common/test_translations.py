"""Every text has its English translation, and the compiled catalogue matches the source."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "src" / "nettonoll" / "locale"


def test_every_swedish_text_has_an_english_translation() -> None:
    catalogue = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    assert untranslated == []


def test_the_compiled_english_catalogue_is_up_to_date() -> None:
    source = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    compiled = polib.mofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.mo"))
    expected = {(e.msgid, e.msgstr or str(e.msgstr_plural)) for e in source if e.translated()}
    actual = {(e.msgid, e.msgstr or str(e.msgstr_plural)) for e in compiled if e.msgid}
    assert expected == actual


def test_translations_keep_the_placeholders_of_the_swedish_text() -> None:
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    catalogue = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    wrong = []
    for entry in catalogue:
        if entry.obsolete or not entry.translated():
            continue
        translations = (
            [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        )
        expected = sorted(set(placeholder.findall(entry.msgid + (entry.msgid_plural or ""))))
        for text in translations:
            found = sorted(set(placeholder.findall(text)))
            if found != expected and not (entry.msgid_plural and set(found) <= set(expected)):
                wrong.append((entry.msgid, text))
    assert wrong == []
