"""The corpus's web pages as other sites and tools republish them: the same report with other cell
markup (Word-pasted paragraphs and spans, attributes stripped, <th> cells, <tbody>), other number
forms (thousands separators, full-width digits, a unit after the number, padding), another page
around it (a layout table, all on one line), another charset (GBK), the page copied out of a
browser as text (cells separated by tabs). Converted to markdown with spans repeated, a page
must give no wrong number and count every cell it could not read. Each variant must give every hand-checked cell of the
original (corpus/expected/), its format, and no other number: the expectations carry over because
the transformation does not change what the page says."""
import html.parser
import re
from decimal import Decimal

import pytest

import nianbao

CELL = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.S | re.I)
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def decode(raw: bytes) -> str:
    declared = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096])
    label = declared.group(1).decode().lower() if declared else "utf-8"
    return raw.decode("gb18030" if label in ("gb2312", "gbk", "gb18030") else label)


def in_cells(page: str, change) -> str:
    return CELL.sub(lambda m: m.group(1) + change(m.group(2)) + m.group(3), page)


def cell_text(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


def keep_spans(match) -> str:
    spans = "".join(re.findall(r"\s(?:rowspan|colspan)\s*=\s*[\"']?\d+[\"']?", match.group(2), re.I))
    return "<" + match.group(1) + spans + ">"


def in_layout_table(page: str) -> str:
    page = re.sub(r"(<body[^>]*>)", r'\1<table width="100%"><tr><td>', page, count=1, flags=re.I)
    return re.sub(r"(</body>)", r"</td></tr></table>\1", page, count=1, flags=re.I)


class BrowserCopy(html.parser.HTMLParser):
    """What selecting a page and pasting it as plain text gives: block elements end lines, the
    cells of a row are separated by tabs, spans are not repeated."""

    BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table"}

    def __init__(self):
        super().__init__()
        self.out, self.hidden, self.in_cell, self.cells_in_row = [], 0, False, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.hidden += 1
        elif tag in ("td", "th"):
            self.out.append("\t" if self.cells_in_row else "")
            self.cells_in_row += 1
            self.in_cell = True
        elif tag in self.BLOCKS and not self.in_cell:
            self.out.append("\n")
            self.cells_in_row = 0

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.hidden -= 1
        elif tag in ("td", "th"):
            self.in_cell = False

    def handle_data(self, data):
        if not self.hidden:
            self.out.append(re.sub(r"\s+", "" if self.in_cell else " ", data.replace("\xa0", " ")))


def browser_copy(page: str) -> str:
    parser = BrowserCopy()
    parser.feed(page)
    return re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(parser.out))


class MarkdownWithSpansRepeated(BrowserCopy):
    """What converters that cannot write spans make of a page (pandas.read_html then to_markdown,
    many HTML-to-markdown tools): each table a pipe table, a spanned cell repeated in every grid
    position it covers."""

    def __init__(self):
        super().__init__()
        self.rows = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            spans = dict(attrs)
            self.rows[-1].append(["", int(spans.get("rowspan") or 1), int(spans.get("colspan") or 1)])
            self.in_cell = True
        elif not self.in_cell:
            super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "table" and self.rows is not None:
            self.out.append("\n" + self.pipe_table() + "\n")
            self.rows = None
        else:
            super().handle_endtag(tag)

    def handle_data(self, data):
        if self.in_cell and self.rows:
            self.rows[-1][-1][0] += re.sub(r"\s+", "", data.replace("\xa0", " "))
        elif not self.in_cell:
            super().handle_data(data)

    def pipe_table(self) -> str:
        grid = {}
        for r, row in enumerate(self.rows):
            c = 0
            for text, rows, cols in row:
                while (r, c) in grid:
                    c += 1
                for dr in range(rows):
                    for dc in range(cols):
                        grid[(r + dr, c + dc)] = text
                c += cols
        width = max((c for _, c in grid), default=-1) + 1
        lines = ["| " + " | ".join(grid.get((r, c), "") for c in range(width)) + " |" for r in range(len(self.rows))]
        return "\n".join(lines[:1] + ["|" + "---|" * width] + lines[1:])


def as_markdown(page: str) -> str:
    parser = MarkdownWithSpansRepeated()
    parser.feed(page)
    return re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(parser.out))


