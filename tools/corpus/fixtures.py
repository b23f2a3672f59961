#!/usr/bin/env python3
"""Writes the small committed test fixtures of Tests/ExtractionTests/Fixtures (run from the
repository root: python3 tools/corpus/fixtures.py). Every fixture is fictional and made here."""
import io
import json
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
from docx import write_docx, W, R  # noqa: E402

OUT = "Tests/ExtractionTests/Fixtures"

TRANSCRIPT = """谈话记录
谈话时间：2024年3月5日上午9时
谈话地点：青川市交通运输局三楼会议室
谈话人：刘明
谈话对象: 陈晓燕（局办公室副主任）
记录人：赵一鸣
是否实名：是

问：请谈谈你对王建国同志的看法。
答：王建国局长工作作风比较扎实，急难险重任务中表现突出。
据反映，他在跨部门协调时遇到矛盾绕道走。
问: 有没有发现收受礼金礼品等情况？
答: 没有发现收受礼金问题。
刘明：还有别的要补充吗？
陈晓燕：没有了。
"""

NOTEBOOK = """工作学习笔记
2024年3月5日
参加局党组理论学习中心组学习。
会上强调要防止落实不到位。
3月12日
走访吉安社区，了解老旧小区改造进度。
2024-04-01 上午参加全市安全生产会议。
二〇二四年四月十五日
撰写调研报告。
"""

TRADITIONAL = "幹部考察談話記錄：該同志工作認真負責，群眾反映良好。負面清單制度落實到位。\n"


def write(name, data):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def page(body_html, charset_meta):
    return ("""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=%s">
<title>青川市开展干部政治素质考察_青川组工网</title></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news">工作动态</a> | <a href="/about">关于我们</a></div>
<div class="position">您当前的位置：首页 &gt; 工作动态 &gt; 正文</div>
<div class="main"><h1>青川市开展干部政治素质考察</h1>
<div class="info">2024年03月21日 08:08 来源：青川组工网</div>
<div class="article">%s</div>
<div class="share">分享到：微信 微博</div>
<ul class="related"><li><a href="/1">青川召开组织工作会议</a>2024-03-01</li><li><a href="/2">全市干部大会召开</a>2024-02-20</li><li><a href="/3">年轻干部培训班开班</a>2024-02-11</li></ul>
</div>
<div class="footer">Copyright © 2024 青川组工网 版权所有 青ICP备12345678号</div>
<script>var x = "不应出现的脚本文字。";</script>
</body></html>""" % (charset_meta, body_html))


ARTICLE = ("<p>近年来，青川市坚持把政治标准放在首位，对全市处级领导班子逐一开展政治素质考察。</p>"
           "<p>考察组深入一线，采取个别谈话、实地走访、民主测评等方式，多维印证干部表现。</p>"
           "<table><tr><th>单位</th><th>谈话人数</th></tr><tr><td>市交通运输局</td><td>45</td></tr></table>"
           "<p>对存在推诿扯皮、不担当不作为问题的干部及时提醒谈话。</p>")


