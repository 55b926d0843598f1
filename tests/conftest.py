"""The one conftest: fixture calls, a folder of rendered transcripts, and small helpers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def fixture_calls() -> dict[str, list[tuple[str, str, float, float]]]:
    raw = json.loads((DATA / "fixture_calls.json").read_text("utf-8"))
    return {name: [tuple(t) for t in turns] for name, turns in raw.items()}


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file in a temporary folder and return its path."""

    def _write(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return _write
