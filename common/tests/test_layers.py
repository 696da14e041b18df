"""The apps stand on each other in the order INSTALLED_APPS lists them.

An app imports only apps listed before it (the ground floor first: common,
events, deadlines, api), never one after it, so there are no cycles between
apps and a lower app never knows a higher one: higher apps plug in by
registering (capability.py, events.py, states.py, tasks.py). Tests and
migrations are outside the rule; imports inside functions are inside it.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
OURS = [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").is_file()]


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _upward_imports() -> list[str]:
    wrong = []
    for floor, app in enumerate(OURS):
        higher = set(OURS[floor + 1 :])
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts:
                continue
            for name in sorted(_imports(path) & higher):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    return wrong


def test_our_apps_are_found_in_their_order():
    assert OURS[:2] == ["common", "events"]
    assert OURS.index("quality") > OURS.index("clients") > OURS.index("accounts")


def test_no_app_imports_a_higher_one():
    wrong = _upward_imports()
    assert not wrong, (
        "An app imports an app listed after it in INSTALLED_APPS; register instead "
        "(docs/adding-a-capability.md):\n" + "\n".join(wrong)
    )