def main():
    write("transcript.txt", TRANSCRIPT.encode("utf-8"))
    write("transcript-gbk.txt", TRANSCRIPT.encode("gb18030"))
    write("transcript-utf16le.txt", b"\xff\xfe" + TRANSCRIPT.encode("utf-16-le"))
    write("transcript-utf8-bom.txt", b"\xef\xbb\xbf" + TRANSCRIPT.encode("utf-8"))
    write("traditional-big5.txt", TRADITIONAL.encode("big5"))
    # GBK text with one byte that no GB18030 sequence can continue (0x81 then a space), at a known offset.
    bad = "干部考察".encode("gb18030") + b"\x81 " + "谈话记录".encode("gb18030") + "\n".encode()
    write("gbk-invalid-byte.txt", bad)
    write("notebook.txt", NOTEBOOK.encode("utf-8"))
    write("binary.txt", bytes(range(256)) * 4)
    write("empty.txt", b"")
    write("page.html", page(ARTICLE + ARTICLE, "utf-8").encode("utf-8"))  # the body twice, as seed 000
    write("page-gbk.html", page(ARTICLE, "gb2312").encode("gb18030"))
    write("page-declared-gbk-but-utf8.html", page(ARTICLE, "gbk").encode("utf-8"))
    # Sidecar metadata: a file's own, and a folder manifest.
    write("sidecar/talk.txt", TRANSCRIPT.encode("utf-8"))
    write("sidecar/talk.txt.meta.json", json.dumps({"subjects": ["C001"], "unit": "青川市交通运输局", "date": "2024-03-06"}, ensure_ascii=False).encode())
    write("sidecar/manifest.json", json.dumps({"defaults": {"channel": "visit", "realName": False},
                                               "files": {"other.txt": {"informant": "邻居张某"}}}, ensure_ascii=False).encode())
    write("sidecar/other.txt", "走访情况：该同志邻里关系和睦。\n".encode())
    write("sidecar-bad/talk.txt", TRANSCRIPT.encode("utf-8"))
    write("sidecar-bad/talk.txt.meta.json", b'{"channel": "interview", "subjects": "C001",}')

    path = os.path.join(OUT, "report.docx")
    write_docx(path, [
        ("h", "青川市交通运输局领导班子考察报告"),
        ("p", "根据市委安排，考察组于2024年3月对局领导班子进行了考察。", {"footnote": 1}),
        ("table", [["姓名", "职务", "优秀票"], ["王建国", "局长", "38"], ["李红", "副局长", "31"]]),
        ("p", "王建国同志政治立场坚定，工作作风扎实。", {"comment": 0}),
    ], title="领导班子考察报告", author="市委组织部考察组", created="2024-03-20T09:00:00Z", modified="2024-03-21T10:30:00Z",
        header="内部资料 注意保存", footer="第 1 页", footnotes=["考察时间为2024年3月4日至8日。"], comments=["请核实票数。"])
    write_docx(os.path.join(OUT, "transcript.docx"), [("p", line) for line in TRANSCRIPT.strip().split("\n") if line.strip()])
    with open(path, "rb") as f:
        data = f.read()
    write("truncated.docx", data[: len(data) // 2])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in [("[Content_Types].xml", "<Types/>"), ("word/styles.xml", "<styles/>")]:
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), xml, compress_type=zipfile.ZIP_DEFLATED)
    write("no-document.docx", buf.getvalue())
    # A zip bomb: 40 MB of one character in document.xml deflates about 1000:1.
    filler = "<w:p><w:r><w:t>" + "炸" * ((40 << 20) // 3) + "</w:t></w:r></w:p>"
    write_docx(os.path.join(OUT, "bomb.docx"), [], document_xml='<?xml version="1.0"?><w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W, filler))
    # The same bomb with sizes that lie: local header and central directory both claim 1,000 bytes,
    # so only counting bytes as they inflate can stop it.
    with open(os.path.join(OUT, "bomb.docx"), "rb") as f:
        data = bytearray(f.read())
    name = b"word/document.xml"
    i = data.find(b"PK\x03\x04")
    while i != -1:
        n = int.from_bytes(data[i + 26:i + 28], "little")
        if data[i + 30:i + 30 + n] == name:
            data[i + 22:i + 26] = (1000).to_bytes(4, "little")
        i = data.find(b"PK\x03\x04", i + 4)
    i = data.find(b"PK\x01\x02")
    while i != -1:
        n = int.from_bytes(data[i + 28:i + 30], "little")
        if data[i + 46:i + 46 + n] == name:
            data[i + 24:i + 28] = (1000).to_bytes(4, "little")
        i = data.find(b"PK\x01\x02", i + 4)
    write("lying-bomb.docx", bytes(data))
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10) for i in range(1, 10))
              + ']><w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>' % W)
    write_docx(os.path.join(OUT, "billion-laughs.docx"), [], document_xml=laughs)
    deep = '<?xml version="1.0"?><w:document xmlns:w="%s"><w:body>%s<w:p><w:r><w:t>深</w:t></w:r></w:p>%s</w:body></w:document>' % (
        W, "<w:sdt><w:sdtContent>" * 400, "</w:sdtContent></w:sdt>" * 400)
    write_docx(os.path.join(OUT, "deep.docx"), [], document_xml=deep)


if __name__ == "__main__":
    main()
