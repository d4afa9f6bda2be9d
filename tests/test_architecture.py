"""The house rules import-linter cannot check: no module reaches into another module's
private names (a leading underscore), by import or by attribute."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "quanze"


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _is_module(dotted: str) -> bool:
    """Whether `dotted` names a module or package of quanze (not a class or function)."""
    base = ROOT.parent.joinpath(*dotted.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _reaches(path: Path) -> list[str]:
    """`file:line name` for each private name of another quanze module used in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, module_aliases = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("quanze"):
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{path}:{node.lineno} {node.module}.{alias.name}")
                if _is_module(f"{node.module}.{alias.name}"):
                    module_aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("quanze") and alias.asname:
                    module_aliases.add(alias.asname)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in module_aliases
        ):
            found.append(f"{path}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names():
    offences = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            offences += _reaches(path)
    assert offences == []


def test_the_check_sees_an_import_and_an_attribute(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text(
        "from quanze.core.jobs import _secret, __all__\n"
        "from quanze.core import jobs\n"
        "jobs._other(), jobs.public(), self._own\n",
        encoding="utf-8",
    )
    assert [line.split(" ")[1] for line in _reaches(sample)] == [
        "quanze.core.jobs._secret",
        "jobs._other",
    ]


def test_api_operation_ids_are_unique_and_name_the_app_not_the_module():
    from quanze.api import api

    schema = api.get_openapi_schema()
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    apps = {
        "org",
        "catalog",
        "delegation",
        "duties",
        "dispatch",
        "enforcement",
        "evaluation",
        "core",
    }
    assert len(ids) == len(set(ids))
    assert {op_id.split("_", 1)[0] for op_id in ids} <= apps
