"""Times python3-feedparser over the benchmark's feed bodies, in one process.

Usage: feedparser_bench.py LIST_FILE REPS
LIST_FILE names one feed file per line. Every body is read into memory first; only
feedparser.parse(bytes) is timed (interpreter start-up and file reading excluded). One untimed
warm-up pass over the first files, then REPS timed passes; prints one line:
  items=N bytes=B seconds=S1,S2,... maxrss_kb=K version=V
"""
import resource
import sys
import time

import feedparser


def main():
    list_file, reps = sys.argv[1], int(sys.argv[2])
    with open(list_file, encoding="utf-8") as f:
        paths = [line.strip() for line in f if line.strip()]
    bodies = []
    for p in paths:
        with open(p, "rb") as f:
            bodies.append(f.read())
    for body in bodies[:20]:
        feedparser.parse(body)
    times = []
    items = 0
    for _ in range(reps):
        items = 0
        start = time.perf_counter()
        for body in bodies:
            d = feedparser.parse(body)
            for e in d.entries:
                # touch what a reader of the feed would use
                e.get("title")
                e.get("link")
                items += 1
        times.append(time.perf_counter() - start)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("items=%d bytes=%d seconds=%s maxrss_kb=%d version=%s" % (
        items, sum(len(b) for b in bodies), ",".join("%.4f" % t for t in times), maxrss,
        feedparser.__version__))


if __name__ == "__main__":
    main()
