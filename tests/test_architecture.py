"""The shape docs/design.md promises: import layers, no import circle, modules and functions one can read.

The import contracts live in pyproject.toml ([tool.importlinter]) and CI runs ``lint-imports`` too; running it
here as well means a developer's ``pytest`` shows a broken layer before CI does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if exe is None:
        pytest.fail("lint-imports (import-linter) is not installed; it is a dev dependency")
    done = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
