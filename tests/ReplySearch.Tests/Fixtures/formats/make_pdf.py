#!/usr/bin/python3
"""Typesets a reply as an official-letter PDF with a text layer, for the PDF reader's tests.

usage: make_pdf.py REPLY.json OUT.pdf [--header TEXT] [--footer dash|page-of|hyphen]
                   [--break-after TEXT] [--title-break TEXT]

REPLY.json is `replysearch parse --json` of the Markdown/text twin. The layout is what agencies print:
the letterhead (red, centred) and its lines, the title centred in a larger size, body paragraphs
indented two characters and justified, headings in bold, signature and date right-aligned, a running
header on every page and a page number in the footer. Awkward cases on request:
  --break-after 龙湖软   the line ending in that text is the last of its page (a word split across pages)
  --title-break 会议      the title is set on two centred lines, broken after that text
Needs Debian's python3-reportlab and fonts-wqy-zenhei (the font is embedded as subsets)."""
import argparse, json
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab import rl_config
from reportlab.pdfgen import canvas

# Binary streams as they are, not ASCII85 text: a quarter smaller, as PDF writers usually leave them.
rl_config.useA85 = 0
rl_config.invariant = 1  # no creation date or random id: the same input makes the same bytes

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
W, H = 595.0, 842.0            # A4 in points
LEFT, RIGHT, TOP, BOTTOM = 80.0, 80.0, 90.0, 85.0
BODY, TITLE, HEAD, LEAD = 15.0, 20.0, 9.0, 26.0

args = argparse.ArgumentParser()
args.add_argument("json"); args.add_argument("out")
args.add_argument("--header", default=None)
args.add_argument("--footer", default="dash", choices=["dash", "page-of", "hyphen"])
args.add_argument("--break-after", default=None)
args.add_argument("--title-break", default=None)
a = args.parse_args()

pdfmetrics.registerFont(TTFont("Hei", FONT, subfontIndex=0))
doc = json.load(open(a.json, encoding="utf-8"))
paras = doc["text"].split("\n")
headings = {s["heading"] for s in doc["sections"] if s["heading"]}
title = doc["title"]
title_at = paras.index(title) if title in paras else -1
salutation_at = next((i for i, p in enumerate(paras) if doc.get("addressee") and p.startswith(doc["addressee"])), title_at + 1)
closing_from = max((i for i, p in enumerate(paras) if doc.get("agency") and p.startswith(doc["agency"]) and i > salutation_at), default=len(paras))

def width(s, size=BODY):
    return pdfmetrics.stringWidth(s, "Hei", size)

def wrap(text, first_indent):
    """Lines of a paragraph: as many characters as fit, never breaking at a space (it would vanish)."""
    lines, start, indent = [], 0, first_indent
    while start < len(text):
        end = start
        while end < len(text) and width(text[start:end + 1]) <= W - LEFT - RIGHT - indent:
            end += 1
        while end < len(text) and end > start + 1 and (text[end] == " " or text[end - 1] == " "):
            end -= 1
        lines.append((text[start:end], indent, end < len(text)))
        start, indent = end, 0
    return lines

def reserve_codes(c):
    """Gives every character its one-byte code in the embedded subsets before drawing, skipping codes FE and
    FF: a string that starts with the bytes FE FF reads as UTF-16 text to PdfPig 0.1.16, which then garbles it."""
    font = pdfmetrics.getFont("Hei")
    for ch in dict.fromkeys("".join(paras) + "— -第页共0123456789" + (a.header or "")):
        state = font.state.get(c._doc)
        if state is not None and state.nextCode & 0xFF in (0xFE, 0xFF):
            while state.nextCode & 0xFF:
                state.subsets[state.nextCode >> 8].append(32)
                state.nextCode += 1
        font.splitString(ch, c._doc)

