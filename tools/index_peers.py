#!/usr/bin/env python3
"""Peers for indexing and query benchmarks on the same files and queries as yz:

    tools/index_peers.py CORPUS_DIR QUERIES_FILE WORK_DIR

- tantivy-py, Python-made CJK bigrams, phrase queries (exact: adjacency checked);
- tantivy-py, jieba-segmented text, phrase queries of the jieba-segmented query;
- SQLite FTS5 with the trigram tokenizer (2-character queries fall back to LIKE, a scan);
- ripgrep -l -F: the ground truth for hit counts (raw text; the corpus is Simplified UTF-8).
Indexing time includes reading the files and making the tokens; query latency is in process,
each query once to warm up then 20 timed runs, top 10.
"""
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def bigrams(text):
    out = []
    for run in HAN.findall(text):
        if len(run) == 1:
            out.append(run)
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
        out.append("|")  # a run boundary: phrases cannot cross it
    return " ".join(out)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def timed_queries(name, queries, run):
    times, hits = [], {}
    for q in queries:
        hits[q] = run(q)
        for _ in range(20):
            t0 = time.perf_counter()
            run(q)
            times.append((time.perf_counter() - t0) * 1e6)
    print("%-40s p50 %8.0f µs  p99 %8.0f µs" % (name, percentile(times, 0.5), percentile(times, 0.99)))
    return hits


def main():
    corpus, queries_file, work = sys.argv[1:4]
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus))
    texts = [open(f, encoding="utf-8").read() for f in files]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    queries = [q for q in open(queries_file, encoding="utf-8").read().split("\n") if q]
    os.makedirs(work, exist_ok=True)
    results = {}

    # ripgrep: ground truth
    truth = {}
    t0 = time.perf_counter()
    for q in queries:
        out = subprocess.run(["rg", "-l", "-F", "--", q, corpus], capture_output=True, text=True).stdout
        truth[q] = len([l for l in out.split("\n") if l])
    print("%-40s %8.1f ms per query (process per query, no index)" % ("ripgrep -l -F", (time.perf_counter() - t0) * 1000 / len(queries)))

    import tantivy
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()

    def build(name, make_body):
        """A tantivy index of every file's body as `make_body` tokenises it; returns it and MB/s."""
        schema_builder = tantivy.SchemaBuilder()
        schema_builder.add_text_field("body", stored=False, tokenizer_name="default")
        schema_builder.add_text_field("path", stored=True)
        path = os.path.join(work, name)
        os.makedirs(path, exist_ok=True)
        t0 = time.perf_counter()
        index = tantivy.Index(schema_builder.build(), path=path)
        writer = index.writer(heap_size=256 << 20, num_threads=2)
        for f, t in zip(files, texts):
            writer.add_document(tantivy.Document(body=make_body(t), path=f))
        writer.commit()
        writer.wait_merging_threads()
        rate = mb / (time.perf_counter() - t0)
        size = sum(os.path.getsize(os.path.join(path, x)) for x in os.listdir(path))
        index.reload()
        return index, rate, size / 1e6 / mb

    def phrase_counter(index, split):
        searcher = index.searcher()

        def run(q):
            parts = split(q)
            query = index.parse_query('"%s"' % " ".join(parts), ["body"]) if len(parts) > 1 else index.parse_query(parts[0], ["body"])
            return searcher.search(query, 10, count=True).count
        return run

    index, rate, ratio = build("tantivy-bigrams", bigrams)
    print("%-40s %8.2f MB/s  index %.2f × raw" % ("tantivy-py index, Python bigrams", rate, ratio))
    results["tantivy bigrams"] = timed_queries("tantivy-py bigram phrase queries", queries,
                                               phrase_counter(index, lambda q: bigrams(q).replace(" |", "").split()))
    index2, rate, _ = build("tantivy-jieba", lambda t: " ".join(jieba.lcut(t)))
    print("%-40s %8.2f MB/s" % ("tantivy-py index, jieba words", rate))
    results["tantivy jieba"] = timed_queries("tantivy-py jieba phrase queries", queries,
                                             phrase_counter(index2, lambda q: [w for w in jieba.lcut(q) if w.strip()]))

    # SQLite FTS5 trigram
    db_path = os.path.join(work, "fts5.sqlite")
    if os.path.exists(db_path):
        os.remove(db_path)
    t0 = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("create virtual table docs using fts5(body, tokenize='trigram')")
    db.executemany("insert into docs(body) values (?)", [(t,) for t in texts])
    db.commit()
    seconds = time.perf_counter() - t0
    print("%-40s %8.2f MB/s  index %.2f × raw" % ("SQLite FTS5 trigram index", mb / seconds, os.path.getsize(db_path) / 1e6 / mb))

    def fq(q):
        if len(q) >= 3:
            return db.execute("select count(*) from docs where docs match ?", ('"%s"' % q,)).fetchone()[0]
        return db.execute("select count(*) from docs where body like ?", ("%" + q + "%",)).fetchone()[0]
    results["fts5"] = timed_queries("SQLite FTS5 trigram (LIKE for 2 chars)", queries, fq)

    print("\nhit counts: query, ripgrep, " + ", ".join(results))
    for q in queries:
        print("%s\t%d\t%s" % (q, truth[q], "\t".join(str(results[k][q]) for k in results)))
    for k in results:
        exact = sum(1 for q in queries if results[k][q] == truth[q])
        print("%-40s %d/%d queries with ripgrep's count" % (k, exact, len(queries)))


if __name__ == "__main__":
    main()
