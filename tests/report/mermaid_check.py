"""Run the real Mermaid (npm, under node) on diagram sources: tests/report/mermaid/check.mjs.

`npm ci --prefix tests/report/mermaid` installs it (.ci/run does). Where node or that install
is missing the Mermaid tests are skipped, except under CI (CI=true), where they fail: CI must
always run them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent / "mermaid"
INSTALL = "npm ci --prefix tests/report/mermaid"


def require_mermaid() -> str:
    """The node executable, or skip (fail under CI) saying how to install what is missing."""
    node = shutil.which("node")
    missing = None
    if node is None:
        missing = "node is not installed"
    elif not (HERE / "node_modules" / "mermaid").is_dir():
        missing = f"Mermaid is not installed: run `{INSTALL}`"
    if missing is None:
        assert node is not None
        return node
    if os.environ.get("CI"):
        pytest.fail(f"{missing} (CI must run the Mermaid tests)")
    pytest.skip(missing)


def check(sources: list[str]) -> list[dict[str, Any]]:
    """Mermaid's verdict on each source: {"ok": bool, "error"?, "quadrants"?, "points"?}."""
    node = require_mermaid()
    result = subprocess.run(
        [node, str(HERE / "check.mjs")],
        input=json.dumps(sources),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        cwd=HERE,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def mermaid_blocks(markdown: str) -> list[str]:
    """The text inside every ```mermaid fence of a Markdown document."""
    blocks, current = [], None
    for line in markdown.split("\n"):
        if current is None and line == "```mermaid":
            current = []
        elif current is not None and line == "```":
            blocks.append("\n".join(current) + "\n")
            current = None
        elif current is not None:
            current.append(line)
    return blocks
