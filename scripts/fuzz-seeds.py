#!/usr/bin/python3
"""Small seed inputs for the fuzzers of non-text readers (scripts/fuzz.sh): a hand-made PDF
with a ruled table (standard font, no embedded font, so that an execution is quick), a .docx
with list numbering, gridSpan, vMerge and gridBefore, and a low-resolution PNG of a scanned
table page (rendered by pdftoppm from corpus/036.pdf). Usage: fuzz-seeds.py KIND OUTDIR"""
import os, subprocess, sys, zipfile

kind, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)

def pdf():
    rows = [("Item", "2023", "2024"), ("Received", "12", "30"), ("Answered", "10", ""), ("Total", "22", "30")]
    ops = ["BT /F1 10 Tf 72 760 Td (Annual report 2024) Tj ET"]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            ops.append(f"BT /F1 10 Tf {80 + 120 * c} {712 - 24 * r} Td ({text}) Tj ET")
    for r in range(len(rows) + 1):
        ops.append(f"72 {730 - 24 * r} m 432 {730 - 24 * r} l S")
    for c in range(4):
        ops.append(f"{72 + 120 * c} 730 m {72 + 120 * c} {730 - 24 * len(rows)} l S")
    ops.append("BT /F1 9 Tf 290 40 Td (-1-) Tj ET")
    stream = "\n".join(ops).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Title (seed) /Author (nianbao) /CreationDate (D:20240120080000Z) >>"]
    data = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(os.path.join(out, "table.pdf"), "wb").write(data)

def docx():
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    def p(text, num=None):
        props = f'<w:pPr><w:numPr><w:ilvl w:val="{num}"/><w:numId w:val="1"/></w:numPr></w:pPr>' if num is not None else ""
        return f'<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    def tc(text, span=1, merge=None):
        props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + \
                ('' if merge is None else f'<w:vMerge w:val="{merge}"/>' if merge else '<w:vMerge/>')
        return f'<w:tc>{"<w:tcPr>" + props + "</w:tcPr>" if props else ""}{p(text)}</w:tc>'
    table = ('<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>' + tc("信息内容", 2, "restart") + tc("本年新收") + '</w:tr>'
             '<w:tr>' + tc("", 2, "") + tc("3119") + '</w:tr>'
             '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("规章") + tc("") + '</w:tr></w:tbl>')
    body = p("某县2024年政府信息公开工作年度报告") + p("总体情况", 0) + p("主动公开", 1) + table + p("存在的问题", 0)
    numbering = (f'<w:numbering {w}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1">'
                 '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    with zipfile.ZipFile(os.path.join(out, "report.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", f'<w:document {w}><w:body>{body}</w:body></w:document>')
        z.writestr("word/numbering.xml", numbering)
        z.writestr("docProps/core.xml", '<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:title>年度报告</dc:title></cp:coreProperties>')

def image():
    subprocess.run(["pdftoppm", "-r", "20", "-f", "4", "-l", "4", "-gray", "-png", "corpus/036.pdf",
                    os.path.join(out, "scan")], check=True)

{"pdf": pdf, "docx": docx, "image": image}[kind]()
