#!/usr/bin/env python3
"""bench/catalog/check.py: the small jobs of bench/catalog.sh that are easier in Python.

  check.py pages TSV PAGE_SIZE MAX_PAGES N FORMAT
      TSV: "slug<TAB>products" per category. Prints up to N paths FORMAT % (slug, page) over every
      category's pages 1..min(pages, MAX_PAGES), page by page across the categories (as
      ../shared/anchors/wrk/products.lua cycles), spread evenly when there are more than N.
  check.py fetch BASE_URL FILE [PREFIX]
      GETs BASE_URL + each line of FILE (PREFIX + the line URL-encoded, when given; '#' lines
      skipped) on one keep-alive connection. One line per URL: status, body bytes, and for a JSON
      answer its number of hits and the first one's name; then a summary line. Exit 1 unless every
      answer is 200.
  check.py compare GROCER_FETCH REFERENCE_FETCH
      Markdown: how many of the queries found something on each side, and the first hit of each.
  check.py targets URL_PREFIX FILE
      vegeta targets: "GET URL_PREFIX<query URL-encoded>" per query of FILE.
"""
import http.client
import json
import sys
import urllib.parse


def lines_of(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def encode(q):
    return urllib.parse.quote(q, safe="-._~")


def pages(tsv, page_size, max_pages, n, fmt):
    cats = []
    for line in open(tsv, encoding="utf-8"):
        if line.strip():
            slug, count = line.rstrip("\n").split("\t")
            cats.append((slug, min(max_pages, -(-int(count) // page_size))))
    pairs = [(slug, p) for p in range(1, max_pages + 1) for slug, last in cats if p <= last]
    if len(pairs) > n:
        pairs = [pairs[i * len(pairs) // n] for i in range(n)]
    for slug, p in pairs:
        print(fmt % (slug, p))


def hits_of(body):
    """(number of hits, name of the first) of a search answer, whatever its exact shape."""
    try:
        doc = json.loads(body)
    except ValueError:
        return None
    items = doc if isinstance(doc, list) else None
    if isinstance(doc, dict):
        for key in ("items", "results", "hits", "products", "data"):
            if isinstance(doc.get(key), list):
                items = doc[key]
                break
    if items is None:
        return None
    total = doc.get("total") if isinstance(doc, dict) and isinstance(doc.get("total"), int) else len(items)
    first = ""
    if items and isinstance(items[0], dict):
        name = items[0].get("name")
        if isinstance(name, dict):   # grocer: {"vi": ..., "en": ...}
            name = name.get("vi")
        first = items[0].get("name_vi") or name or items[0].get("slug") or ""
    return total, first


def fetch(base, path, prefix=None):
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    bad = total_bytes = n = 0
    for line in lines_of(path):
        target = prefix + encode(line) if prefix is not None else line
        conn.request("GET", target)
        r = conn.getresponse()
        body = r.read()
        n += 1
        total_bytes += len(body)
        out = [str(r.status), str(len(body)), line]
        if r.status != 200:
            bad += 1
        elif prefix is not None:
            h = hits_of(body)
            out += [str(h[0]), h[1]] if h else ["?", ""]
        print("\t".join(out))
    print("{} URLs, {} not 200, {:,.0f} bytes a body on average".format(n, bad, total_bytes / max(n, 1)))
    return 1 if bad or n == 0 else 0


def compare(grocer, reference):
    def load(path):
        rows = {}
        for line in open(path, encoding="utf-8").read().splitlines()[:-1]:
            f = line.split("\t")
            if len(f) >= 5:
                rows[f[2]] = (f[3], f[4])
        return rows
    g, r = load(grocer), load(reference)
    none = lambda rows: [q for q, (t, _) in rows.items() if t in ("0", "?")]
    print("Queries that found something: grocer {} / {}, PostgreSQL FTS {} / {}.{}{}\n".format(
        len(g) - len(none(g)), len(g), len(r) - len(none(r)), len(r),
        " Nothing on grocer for: {}.".format(", ".join(none(g))) if none(g) else "",
        " Nothing on PostgreSQL FTS for: {}.".format(", ".join(none(r))) if none(r) else ""))
    print("| query | grocer hits | grocer first hit | PostgreSQL FTS hits | PostgreSQL FTS first hit |")
    print("|---|---:|---|---:|---|")
    for q in g:
        gt, gf = g[q]
        rt, rf = r.get(q, ("–", ""))
        print("| {} | {} | {} | {} | {} |".format(q, gt, gf.replace("|", "\\|"), rt, rf.replace("|", "\\|")))


def targets(prefix, path):
    for q in lines_of(path):
        print("GET " + prefix + encode(q))


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "pages" and len(argv) == 7:
        pages(argv[2], int(argv[3]), int(argv[4]), int(argv[5]), argv[6])
    elif cmd == "fetch" and len(argv) in (4, 5):
        return fetch(argv[2], argv[3], argv[4] if len(argv) == 5 else None)
    elif cmd == "compare" and len(argv) == 4:
        compare(argv[2], argv[3])
    elif cmd == "targets" and len(argv) == 4:
        targets(argv[2], argv[3])
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
