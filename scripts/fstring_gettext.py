"""Fail on a translation call inside an f-string: makemessages (xgettext) does
not read f-strings, so such a string drops out of every catalogue and shows
untranslated with nothing else to say so. Python 3.12 tokenizes an
f-string's expressions, which is what this reads.

Usage: python scripts/fstring_gettext.py [paths…] (default: the project's .py files).
"""

import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "var", "node_modules", ".git"}
CALLS = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def offences(path: Path) -> list[int]:
    """The lines of ``path`` where a translation function is called inside an f-string."""
    found = []
    depth = 0
    previous = None
    with path.open("rb") as source:
        for token in tokenize.tokenize(source.readline):
            if token.type == tokenize.FSTRING_START:
                depth += 1
            elif token.type == tokenize.FSTRING_END:
                depth -= 1
            elif (
                depth
                and token.type == tokenize.OP
                and token.string == "("
                and previous is not None
                and previous.type == tokenize.NAME
                and previous.string in CALLS
            ):
                found.append(previous.start[0])
            previous = token
    return found


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or [
        p for p in ROOT.rglob("*.py") if not SKIP & set(p.relative_to(ROOT).parts)
    ]
    status = 0
    for path in sorted(paths):
        for line in offences(path):
            print(f"{path}:{line}: translated inside an f-string", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
