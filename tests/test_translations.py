"""The Chinese catalogue is complete and compiled: a missing translation shows English to a farmer."""
import gettext
from pathlib import Path

import polib
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_every_message_has_a_chinese_translation():
    po = polib.pofile(str(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_the_compiled_catalogues_match_their_sources():
    for language in ("zh_Hans", "en"):
        folder = LOCALE / language / "LC_MESSAGES"
        compiled = gettext.GNUTranslations(open(folder / "django.mo", "rb"))
        for entry in polib.pofile(str(folder / "django.po")).translated_entries():
            msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            if entry.msgid_plural:
                assert compiled.ngettext(msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0], entry.msgid
            else:
                assert compiled.gettext(msgid) == entry.msgstr, entry.msgid
