"""The Python package against the corpus: the report object says what `nianbao extract` says,
cells match the hand-checked expectations, and cells_frame keeps blank and dash apart from 0."""
import json
import math
import subprocess
from decimal import Decimal

import pytest

import nianbao


def test_extract_by_path_reads_template_meta_and_cells(corpus_files, expected):
    path = next(p for p in corpus_files if p.name == "001.txt")
    r = nianbao.extract(path)
    exp = expected(path.name)
    assert r.template == exp["@template"] if "@template" in exp else r.template == "gov-2021"
    assert r.meta["agency"] == "淮安市人民政府"
    assert r.meta["year"] == "2024"
    cells = r.cells
    numbers = {k: v for k, v in exp.items() if not k.startswith("@") and v not in ("blank", "dash", "ambiguous")}
    assert numbers, "expectations hold numbers"
    for cell_id, number in numbers.items():
        assert cells[cell_id].state == "number", cell_id
        assert cells[cell_id].value == Decimal(number), cell_id


def test_every_corpus_report_matches_its_expected_cell_states(corpus_files, expected):
    for path in corpus_files:
        exp = expected(path.name)
        cells = nianbao.extract(path).cells
        for cell_id, want in exp.items():
            if cell_id.startswith("@"):
                continue
            got = cells[cell_id]
            if want in ("blank", "dash", "ambiguous"):
                assert got.state == want and got.value is None, (path.name, cell_id)
            else:
                assert got.value == Decimal(want), (path.name, cell_id)


def test_bytes_and_path_give_the_same_report_and_the_command_line_agrees(corpus_files, binary):
    path = next(p for p in corpus_files if p.suffix == ".html")
    by_path = nianbao.extract(path)
    by_bytes = nianbao.extract(path.read_bytes(), source=str(path))
    assert by_bytes.to_xml() == by_path.to_xml()
    cli_xml = subprocess.run([binary, "extract", str(path)], capture_output=True, check=True).stdout.decode()
    assert by_path.to_xml() == cli_xml
    cli_json = subprocess.run([binary, "extract", str(path), "--format", "json"], capture_output=True,
                              check=True).stdout
    assert json.loads(cli_json) == json.loads(by_path.to_json())


def test_source_name_decides_html_for_bytes(corpus_files):
    page = next(p for p in corpus_files if p.suffix == ".html").read_bytes()
    assert nianbao.extract(page, source="x.html").document["input"] == "html"
    assert nianbao.extract(page, source="x.txt", kind="text").document["input"] == "text"


def test_sections_tables_and_checks_are_read(corpus_files):
    r = nianbao.extract(next(p for p in corpus_files if p.name == "000-seed.txt"))
    level1 = [s["heading"] for s in r.sections if s["level"] == 1]
    assert level1[0].replace(" ", "") == "一、总体情况"
    assert all(len(s["path"]) == s["level"] for s in r.sections if s["level"] <= 2)
    assert r.tables and all(t["rows"] for t in r.tables)
    assert r.checks and {c["result"] for c in r.checks} <= {"pass", "fail", "undetermined"}
    assert r.to_xml().startswith('<?xml version="1.0"')


def test_bad_inputs_raise_input_error_naming_the_file(tmp_path):
    with pytest.raises(nianbao.InputError, match="empty"):
        nianbao.extract(b"", source="empty.txt")
    missing = tmp_path / "missing.txt"
    with pytest.raises(nianbao.InputError, match="missing.txt"):
        nianbao.extract(missing)
    with pytest.raises(ValueError):
        nianbao.extract(b"%PDF-1.7\n\x00\x01\x02binary", source="x.pdf")
    with pytest.raises(ValueError, match="kind"):
        nianbao.extract(b"abc", kind="pdf")


def test_cells_frame_keeps_blank_and_dash_apart_from_zero(corpus_files, expected):
    frame = nianbao.cells_frame(corpus_files)
    assert len(frame) == len(corpus_files)
    assert list(frame.columns[:5]) == nianbao.REPORT_COLUMNS
    seen = set()
    for i, path in enumerate(corpus_files):
        for cell_id, want in expected(path.name).items():
            if cell_id.startswith("@"):
                continue
            value, state = frame.at[i, cell_id], frame.at[i, cell_id + ":state"]
            if want in ("blank", "dash"):
                assert math.isnan(value) and state == want, (path.name, cell_id)
                seen.add(want)
            elif want != "ambiguous":
                assert value == float(want) and state == "number", (path.name, cell_id)
                if want == "0":
                    seen.add("zero")
    assert seen == {"blank", "zero"}, "the corpus has blank and zero cells to tell apart"


def test_cells_frame_reads_a_dash_as_dash_not_zero(corpus_files):
    seed = next(p for p in corpus_files if p.name == "000-seed.txt").read_bytes()
    row = "规章\t0\t0\t0".encode()
    assert seed.count(row) == 1
    frame = nianbao.cells_frame([seed, seed.replace(row, "规章\t—\t0\t0".encode())])
    states = [c for c in frame.columns if c.endswith(":state")]
    changed = [c for c in states if frame.at[0, c] != frame.at[1, c]]
    assert len(changed) == 1
    cell = changed[0][: -len(":state")]
    assert (frame.at[0, changed[0]], frame.at[0, cell]) == ("number", 0.0)
    assert frame.at[1, changed[0]] == "dash" and math.isnan(frame.at[1, cell])
