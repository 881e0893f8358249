#!/usr/bin/env python3
"""Writes a saved-portal-page twin of a corpus reply, for the HTML reader's tests.

usage: replysearch parse --json corpus/101_md_jiaoyu_2023.md > 101.json
       python3 make_html.py 101.json 101_jiaoyu_2023.html

The reply's paragraphs sit inside nested layout tables, below a GB2312-declared head, a navigation bar,
a breadcrumb, a metadata table, share buttons and 上一篇/下一篇 links, above a footer with the site's own
主办单位 — the chrome a reader must drop. The file is written in GBK."""
import html, json, sys

doc = json.load(open(sys.argv[1], encoding="utf-8"))
paras = doc["text"].split("\n")
headings = {s["heading"] for s in doc["sections"] if s["heading"]}
body = "\n".join(
    f'<p style="text-indent:2em"><strong>{html.escape(p)}</strong></p>' if p in headings else f"<p>{html.escape(p)}</p>"
    for p in paras)
page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{html.escape(doc["title"])}_{html.escape(doc["agency"])}</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.share {{ color: red }}</style></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></div>
<table width="1000" align="center"><tr><td>
  <div class="position">您现在的位置：<a href="/">首页</a> &gt; 政务公开 &gt; 建议提案办理</div>
  <table class="xxgk" border="1">
    <tr><th>索引号</th><td>11370700MB2853311X/2023-00042</td><th>发布机构</th><td>{html.escape(doc["agency"])}</td></tr>
    <tr><th>成文日期</th><td>{doc["date"]}</td><th>公开方式</th><td>主动公开</td></tr>
    <tr><th>内容分类</th><td>教育</td><th>建议标题</th><td>{html.escape(doc["proposalTitle"] or "")}</td></tr>
  </table>
  <table width="100%"><tr><td class="content">
    <div id="zoom">
{body}
    </div>
  </td></tr></table>
  <div class="share">分享到：微信 微博</div>
  <div class="print">【打印本页】【关闭窗口】</div>
  <div class="pager">上一篇：<a href="#">关于推进产学研合作的答复</a><br>下一篇：<a href="#">关于全面落实河长制的答复</a></div>
</td></tr></table>
<div class="footer">主办单位：潍坊市人民政府办公室 网站标识码：3707000001 鲁ICP备05012345号</div>
</body></html>
"""
open(sys.argv[2], "wb").write(page.encode("gbk"))
