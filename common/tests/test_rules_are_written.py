"""Every public function of every access module and service says its rule in a docstring.

The access modules decide who may see and do what; the services decide what
may happen. Both are read more than they are written: a public function
without its rule stated is a rule nobody can check.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _rule_modules() -> list[Path]:
    found = []
    for config in apps.get_app_configs():
        folder = Path(config.path)
        if not folder.is_relative_to(ROOT) or ".venv" in folder.parts:
            continue
        found += [folder / "access.py", folder / "services.py", folder / "states.py"]
        found += sorted((folder / "services").glob("*.py"))
    return [path for path in found if path.is_file()]


def _undocumented(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    missing = []
    for node in tree.body:
        public = isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
        if public and not ast.get_docstring(node):
            missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    return missing


def test_the_rule_modules_are_found():
    names = {str(path.relative_to(ROOT)) for path in _rule_modules()}
    assert {"clients/access.py", "quality/access.py", "quality/services/actions.py"} <= names


def test_every_public_access_and_service_function_states_its_rule():
    missing = [entry for path in _rule_modules() for entry in _undocumented(path)]
    assert not missing, "Say the rule in a docstring:\n" + "\n".join(missing)