class Pages:
    def __init__(self):
        self.c = canvas.Canvas(a.out, pagesize=(W, H), pageCompression=1)
        reserve_codes(self.c)
        self.c.setTitle(title); self.c.setAuthor(doc.get("agency") or ""); self.c.setCreator("make_pdf.py")
        self.pages, self.y = [], None
        self.new_page()

    def new_page(self):
        if self.y is not None:
            self.c.showPage()
        self.pages.append(len(self.pages) + 1)
        self.y = H - TOP
        if a.header:
            self.c.setFont("Hei", HEAD); self.c.setFillColorRGB(0.3, 0.3, 0.3)
            self.c.drawCentredString(W / 2, H - 50, a.header)
            self.c.line(LEFT, H - 56, W - RIGHT, H - 56)
        self.footer()

    def footer(self):
        n = len(self.pages)
        text = {"dash": f"— {n} —", "hyphen": f"-{n}-", "page-of": f"第{n}页 共{{total}}页"}[a.footer]
        self.c.setFont("Hei", 10.5); self.c.setFillColorRGB(0, 0, 0)
        self.c.drawCentredString(W / 2, 45, text.format(total=TOTAL))

    def room(self, lead):
        if self.y - lead < BOTTOM:
            self.new_page()

    def line(self, text, x, size=BODY, lead=LEAD, justify=False, bold=False, color=(0, 0, 0)):
        self.room(lead)
        self.y -= lead
        t = self.c.beginText(x, self.y)
        t.setFont("Hei", size)
        t.setFillColorRGB(*color)
        if bold:
            t.setTextRenderMode(2)  # fill and stroke: how Word fakes bold for a font without a bold face
        if justify and len(text) > 1:
            t.setCharSpace((W - RIGHT - x - width(text, size)) / (len(text) - 1))
        t.textOut(text)
        self.c.drawText(t)

# Page count for 第N页 共M页: lay out once to count, then for real.
def layout(p):
    for i, text in enumerate(paras):
        if i < title_at:
            if text.endswith("文件") or (i == 0 and len(text) <= 20 and "：" not in text) or text == doc.get("agency") or text.startswith("山东省"):
                p.line(text, (W - width(text, 24)) / 2, size=24, lead=40, color=(0.8, 0, 0))
            else:
                p.line(text, LEFT, lead=LEAD)
        elif i == title_at:
            parts = [text]
            if a.title_break and a.title_break in text:
                cut = text.index(a.title_break) + len(a.title_break)
                parts = [text[:cut], text[cut:]]
            p.y -= 12
            for part in parts:
                p.line(part, (W - width(part, TITLE)) / 2, size=TITLE, lead=32, bold=True)
            p.y -= 12
        elif i == salutation_at:
            p.line(text, LEFT)
        elif i >= closing_from and (text == doc.get("agency") or (doc.get("date") and i == closing_from + 1)):
            p.line(text, W - RIGHT - width(text) - 2 * BODY)
        elif i > closing_from:
            p.line(text, LEFT)
        else:
            bold = text in headings
            for k, (line, indent, full) in enumerate(wrap(text, 2 * BODY)):
                if a.break_after and line.find(a.break_after) >= 0 and not line.endswith(a.break_after):
                    # Cut the line after the text, justify it, and end the page there.
                    cut = line.index(a.break_after) + len(a.break_after)
                    rest = line[cut:] + text[sum(len(l) for l, _, _ in wrap(text, 2 * BODY)[:k + 1]):]
                    p.line(line[:cut], LEFT + indent, justify=True, bold=bold)
                    p.new_page()
                    for line2, indent2, full2 in wrap(rest, 0):
                        p.line(line2, LEFT + indent2, justify=full2, bold=bold)
                    break
                p.line(line, LEFT + indent, justify=full, bold=bold)

class Counter(Pages):
    def __init__(self):
        self.c = canvas.Canvas("/dev/null", pagesize=(W, H))
        self.pages, self.y = [], None
        self.new_page()

TOTAL = 0
counter = Counter(); layout(counter); TOTAL = len(counter.pages)
real = Pages(); layout(real); real.c.save()
