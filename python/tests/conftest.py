"""What the tests share: the repository's seeds, and the command line's
output on them (the package must give the same)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def glaneur_bin() -> Path:
    """The command line built by `cargo xtask build` (GLANEUR_BIN, which
    `cargo xtask test` sets, else target/debug or target/release)."""
    given = os.environ.get("GLANEUR_BIN")
    candidates = [Path(given)] if given else [ROOT / "target" / p / "glaneur" for p in ("debug", "release")]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    pytest.fail(f"glaneur's command line is not built ({', '.join(map(str, candidates))}): run `cargo xtask build`")


def cli_plugins() -> Path:
    """The command line's plugin libraries, beside its binary."""
    return glaneur_bin().parent / "plugins"


def run_cli(*args: str) -> list:
    """The command line's JSON lines for `extract ARGS`."""
    done = subprocess.run(
        [str(glaneur_bin()), "extract", "--jobs", "1", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode in (0, 1), done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="session")
def seeds() -> list:
    """(path as given to the command line, text) of each seed article."""
    return [(str(path), path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="session")
def cli_seeds(seeds) -> dict:
    """The command line's line for each seed, by source."""
    return {line["source"]: line for line in run_cli(*[path for path, _ in seeds])}


def without_chars(entities: list) -> list:
    """Entities as the command line writes them (no character offsets)."""
    return [{k: v for k, v in e.items() if k not in ("start_char", "end_char")} for e in entities]
