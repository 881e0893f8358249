#!/usr/bin/env bash
# Regenerates the format fixtures (this folder) and the non-text corpus files (corpus/137–145) from their
# Markdown/text twins. The outputs are committed: tests never run this. Needs Debian's packages
#   apt-get install -y python3-reportlab python3-docx python3-pil fonts-wqy-zenhei
# and the .NET SDK (the twins are read with `replysearch parse --json`, so each format carries exactly
# the paragraphs the parser made of its twin). Run from anywhere: bash make_fixtures.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
py=/usr/bin/python3
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

dotnet build "$repo/src/ReplySearch.Cli" -c Release -v quiet -nologo >/dev/null
rs() { dotnet "$repo/src/ReplySearch.Cli/bin/Release/net10.0/replysearch.dll" "$@"; }
json() { rs parse --json "$1" > "$tmp/$(basename "$1").json"; echo "$tmp/$(basename "$1").json"; }

# ---- test fixtures: twins of replies already in corpus/ -------------------------------------------
c="$repo/corpus"
# The real reply as its PDF: running header, — N — page numbers, 龙湖软|件园 split by a page break.
$py "$here/make_pdf.py" "$(json "$c/000_692654a2db3241dc.txt")" "$here/000_keji_2023.pdf" \
  --header "临沂市科学技术局建议提案答复" --footer dash --break-after 龙湖软
# A title over two centred lines; 第N页 共M页 footers.
$py "$here/make_pdf.py" "$(json "$c/110_letter_kejiting_2020.txt")" "$here/110_kejiting_2020.pdf" \
  --header "浙江省科学技术厅" --footer page-of --title-break 人大三次会议
# A scan: pictures of pages, no text layer.
$py "$here/make_scan.py" "$(json "$c/126_txt_keji_2019.txt")" "$here/126_keji_2019_scan.pdf"
# A PDF that opens only with a password.
$py - "$here/locked.pdf" <<'PY'
import sys
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas
c = canvas.Canvas(sys.argv[1], encrypt=StandardEncryption("secret", ownerPassword="owner", canPrint=0))
c.drawString(72, 720, "A reply behind a password."); c.showPage(); c.save()
PY
# Word with its portal metadata in a table, a page header and a PAGE field in the footer.
$py "$here/make_docx.py" "$(json "$c/105_md_keji_2016.md")" "$here/105_keji_2016.docx" \
  索引号=11370100004188453C/2016-00153 发布机构=济南市科学技术局 成文日期=2016-07-28 公开方式=主动公开 内容分类=科技 提交日期=2016-01-20
# Portal pages with their metadata as a definition list, on alternate lines, as label/value spans.
$py "$here/make_page.py" "$(json "$c/106_portal_shengtai_2020.txt")" "$here/106_shengtai_2020_dl.html" dl
$py "$here/make_page.py" "$(json "$c/116_portal_keji_2025.txt")" "$here/116_keji_2025_alternate.html" alternate
$py "$here/make_page.py" "$(json "$c/121_portal_minzheng_2019.txt")" "$here/121_minzheng_2019_spans.html" spans gbk
# A page saved as a single-file web archive: GBK HTML in quoted-printable.
$py "$here/make_page.py" "$(json "$c/132_portal_nongye_2023.txt")" "$tmp/132.html" table gbk
$py "$here/make_mhtml.py" "$tmp/132.html" "$here/132_nongye_2023.mhtml" gbk
# Plain text in the legacy encodings, without a BOM.
iconv -f utf-8 -t gbk "$c/107_txt_renshe_2017.txt" > "$here/107_renshe_2017_gbk.txt"
iconv -f utf-8 -t big5 "$c/109_trad_keji_2022.txt" > "$here/109_keji_2022_big5.txt"

# ---- corpus files: new replies whose twins live in sources/ --------------------------------------
s="$here/sources"
[ -d "$s" ] || exit 0
$py "$here/make_pdf.py" "$(json "$s/137_pdf_keji_2024.md")" "$c/137_pdf_keji_2024.pdf" --header "潍坊市科学技术局" --footer dash --break-after 孵化载
$py "$here/make_pdf.py" "$(json "$s/138_pdf_jiaotong_2021.md")" "$c/138_pdf_jiaotong_2021.pdf" --header "临沂市交通运输局建议答复" --footer hyphen --title-break 人大五次会议
$py "$here/make_docx.py" "$(json "$s/139_docx_weijian_2022.md")" "$c/139_docx_weijian_2022.docx" \
  索引号=11371300004335212R/2022-00318 发布机构=临沂市卫生健康委员会 成文日期=2022-07-12 公开方式=主动公开 内容分类=卫生健康
$py "$here/make_docx.py" "$(json "$s/140_docx_shuiwu_2023.md")" "$c/140_docx_shuiwu_2023.docx"
$py "$here/make_page.py" "$(json "$s/141_html_minzheng_2024.md")" "$c/141_html_minzheng_2024.html" dl
$py "$here/make_page.py" "$(json "$s/142_html_ziranziyuan_2022.md")" "$c/142_html_ziranziyuan_2022.html" alternate gbk
$py "$here/make_page.py" "$(json "$s/143_mhtml_wenlv_2023.md")" "$tmp/143.html" spans utf-8
$py "$here/make_mhtml.py" "$tmp/143.html" "$c/143_mhtml_wenlv_2023.mhtml" utf-8
iconv -f utf-8 -t gbk "$s/144_gbk_huanbao_2019.txt" > "$c/144_gbk_huanbao_2019.txt"
iconv -f utf-8 -t big5 "$s/145_big5_jiaoyu_2021.txt" > "$c/145_big5_jiaoyu_2021.txt"
