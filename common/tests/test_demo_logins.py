"""The README's demo table lists exactly the logins `make run` prints."""

import re
from io import StringIO
from pathlib import Path

from common.management.commands.serve import Command

ROOT = Path(__file__).resolve().parents[2]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _readme_demo_table() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Demo logins", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return {email for row in rows for email in EMAIL.findall(row)}


def test_readme_lists_every_demo_login_that_make_run_prints():
    out = StringIO()
    Command(stdout=out)._greet(8000)
    printed = set(EMAIL.findall(out.getvalue()))
    assert "pavel.orlov@clientdesk.example" in printed
    assert _readme_demo_table() == printed
