"""quizgen.nlp must stay pure Python: no module in it may import Django."""

import ast
from pathlib import Path

import pytest

NLP_DIR = Path(__file__).resolve().parent.parent
MODULES = sorted(NLP_DIR.rglob("*.py"))


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_nlp_package_has_modules():
    assert len(MODULES) >= 5


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(NLP_DIR)))
def test_module_does_not_import_django(path):
    assert not {name for name in imported_names(path) if name.split(".")[0] == "django"}
