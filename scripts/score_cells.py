"""Scoring an extract's cells against corpus/expected/NAME.tsv, for the corpus scripts that read
back what `nianbao extract` wrote (scripts/ocr-corpus.sh, scripts/pdf-unruled.sh)."""
import xml.etree.ElementTree as ET


def expected(tsv):
    """cell id → expected value (a number as printed, blank, dash or ambiguous)."""
    want = {}
    for line in open(tsv, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith(("#", "@")):
            cell, value = line.split("\t", 1)
            want[cell] = value
    return want


def values(xml):
    """cell id → (its value or state, its note) in an extract's XML; empty if the XML is unreadable."""
    try:
        root = ET.parse(xml).getroot()
    except (OSError, ET.ParseError):
        return {}
    return {v.get("cell"): (v.get("state") or v.text, v.get("note") or "") for v in root.iter("value")}


def score(want, got):
    """(cells right, cells written wrong with neither ambiguity nor a note to flag them)."""
    right = sum(1 for cell, w in want.items() if got.get(cell, ("",))[0] == w)
    unflagged = [cell for cell, w in want.items()
                 if cell in got and got[cell][0] not in (w, "ambiguous") and not got[cell][1]]
    return right, unflagged
