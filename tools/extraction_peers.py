#!/usr/bin/env python3
"""Peers for extraction throughput, on the same files yz-bench extraction reads.

    tools/extraction_peers.py docx FILE...    python-docx: paragraphs and table cells
    tools/extraction_peers.py html FILE...    trafilatura.extract and readability-lxml
Needs `pip install python-docx trafilatura readability-lxml`.
"""
import io
import os
import sys
import time


def best_of(n, fn):
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def report(name, files, seconds, failed):
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    print("%-44s%8.2f MB/s  %8.0f files/s  (%.3f s, %d files, %.1f MB, %d failed)" % (name, mb / seconds, len(files) / seconds, seconds, len(files), mb, failed))


def docx_peer(files):
    import docx
    failed = [0]

    def run():
        failed[0] = 0
        for f in files:
            try:
                d = docx.Document(f)
                parts = [p.text for p in d.paragraphs]
                for t in d.tables:
                    for row in t.rows:
                        parts.append("\t".join(c.text for c in row.cells))
            except Exception:
                failed[0] += 1
    report("python-docx", files, best_of(3, run), failed[0])


def html_peer(files):
    import trafilatura
    from readability import Document
    pages = [open(f, "rb").read() for f in files]
    failed = [0]

    def traf():
        failed[0] = 0
        for p in pages:
            if trafilatura.extract(p.decode("utf-8", "replace"), favor_recall=False) is None:
                failed[0] += 1
    report("trafilatura.extract", files, best_of(1, traf), failed[0])

    def read():
        failed[0] = 0
        for p in pages:
            try:
                Document(p.decode("utf-8", "replace")).summary()
            except Exception:
                failed[0] += 1
    report("readability-lxml Document.summary", files, best_of(1, read), failed[0])


if __name__ == "__main__":
    mode, files = sys.argv[1], sys.argv[2:]
    if len(files) == 1 and files[0].startswith("@"):
        files = [l for l in open(files[0][1:], encoding="utf-8").read().split("\n") if l]
    {"docx": docx_peer, "html": html_peer}[mode](files)
