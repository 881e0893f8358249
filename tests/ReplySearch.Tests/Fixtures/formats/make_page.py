#!/usr/bin/python3
"""Writes a saved portal page of a reply whose metadata block is laid out as the portals do, for the HTML
reader's tests.

usage: make_page.py REPLY.json OUT.html LAYOUT [ENCODING]

REPLY.json is `replysearch parse --json` of the twin; its portal metadata (索引号, 发布机构, 内容分类 …) is
written in LAYOUT:
  dl        <dl><dt>索引号</dt><dd>…</dd>…</dl>
  alternate <p>索引号</p><p>…</p>: label and value on alternate lines
  spans     <ul><li><span>索引号：</span><span>…</span></li>…</ul>
  table     <table><tr><th>索引号</th><td>…</td>…</table>
around it the chrome a reader must drop: navigation, breadcrumb, share and print buttons, 上一篇/下一篇
links, a footer with the site's own 主办单位, a script. ENCODING (default utf-8) is declared in a meta tag."""
import html, json, sys

doc = json.load(open(sys.argv[1], encoding="utf-8"))
out, layout = sys.argv[2], sys.argv[3]
encoding = sys.argv[4] if len(sys.argv) > 4 else "utf-8"
meta = doc["metadata"]
e = html.escape
headings = {s["heading"] for s in doc["sections"] if s["heading"]}

if layout == "dl":
    block = "<dl class=\"xxgk-info\">\n" + "\n".join(f"  <dt>{e(k)}：</dt><dd>{e(v)}</dd>" for k, v in meta.items()) + "\n</dl>"
elif layout == "alternate":
    block = "<div class=\"info-box\">\n" + "\n".join(f"  <p class=\"label\">{e(k)}</p>\n  <p class=\"value\">{e(v)}</p>" for k, v in meta.items()) + "\n</div>"
elif layout == "spans":
    block = "<ul class=\"detail-meta\">\n" + "\n".join(f"  <li><span class=\"k\">{e(k)}：</span><span class=\"v\">{e(v)}</span></li>" for k, v in meta.items()) + "\n</ul>"
else:
    items = list(meta.items())
    rows = ["<tr>" + "".join(f"<th>{e(k)}</th><td>{e(v)}</td>" for k, v in items[i:i + 2]) + "</tr>" for i in range(0, len(items), 2)]
    block = "<table class=\"xxgk\" border=\"1\">\n" + "\n".join(rows) + "\n</table>"

body = "\n".join(
    f"<p style=\"text-indent:2em\"><b>{e(p)}</b></p>" if p in headings else f"<p style=\"text-indent:2em\">{e(p)}</p>"
    for p in doc["text"].split("\n"))
agency = e(doc["agency"] or "")
page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{encoding}">
<title>{e(doc["title"] or "")} - {agency}</title>
<script src="/js/jquery.min.js"></script>
<script>window.onload = function () {{ document.getElementById("visits").innerText = "浏览次数：1024"; }};</script>
</head>
<body>
<div class="top-bar">无障碍 | 长者模式 | 繁体版</div>
<ul class="nav"><li><a href="/">首页</a></li><li>机构概况</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; 政务公开 &gt; 建议提案办理</div>
<div class="main-wrap">
{block}
<div class="article">
{body}
</div>
<div class="tools"><span id="visits"></span> <a class="share">分享到：微信</a> <a class="print">打印本页</a> <a class="close">关闭窗口</a></div>
<div class="prev-next"><p class="prev">上一篇：<a href="#">关于推进产学研深度融合的答复</a></p><p class="next">下一篇：<a href="#">关于全面推行河长制湖长制的答复</a></p></div>
</div>
<div class="footer"><p>主办单位：{agency[:3]}市人民政府办公室</p><p>网站标识码：3700000001 鲁ICP备05012345号-1</p></div>
</body></html>
"""
open(out, "wb").write(page.encode(encoding))
