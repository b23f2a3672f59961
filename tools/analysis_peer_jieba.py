#!/usr/bin/env python3
"""Throughput of jieba (precise mode, HMM on) over the same files yz-bench reads: MB/s of UTF-8.

Usage: tools/analysis_peer_jieba.py [--repeat N] FILE...
"""
import sys
import time


def main():
    args = sys.argv[1:]
    repeat = 3
    if args[:1] == ["--repeat"]:
        repeat = int(args[1])
        args = args[2:]
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    docs = [open(p, "rb").read() for p in args]
    total = sum(len(d) for d in docs)
    best = float("inf")
    count = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        count = 0
        for d in docs:
            count += len(jieba.lcut(d.decode("utf-8", "replace")))
        best = min(best, time.perf_counter() - t0)
    mb = total / 1e6
    print("%-44s%8.2f MB/s  (%.3f s best of %d, %.1f MB, %d items)" % ("jieba-lcut", mb / best, best, repeat, mb, count))


if __name__ == "__main__":
    main()
