"""nianbao for Python: Chinese government information-disclosure annual reports (text or HTML)
into structured data, with the same C++ pipeline as the `nianbao` command.

    import nianbao
    r = nianbao.extract("corpus/001.txt")          # a path, or the bytes of a report
    r.meta["agency"], r.template, r.cells["t3.new_received[total]"].value
    r.to_xml(), r.to_json()
    frame = nianbao.cells_frame(paths)              # one row per report, one column per cell
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Optional, Union

from . import _nianbao
from ._nianbao import InputError, canonical_cells

__all__ = ["extract", "cells_frame", "cells_row", "report_row", "frame_from_rows", "Report", "Cell", "InputError", "canonical_cells", "__version__"]
__version__ = _nianbao.version

# The columns before the cells in cells_frame, as in `nianbao export --csv` (without its database
# fields report and path).
REPORT_COLUMNS = ["source", "agency", "year", "template", "failed_checks"]


@dataclass(frozen=True)
class Cell:
    """One canonical template cell. `state` is number, blank (an empty source cell), dash (-, —,
    /, 无) or ambiguous: blank and dash are not zero, and `value` is None for them."""

    id: str
    state: str
    value: Optional[Decimal] = None  # exact, as written in the XML
    raw: str = ""
    unit: str = ""
    note: str = ""
    candidates: list = field(default_factory=list)


def _walk_sections(sections, path, out):
    for s in sections:
        here = path + [s["heading"]]
        out.append({"level": s["level"], "num": s["num"], "heading": s["heading"], "line": s.get("line"),
                    "path": here})
        _walk_sections(s["sections"], here, out)


def _walk_blocks(container, out):
    out.extend(container["blocks"])
    for s in container["sections"]:
        _walk_blocks(s, out)


class Report:
    """One extracted report: `meta`, `sections`, `tables`, `cells`, `checks`, `diagnostics`, and
    the documents `to_xml()` / `to_json()` (the same as `nianbao extract [--format json]`)."""

    def __init__(self, core: _nianbao.Report):
        self._core = core
        self._doc = None

    @property
    def document(self) -> dict:
        """The whole report as the JSON object (output/nianbao.schema.json), parsed once."""
        if self._doc is None:
            self._doc = json.loads(self._core.to_json())
        return self._doc

    def to_xml(self) -> str:
        return self._core.to_xml()

    def to_json(self, pretty: bool = False) -> str:
        return self._core.to_json(pretty)

    @property
    def source(self) -> str:
        return self._core.source

    @property
    def template(self) -> str:
        return self.document["template"]

    @property
    def meta(self) -> dict:
        """title, agency, year (when found)."""
        return dict(self.document["meta"])

    @property
    def sections(self) -> list:
        """Every section in document order (pre-order), with its heading path."""
        out: list = []
        _walk_sections(self.document["body"]["sections"], [], out)
        return out

    @property
    def blocks(self) -> list:
        """Paragraphs and tables in document order."""
        out: list = []
        _walk_blocks(self.document["body"], out)
        return out

    @property
    def tables(self) -> list:
        """The tables in document order: {source, cols, rows: [{role?, cells: [{r, c, rows, cols, text}]}]}."""
        return [b for b in self.blocks if b["type"] == "table"]

    @property
    def cells(self) -> dict:
        """Canonical cell id → Cell, in template order."""
        out = {}
        for v in self.document.get("values", []):
            out[v["cell"]] = Cell(id=v["cell"], state=v["state"],
                                  value=Decimal(v["value"]) if "value" in v else None, raw=v.get("raw", ""),
                                  unit=v.get("unit", ""), note=v.get("note", ""),
                                  candidates=[Decimal(c) for c in v.get("candidates", [])])
        return out

    @property
    def checks(self) -> list:
        """The consistency checks: {rule, scope?, result (pass|fail|undetermined), left?, right?}."""
        return list(self.document.get("checks", []))

    @property
    def diagnostics(self) -> list:
        return list(self.document.get("diagnostics", []))

    def __repr__(self) -> str:
        return f"<nianbao.Report {self.source!r} template={self.template} cells={len(self.document.get('values', []))}>"


PathOrBytes = Union[str, os.PathLike, bytes, bytearray, memoryview]


def extract(path_or_bytes: PathOrBytes, source: Optional[str] = None, kind: str = "auto",
            encoding: str = "") -> Report:
    """Extract one report from a file path or from its bytes. `source` names it in the output
    and decides HTML by extension (default: the path, or "-" for bytes); `kind` forces "html" or
    "text"; `encoding` forces the input encoding. Raises nianbao.InputError (a ValueError) when
    the input is not a report (empty, binary, too large) or cannot be read."""
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return Report(_nianbao.extract_bytes(bytes(path_or_bytes), source or "-", kind, encoding))
    path = os.fspath(path_or_bytes)
    return Report(_nianbao.extract_path(path, source or "", kind, encoding))


def report_row(report: Report, states: bool = True) -> dict:
    """One row of cells_frame for one report: the report columns, then per cell its number (a
    float, NaN when the cell is not a number) and, with `states`, "<cell>:state"."""
    doc = report.document
    row = {"source": report.source, "agency": doc["meta"].get("agency", ""), "year": doc["meta"].get("year", ""),
           "template": doc["template"],
           "failed_checks": sum(1 for c in doc.get("checks", []) if c["result"] == "fail")}
    for v in doc.get("values", []):
        row[v["cell"]] = float(v["value"]) if "value" in v else float("nan")
        if states:
            row[v["cell"] + ":state"] = v["state"]
    return row


def cells_row(path_or_bytes: PathOrBytes, states: bool = True) -> dict:
    """report_row of one input: what a worker of a distributed engine maps over paths."""
    return report_row(extract(path_or_bytes), states)


def frame_from_rows(rows: Iterable[dict], states: bool = True):
    """A DataFrame in the column order of `nianbao export --csv [--states]`: report columns, then
    the canonical cells (each followed by its state), then any other cell id, sorted. A cell a
    report does not have is NaN with state "absent"."""
    import pandas as pd

    rows = list(rows)
    cells = list(canonical_cells())
    known = set(cells)
    extra = sorted({k for r in rows for k in r if k not in known and k not in REPORT_COLUMNS and not k.endswith(":state")})
    columns = list(REPORT_COLUMNS)
    for c in cells + extra:
        columns.append(c)
        if states:
            columns.append(c + ":state")
    data = {}
    for col in columns:
        if col.endswith(":state"):
            data[col] = [r.get(col, "absent") for r in rows]
        elif col in REPORT_COLUMNS:
            data[col] = [r[col] for r in rows]
        else:
            data[col] = pd.array([r.get(col, float("nan")) for r in rows], dtype="float64")
    return pd.DataFrame(data, columns=columns)


def cells_frame(paths: Iterable[PathOrBytes], states: bool = True):
    """A pandas DataFrame with one row per report and one column per canonical cell id (as
    `nianbao export --csv`, with --states when `states`): numbers as floats, NaN where a cell is
    blank, dash, ambiguous or absent — never 0 — and "<cell>:state" saying which."""
    return frame_from_rows((cells_row(p, states) for p in paths), states)
