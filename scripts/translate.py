"""Refresh locale/id from the code and locale/id.json, then compile it.

Usage: `make messages`. The JSON file maps each English message to its Bahasa Indonesia
translation; messages without one are listed so nothing member-facing ships untranslated.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def unquote(lines: list[str]) -> str:
    joined = "".join(line.strip()[1:-1] for line in lines)
    return joined.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def main() -> int:
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "makemessages", "-l", "id", "--no-location", "--ignore=.venv/*",
         "--ignore=var/*", "--ignore=tests/*", "--ignore=bench/*"],
        cwd=ROOT, check=True,
    )  # fmt: skip
    translations = json.loads((ROOT / "locale" / "id.json").read_text(encoding="utf-8"))
    text = PO.read_text(encoding="utf-8")
    entries = re.split(r"\n\n", text)
    missing = []
    out = []
    for entry in entries:
        match = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', entry + "\n", re.M)
        msgid = unquote(match.group(1).strip().split("\n")) if match else ""
        if not msgid:  # the header, or not an entry
            out.append(entry)
            continue
        if msgid in translations:
            entry = entry[: match.start(2)] + quote(translations[msgid])
            # makemessages marks near matches fuzzy (alone or with other flags) and keeps the
            # previous msgid in "#|" lines; a translation from id.json is never fuzzy.
            entry = entry.replace("#, fuzzy\n", "").replace("#, fuzzy, ", "#, ")
            entry = re.sub(r"^#\|.*\n", "", entry, flags=re.M)
        else:
            missing.append(msgid)
        out.append(entry.rstrip("\n"))
    PO.write_text("\n\n".join(out).rstrip("\n") + "\n", encoding="utf-8")
    subprocess.run(
        [*manage, "compilemessages", "-l", "id", "--ignore=.venv/*", "--ignore=var/*"],
        cwd=ROOT, check=True,
    )  # fmt: skip
    for msgid in missing:
        print(f"untranslated: {msgid}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