# name → (page → variant, the kind the variant is read as, its encoding)
VARIANTS = {
    "word-pasted cells": (lambda p: in_cells(p, lambda c: '<p class="MsoNormal" align="center"><span '
                                             'style="font-family:宋体">' + cell_text(c) + "</span></p>"), "html"),
    "attributes stripped": (lambda p: re.sub(r"<(t[dhr]|table)\b([^>]*)>", keep_spans, p, flags=re.I), "html"),
    "every cell a th": (lambda p: re.sub(r"<(/?)td\b", r"<\1th", p, flags=re.I), "html"),
    "tbody": (lambda p: re.sub(r"</table>", "</tbody></table>",
                               re.sub(r"<table\b([^>]*)>", r"<table\1><tbody>", p, flags=re.I), flags=re.I), "html"),
    "thousands separators": (lambda p: in_cells(p, lambda c: re.sub(r"(?<![\d.,])(\d)(\d{3})(?![\d.,])", r"\1,\2", c)),
                             "html"),
    "full-width digits": (lambda p: in_cells(p, lambda c: cell_text(c).translate(FULL_WIDTH_DIGITS)), "html"),
    "a unit after each count": (lambda p: in_cells(p, lambda c: re.sub(r"^(\s*)(\d+)(\s*)$", r"\1\2件\3", c)), "html"),
    "cells padded with nbsp": (lambda p: in_cells(p, lambda c: "&nbsp;" + c + "&nbsp;"), "html"),
    "inside a layout table": (in_layout_table, "html"),
    "all on one line": (lambda p: re.sub(r"\s*\n\s*", " ", p), "html"),
    "copied from a browser as text": (browser_copy, "text"),
}


def assert_cells(report, original, want_cells, label):
    assert report.template == original.template, label
    for cell_id, want in want_cells.items():
        got = report.cells[cell_id]
        if want in ("blank", "dash", "ambiguous"):
            assert got.state == want, (label, cell_id, got.state)
        else:
            assert got.state == "number" and got.value == Decimal(want), (label, cell_id, got.state, got.value)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_republished_page_gives_every_cell_of_the_original(variant, corpus_files, expected):
    change, kind = VARIANTS[variant]
    pages = [p for p in corpus_files if p.suffix == ".html"]
    assert len(pages) >= 7
    for path in pages:
        page = change(decode(path.read_bytes()))
        source = path.stem + (".html" if kind == "html" else ".txt")
        report = nianbao.extract(page.encode("utf-8"), source=source, kind=kind)
        assert_cells(report, nianbao.extract(path), expected(path.name), (variant, path.name))


def test_a_page_re_encoded_as_gbk_gives_every_cell_of_the_original(corpus_files, expected):
    for path in (p for p in corpus_files if p.suffix == ".html"):
        page = re.sub(r"charset=[\"']?[A-Za-z0-9_-]+", "charset=gbk", decode(path.read_bytes()), count=1)
        report = nianbao.extract(page.encode("gb18030"), source=path.name)
        assert_cells(report, nianbao.extract(path), expected(path.name), ("gbk", path.name))


# Share of the corpus pages' cells read from their markdown conversions (spans repeated). Not all:
# 029.html's Word grid puts 自然人 over two columns and 商业企业 across 自然人 and 法人或其他组织, and
# with its spans repeated that header cannot be told from fragments that repeat by chance, so its
# 表三 (175 cells) is reported unread. Every other page reads all its cells: 1221 of 1396.
MIN_MARKDOWN_READ_SHARE = 0.87


def test_a_page_converted_to_markdown_gives_no_wrong_number_and_counts_what_it_lost(corpus_files, expected):
    read = total = 0
    for path in (p for p in corpus_files if p.suffix == ".html"):
        report = nianbao.extract(as_markdown(decode(path.read_bytes())).encode("utf-8"), source=path.stem + ".txt",
                                 kind="text")
        unread = {t["id"]: t["unread"] for t in report.document["tables_read"]}
        lost = {}
        for cell_id, want in expected(path.name).items():
            got = report.cells.get(cell_id)
            total += 1
            if got is None:  # not read: its table must count it
                table = ".".join(cell_id.split(".")[:2]) if cell_id.startswith("t2.") else cell_id.split(".")[0]
                lost[table] = lost.get(table, 0) + 1
                continue
            if want in ("blank", "dash", "ambiguous"):
                assert got.state == want, (path.name, cell_id, got.state)
            elif got.state != "ambiguous":  # ambiguous says itself that it was not decided
                assert got.state == "number" and got.value == Decimal(want), (path.name, cell_id, got.state, got.value)
            read += got.state != "ambiguous" or want == "ambiguous"
        for table, n in lost.items():
            assert unread.get(table, 0) >= n, (path.name, table, n, unread)
    assert read / total >= MIN_MARKDOWN_READ_SHARE, (read, total)
