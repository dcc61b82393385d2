"""Fill locale/zh_Hans from a Python dict of translations: `python scripts/fill_catalogue.py FILE.py`.

FILE.py defines T: {msgid: msgstr, (msgctxt, msgid): msgstr, (msgid_singular,): [msgstr]}.
Entries already translated are left alone unless the dict names them; prints what is still missing.
"""
import runpy
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def main(path):
    table = runpy.run_path(path)["T"]
    po = polib.pofile(str(CATALOGUE))
    missing = []
    for entry in po:
        if entry.msgid_plural:
            value = table.get((entry.msgid,))
            if value:
                entry.msgstr_plural = {i: text for i, text in enumerate(value)}
        else:
            value = table.get((entry.msgctxt, entry.msgid)) if entry.msgctxt else table.get(entry.msgid)
            if value:
                entry.msgstr = value
        if "fuzzy" in entry.flags and value:
            entry.flags.remove("fuzzy")
        if not (entry.msgstr or any(entry.msgstr_plural.values())):
            missing.append(entry.msgid)
    po.save()
    for msgid in missing:
        print("missing:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
