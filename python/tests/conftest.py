"""Shared fixtures: the source tree (corpus/) and the nianbao binary of the same build."""
import os
import pathlib

import pytest

SOURCE = pathlib.Path(os.environ.get("NIANBAO_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def corpus_files():
    files = sorted(p for p in (SOURCE / "corpus").iterdir() if p.suffix in (".txt", ".html"))
    assert files, "no corpus files"
    return files


@pytest.fixture(scope="session")
def binary():
    path = os.environ.get("NIANBAO_BINARY", str(SOURCE / "build" / "cli" / "nianbao"))
    assert os.access(path, os.X_OK), f"nianbao binary not found: {path}"
    return path


@pytest.fixture(scope="session")
def expected():
    """corpus/expected/NAME.tsv: cell id → number | blank | dash | ambiguous, per report file."""
    def read(name):
        cells = {}
        stem = pathlib.Path(name).stem
        for line in (SOURCE / "corpus" / "expected" / f"{stem}.tsv").read_text(encoding="utf-8").splitlines():
            if not line or line.startswith(("#", "@")):
                continue
            parts = line.split("\t")
            if len(parts) >= 2:
                cells[parts[0]] = parts[1]
        return cells
    return read
