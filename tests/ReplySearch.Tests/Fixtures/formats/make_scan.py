#!/usr/bin/python3
"""Writes a scanned reply: its first page as a greyscale JPEG of printed text and no text layer, as a
scanner makes it. The reader must report it as needing OCR, not index it empty.

usage: make_scan.py REPLY.json OUT.pdf

Needs Debian's python3-pil, python3-reportlab and fonts-wqy-zenhei."""
import json, sys, tempfile
from PIL import Image, ImageDraw, ImageFont
from reportlab import rl_config
from reportlab.pdfgen import canvas

# Binary streams as they are, not ASCII85 text: a quarter smaller, as PDF writers usually leave them.
rl_config.useA85 = 0
rl_config.invariant = 1  # no creation date or random id: the same input makes the same bytes

doc = json.load(open(sys.argv[1], encoding="utf-8"))
font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 17)
W, H, per_line, per_page = 620, 877, 28, 30  # A4 at 75 dpi
lines = []
for p in doc["text"].split("\n"):
    p = "　　" + p
    lines += [p[i:i + per_line] for i in range(0, len(p), per_line)]
c = canvas.Canvas(sys.argv[2], pagesize=(595, 842))
for start in range(0, per_page, per_page):
    img = Image.new("L", (W, H), 250)
    draw = ImageDraw.Draw(img)
    for k, line in enumerate(lines[start:start + per_page]):
        draw.text((60, 68 + k * 24), line, font=font, fill=30)
    # A JPEG file goes into the PDF as it is (DCTDecode), as scanners write it.
    with tempfile.NamedTemporaryFile(suffix=".jpg") as jpg:
        img.save(jpg.name, format="JPEG", quality=35)
        c.drawImage(jpg.name, 0, 0, 595, 842)
    c.showPage()
c.save()
