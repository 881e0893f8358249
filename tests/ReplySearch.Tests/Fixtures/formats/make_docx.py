#!/usr/bin/python3
"""Writes a Word .docx of a reply as agencies file them: a table of portal metadata at the top (索引号,
发布机构, 成文日期, 公开方式, 内容分类 …), the title centred and bold, body paragraphs, headings in bold,
signature and date right-aligned, and a page header and footer (内部资料, 第N页) that a reader must not
take for the reply.

usage: make_docx.py REPLY.json OUT.docx 标签=值 [标签=值 …]

REPLY.json is `replysearch parse --json` of the twin; the label=value pairs fill the metadata table (none:
no table). Needs Debian's python3-docx."""
import json, re, sys
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

doc = json.load(open(sys.argv[1], encoding="utf-8"))
meta = [arg.split("=", 1) for arg in sys.argv[3:]]
paras = doc["text"].split("\n")
headings = {s["heading"] for s in doc["sections"] if s["heading"]}

d = Document()
style = d.styles["Normal"]
style.font.name = "FangSong"
style.font.size = Pt(16)
style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")

section = d.sections[0]
section.header.paragraphs[0].text = "内部资料 注意保存"
footer = section.footer.paragraphs[0]
footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
footer.add_run("第")
# A PAGE field, as Word writes page numbers: its result is text in the footer part only.
run = footer.add_run()
for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
    if kind:
        el = OxmlElement("w:fldChar"); el.set(qn("w:fldCharType"), kind); run._r.append(el)
    elif text == " PAGE ":
        el = OxmlElement("w:instrText"); el.text = text; run._r.append(el)
    else:
        el = OxmlElement("w:t"); el.text = text; run._r.append(el)
footer.add_run("页 共3页")

if meta:
    table = d.add_table(rows=(len(meta) + 1) // 2, cols=4)
    table.style = "Table Grid"
    for i, (label, value) in enumerate(meta):
        row = table.rows[i // 2].cells
        row[(i % 2) * 2].text = label
        row[(i % 2) * 2 + 1].text = value

title_at = paras.index(doc["title"]) if doc["title"] in paras else -1
for i, text in enumerate(paras):
    p = d.add_paragraph()
    run = p.add_run(text)
    if i == title_at:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run.bold = True
        run.font.size = Pt(22)
    elif text in headings:
        run.bold = True
        p.paragraph_format.first_line_indent = Pt(32)
    elif i > title_at + 1 and (text == doc.get("agency") or re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", text)):
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif i > title_at + 1:
        p.paragraph_format.first_line_indent = Pt(32)
d.core_properties.title = doc["title"] or ""
d.core_properties.author = doc.get("agency") or ""
d.save(sys.argv[2])
