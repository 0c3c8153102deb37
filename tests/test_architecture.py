"""The shape docs/design.md promises: import layers, no import circle, modules and functions one can read.

The import contracts live in pyproject.toml ([tool.importlinter]) and CI runs ``lint-imports`` too; running it
here as well means a developer's ``pytest`` shows a broken layer before CI does.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "dateline"
MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 80
# Modules that are tables of data (vocabularies, trigger rows): exempt from the module limit, not from review.
DATA_MODULES = {"lexicon.py", "_lexicon.py"}


def test_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if exe is None:
        pytest.fail("lint-imports (import-linter) is not installed; it is a dev dependency")
    done = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def _python_files():
    return sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_module_over_the_limit():
    long = [
        f"{p.relative_to(SRC)}: {n} lines"
        for p in _python_files()
        if p.name not in DATA_MODULES and (n := p.read_text(encoding="utf-8").count("\n")) > MAX_MODULE_LINES
    ]
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def test_no_function_over_the_limit():
    long = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name} ({length} lines)")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"
