"""Refresh locale/id from the code and locale/id.json, then compile it.

Usage: `make messages`. The JSON files map each English message to its Bahasa Indonesia
translation: `locale/id.json`, plus one file per topic in `locale/id.d/` (so branches that add
messages in parallel do not edit the same file). Messages without a translation are listed so
nothing member-facing ships untranslated.
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


def catalogue() -> dict[str, str]:
    """Every English → Bahasa Indonesia entry, from `locale/id.json` and `locale/id.d/*.json`."""
    files = [ROOT / "locale" / "id.json", *sorted((ROOT / "locale" / "id.d").glob("*.json"))]
    entries: dict[str, str] = {}
    source: dict[str, Path] = {}
    clashes = []
    for path in files:
        for msgid, msgstr in json.loads(path.read_text(encoding="utf-8")).items():
            if msgid in entries and entries[msgid] != msgstr:
                # One English message has one translation in the whole catalogue: gettext
                # keeps only one, so a second meaning needs its own words (or a context).
                clashes.append(
                    f"{msgid!r}: {entries[msgid]!r} in {source[msgid].relative_to(ROOT)}, "
                    f"{msgstr!r} in {path.relative_to(ROOT)}"
                )
                continue
            entries[msgid] = msgstr
            source[msgid] = path
    if clashes:
        raise SystemExit("translated two ways:\n" + "\n".join(clashes))
    return entries


def main() -> int:
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "makemessages", "-l", "id", "--no-location", "--ignore=.venv/*",
         "--ignore=var/*", "--ignore=tests/*", "--ignore=bench/*"],
        cwd=ROOT, check=True,
    )  # fmt: skip
    translations = catalogue()
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
            # A translated entry is not fuzzy, whatever msgmerge guessed from a similar one.
            entry = re.sub(r"^#, fuzzy\n", "", entry, flags=re.M)
            entry = re.sub(r"^#, fuzzy, ", "#, ", entry, flags=re.M)
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
