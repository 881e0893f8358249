#!/usr/bin/python3
"""Wraps a saved page into a single-file web archive (.mhtml), as a browser's "save as single file" does:
a multipart/related message whose root part is the page in quoted-printable, in the charset the page
declares, followed by an image part in base64.

usage: make_mhtml.py PAGE.html OUT.mhtml CHARSET"""
import base64, quopri, sys

page, out, charset = open(sys.argv[1], "rb").read(), sys.argv[2], sys.argv[3]
boundary = "----MultipartBoundary--ReplySearchFixture----"
pixel = base64.encodebytes(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")).decode()
text = (
    "From: <Saved by Blink>\r\n"
    "Snapshot-Content-Location: http://www.example.gov.cn/xxgk/jytafw/2023/reply.html\r\n"
    "Subject: =?utf-8?Q?reply?=\r\n"
    "MIME-Version: 1.0\r\n"
    f"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"{boundary}\"\r\n\r\n\r\n"
    f"--{boundary}\r\n"
    f"Content-Type: text/html; charset={charset}\r\n"
    "Content-ID: <frame-root@mhtml.blink>\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "Content-Location: http://www.example.gov.cn/xxgk/jytafw/2023/reply.html\r\n\r\n"
).encode("ascii")
body = quopri.encodestring(page.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
tail = (
    f"\r\n--{boundary}\r\n"
    "Content-Type: image/png\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "Content-Location: http://www.example.gov.cn/images/logo.png\r\n\r\n"
    f"{pixel}\r\n"
    f"--{boundary}--\r\n"
).encode("ascii")
open(out, "wb").write(text + body + tail)
