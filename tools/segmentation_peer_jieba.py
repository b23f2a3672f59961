#!/usr/bin/env python3
"""Score jieba's word segmentation on a SIGHAN gold file, exactly as `yz eval segmentation` does.

Usage: tools/segmentation_peer_jieba.py GOLD [--userdict WORDS] [--json]

A predicted word counts as correct when both of its boundaries (byte offsets into the unspaced
sentence) match a gold word; punctuation counts as words; white space is left out.
Needs `pip install jieba`.
"""
import argparse
import json
import sys
import time


def spans(words):
    out, pos = [], 0
    for w in words:
        n = len(w.encode("utf-8"))
        if w.strip():
            out.append((pos, pos + n))
        pos += n
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--userdict")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    if args.userdict:
        jieba.load_userdict(args.userdict)
    gold_n = pred_n = correct = sentences = 0
    seconds = 0.0
    with open(args.gold, encoding="utf-8") as f:
        for line in f:
            words = [w for w in line.replace("\u3000", " ").split() if w]
            if not words:
                continue
            sentences += 1
            text = "".join(words)
            t0 = time.perf_counter()
            predicted = spans(jieba.lcut(text))
            seconds += time.perf_counter() - t0
            gold = set(spans(words))
            gold_n += len(gold)
            pred_n += len(predicted)
            correct += sum(1 for s in predicted if s in gold)
    p = correct / pred_n if pred_n else 0.0
    r = correct / gold_n if gold_n else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    result = {"sentences": sentences, "goldWords": gold_n, "predictedWords": pred_n,
              "correctWords": correct, "precision": p, "recall": r, "f1": f1, "seconds": seconds}
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        print(f"precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}")


if __name__ == "__main__":
    sys.exit(main())
