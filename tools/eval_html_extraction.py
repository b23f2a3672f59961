#!/usr/bin/env python3
"""How much boilerplate survives and how much body is lost, for yz's HTML extraction and
trafilatura on the same real pages (../shared/data/html-zh).

- cctv_news pages: the article is the element #content_area, which gives a gold body. Body recall
  is the share of gold sentences (split at 。！？ and line breaks, 8+ characters, spaces ignored)
  found in the output; boilerplate is the share of output sentences not in the gold text.
- GeneralNewsExtractor pages have no gold: the script counts output lines carrying page-furniture
  cues (copyright, ICP, share, related lists, login, …) and how far the two extractors agree.

Usage: tools/eval_html_extraction.py YZ_BINARY HTML_ZH_DIR   (needs trafilatura and lxml)
"""
import glob
import json
import os
import re
import subprocess
import sys

import lxml.html
import trafilatura

CUES = ["版权所有", "copyright", "icp备", "icp证", "责任编辑", "分享到", "相关阅读", "相关新闻", "扫一扫", "热门推荐", "推荐阅读",
        "登录", "下载客户端", "关注我们", "网站地图", "广告", "上一篇", "下一篇", "返回顶部", "您当前的位置", "当前位置"]


def sentences(text):
    parts = re.split(r"[。！？!?\n]", text or "")
    return [re.sub(r"\s+", "", p) for p in parts if len(re.sub(r"\s+", "", p)) >= 8]


def squash(text):
    return re.sub(r"\s+", "", text or "")


def yz_texts(yz, files):
    out = subprocess.run([yz, "extract", "--json"] + files, capture_output=True, text=True)
    data = json.loads(out.stdout)
    return {d["path"]: d["text"] for d in data["documents"]}, data["errors"]


def main():
    yz, root = sys.argv[1], sys.argv[2]
    cctv = sorted(glob.glob(os.path.join(root, "cctv_news", "*.shtml")))
    gne = sorted(glob.glob(os.path.join(root, "GeneralNewsExtractor", "tests", "*", "*.html")))
    ours, errors = yz_texts(yz, [os.path.abspath(f) for f in cctv + gne])
    print("yz extract errors:", len(errors))
    rows = {"yz": [0, 0, 0, 0], "trafilatura": [0, 0, 0, 0]}  # gold found, gold total, extra, output total
    for f in cctv:
        raw = open(f, "rb").read().decode("utf-8", "replace")
        tree = lxml.html.fromstring(raw)
        area = tree.get_element_by_id("content_area", None)
        if area is None:
            continue
        gold = area.text_content()
        gold_s, gold_flat = sentences(gold), squash(gold)
        for name, text in (("yz", ours.get(os.path.abspath(f), "")), ("trafilatura", trafilatura.extract(raw) or "")):
            flat = squash(text)
            out_s = sentences(text)
            r = rows[name]
            r[0] += sum(1 for s in gold_s if s in flat)
            r[1] += len(gold_s)
            r[2] += sum(1 for s in out_s if s not in gold_flat)
            r[3] += len(out_s)
    print("\n| extractor | cctv_news pages | body recall (gold sentences found) | boilerplate (output sentences not in body) |")
    print("|---|---:|---:|---:|")
    for name, (found, total, extra, out) in rows.items():
        print("| %s | %d | %.3f (%d/%d) | %.3f (%d/%d) |" % (name, len(cctv), found / max(total, 1), found, total, extra / max(out, 1), extra, out))

    stats = {"yz": [0, 0, 0], "trafilatura": [0, 0, 0]}  # lines, cue lines, chars
    agree = [0, 0, 0, 0]  # yz sentences in traf, yz total, traf sentences in yz, traf total
    for f in gne:
        raw = open(f, "rb").read().decode("utf-8", "replace")
        texts = {"yz": ours.get(os.path.abspath(f), ""), "trafilatura": trafilatura.extract(raw) or ""}
        for name, text in texts.items():
            lines = [l for l in text.split("\n") if l.strip()]
            stats[name][0] += len(lines)
            stats[name][1] += sum(1 for l in lines if len(l) <= 60 and any(c in l.lower() for c in CUES))
            stats[name][2] += len(squash(text))
        y, t = sentences(texts["yz"]), sentences(texts["trafilatura"])
        tf, yf = squash(texts["trafilatura"]), squash(texts["yz"])
        agree[0] += sum(1 for s in y if s in tf); agree[1] += len(y)
        agree[2] += sum(1 for s in t if s in yf); agree[3] += len(t)
    print("\n| extractor | GNE pages | output lines | short lines with furniture cues | characters |")
    print("|---|---:|---:|---:|---:|")
    for name, (lines, cue, chars) in stats.items():
        print("| %s | %d | %d | %d | %d |" % (name, len(gne), lines, cue, chars))
    print("\nAgreement on GNE pages: %.3f of yz's sentences are in trafilatura's output; %.3f of trafilatura's are in yz's."
          % (agree[0] / max(agree[1], 1), agree[2] / max(agree[3], 1)))


if __name__ == "__main__":
    main()
