#!/usr/bin/env python3
"""bench/catalog/report.py RAW_DIR: the markdown of build/bench/catalog.md from the raw runs of
bench/catalog.sh.

Reads RAW_DIR/<test>-c<conns>.<server>.<i>.wrk (+ .cpu), RAW_DIR/open-<test>.<server>.<i>.json
(vegeta reports, + .cpu), RAW_DIR/machine.txt and RAW_DIR/search-hits.md; prints medians over
the runs, grocer / reference ratios and the issue's targets. The wrk and CPU parsing is
bench/summarize.py's.
"""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from summarize import med, parse_cpu, parse_wrk  # noqa: E402  (bench/summarize.py)

TESTS = {"category": "category page", "category_sale": "category page, sale",
         "product": "product page", "product_sale": "product page, sale",
         "search": "search", "search_sale": "search, sale"}
# issue 6: at 256 connections, grocer >= 5x the reference's category pages/s and >= 10x its
# search throughput; open loop p99 <= 5 ms at 5,000 pages/s and at 2,000 queries/s
RATIO_TARGETS = {"category": 5.0, "category_sale": 5.0, "search": 10.0, "search_sale": 10.0}
TARGET_CONNS = 256
P99_TARGET_MS = 5.0


def stock_changes(cpu_path):
    """Stock changes per second the sale made during a run (None outside a sale)."""
    c = dict(kv.split("=") for kv in open(cpu_path).read().split())
    if "stock_changes" not in c:
        return None
    return int(c["stock_changes"]) / (int(c["wall_ns"]) / 1e9)


def wrk_max_ms(path):
    m = re.search(r"^\s+Latency\s+\S+\s+\S+\s+(\S+)", open(path).read(), re.M)
    if not m:
        return 0.0
    v = re.fullmatch(r"([\d.]+)(us|ms|s|m)", m.group(1))
    return float(v.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}[v.group(2)]


def closed_runs(raw):
    groups = {}
    for path in sorted(glob.glob(os.path.join(raw, "*.wrk"))):
        m = re.fullmatch(r"(\w+)-c(\d+)\.(\w+)\.(\d+)\.wrk", os.path.basename(path))
        if m:
            run = parse_wrk(path)
            run["max"] = wrk_max_ms(path)
            run["sale"] = stock_changes(path[:-4] + ".cpu")
            groups.setdefault((m.group(1), int(m.group(2))), {}).setdefault(m.group(3), []).append(run)
    return groups


def rps(runs):
    if not runs:
        return "–"
    s = "**{:,.0f}**".format(med(runs, "rps"))
    if len(runs) > 1:
        s += " ({:,.0f}–{:,.0f})".format(min(r["rps"] for r in runs), max(r["rps"] for r in runs))
    return s


def lat(runs):
    if not runs:
        return "–"
    return "{:.2f} / {:.2f} / {:.0f}".format(med(runs, "p50"), med(runs, "p99"), max(r["max"] for r in runs))


def label(test, runs):
    """The test's name; for a sale, with the stock changes a second it made (median)."""
    sales = [r["sale"] for r in runs if r.get("sale") is not None]
    if not sales:
        return TESTS.get(test, test)
    return "{} ({:,.0f} stock changes/s)".format(TESTS.get(test, test), sorted(sales)[len(sales) // 2])


def per_req(runs, key):
    return "{:.0f}".format(med(runs, key)) if runs else "–"


def closed_table(groups, search_path, totals):
    out = ["| test | conns | grocer req/s (min–max) | grocer p50 / p99 / max ms | reference req/s (min–max) "
           "| reference p50 / p99 / max ms | grocer / reference | CPU µs/req grocer / reference "
           "| PostgreSQL CPU µs/req grocer / reference | errors grocer / reference | others' CPU % |",
           "|---|---:|---:|---|---:|---|---:|---|---|---|---:|"]
    verdicts = []
    order = list(TESTS)
    for test, conns in sorted(groups, key=lambda k: (order.index(k[0]) if k[0] in order else 9, -k[1])):
        g = groups[(test, conns)].get("grocer", [])
        n = groups[(test, conns)].get("nginx", [])
        for name, runs in (("grocer", g), ("reference", n)):
            t = totals.setdefault(name, [0, 0])
            t[0] += sum(r["requests"] for r in runs)
            t[1] += sum(r["log_lines"] for r in runs)
        ratio = med(g, "rps") / med(n, "rps") if g and n else None
        out.append("| {} | {} | {} | {} | {} | {} | {} | {} / {} | {} / {} | {} / {} | {:.0f} |".format(
            label(test, g + n), conns, rps(g), lat(g), rps(n), lat(n),
            "**{:.1f}×**".format(ratio) if ratio else "–",
            per_req(g, "cpu_us"), per_req(n, "cpu_us"), per_req(g, "pg_us"), per_req(n, "pg_us"),
            sum(r["errors"] for r in g) if g else "–", sum(r["errors"] for r in n) if n else "–",
            max(r["other_pct"] for r in g + n)))
        if test in RATIO_TARGETS and conns == TARGET_CONNS:
            want = RATIO_TARGETS[test]
            if ratio:
                verdicts.append("{}: {:.1f}× (target ≥ {:.0f}×: {})".format(
                    TESTS[test], ratio, want, "met" if ratio >= want else "**not met**"))
            else:
                verdicts.append("{}: not compared ({} not measured)".format(TESTS[test], "grocer" if not g else "the reference"))
    return out, verdicts


def open_table(raw, settings):
    runs = {}
    for path in sorted(glob.glob(os.path.join(raw, "open-*.json"))):
        test, server = os.path.basename(path).split(".")[0][5:], os.path.basename(path).split(".")[1]
        r = json.load(open(path))
        l = r["latencies"]
        run = {"p50": l["50th"] / 1e6, "p99": l["99th"] / 1e6, "max": l["max"] / 1e6,
               "success": r["success"], "rate": r["rate"], "throughput": r["throughput"]}
        run.update(parse_cpu(path[:-5] + ".cpu", r["requests"]))
        run["sale"] = stock_changes(path[:-5] + ".cpu")
        runs.setdefault((test, server), []).append(run)
    if not runs:
        return [], []
    asked = {"category": settings.get("PAGE_RATE"), "search": settings.get("SEARCH_RATE"),
             "category_sale": settings.get("PAGE_RATE"), "search_sale": settings.get("SEARCH_RATE")}
    out = ["| test | server | asked req/s | sent req/s | answered req/s | success | p50 ms | p99 ms | max ms "
           "| CPU µs/req | PostgreSQL CPU µs/req | others' CPU % |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    verdicts = []
    for (test, server) in sorted(runs, key=lambda k: (list(TESTS).index(k[0]), k[1] != "grocer")):
        rs = runs[(test, server)]
        out.append("| {} | {} | {} | {:,.0f} | {:,.0f} | {:.4f} | {:.2f} | **{:.2f}** | {:.1f} | {:.0f} | {:.0f} | {:.0f} |".format(
            label(test, rs), "reference" if server == "nginx" else server, asked.get(test) or "?",
            med(rs, "rate"), med(rs, "throughput"), min(r["success"] for r in rs), med(rs, "p50"),
            med(rs, "p99"), max(r["max"] for r in rs), med(rs, "cpu_us"), med(rs, "pg_us"),
            max(r["other_pct"] for r in rs)))
        if server == "grocer":
            p99, ok = med(rs, "p99"), min(r["success"] for r in rs) >= 0.9999
            sent_ok = asked.get(test) is None or med(rs, "rate") >= 0.95 * float(asked[test])
            verdicts.append("{} at {} req/s: grocer p99 {:.2f} ms (target ≤ {:.0f} ms: {}){}{}".format(
                TESTS[test], asked.get(test) or "?", p99, P99_TARGET_MS,
                "met" if p99 <= P99_TARGET_MS and ok else "**not met**",
                "" if ok else "; **some requests failed**",
                "" if sent_ok else "; **vegeta sent {:,.0f} req/s, not the rate asked: its 512 connections were all "
                   "waiting for answers (the server is saturated), or the machine was too busy**".format(med(rs, "rate"))))
    return out, verdicts


def main():
    raw = sys.argv[1]
    info = {}
    if os.path.exists(os.path.join(raw, "machine.txt")):
        info = dict(line.rstrip("\n").split("=", 1) for line in open(os.path.join(raw, "machine.txt")))
    settings = dict(kv.split("=", 1) for kv in info.get("settings", "").split() if "=" in kv)
    print("# grocer's catalog vs nginx + lua-nginx-module + pgmoon + PostgreSQL ({})\n".format(info.get("date", "?")))
    print("Machine: {}. grocer: {}. Reference: nginx {}, pgmoon {}. PostgreSQL {} (loopback TCP, one "
          "cluster for both). Load: wrk {}, vegeta.".format(
              info.get("machine", "?"), info.get("grocer", "?"), info.get("nginx", "?"),
              info.get("pgmoon", "?"), info.get("postgresql", "?"), info.get("wrk", "?").split()[0]))
    print("Settings: {}. Catalog: {}. Answers: {}. Before the start, other processes used {} % of a core.\n".format(
        info.get("settings", "?"), info.get("catalog", "?"), info.get("sizes", "?"), info.get("idle_load", "?")))
    if info.get("pgmoon", "missing") == "missing":
        print("**pgmoon was not found (PGMOON_DIR): the reference was not measured, only grocer.**\n")
    print("Paths: category page grocer `/vi/c/<slug>?page=N` vs reference `/products?category=SLUG&page=N`"
          " (24 items of 50,000, one PostgreSQL query per page); product page grocer `/vi/p/<slug>`; "
          "search grocer `{}` vs reference `/search?q=` (PostgreSQL FTS, unaccent + pg_trgm, one "
          "query), the 200 queries of bench/catalog/queries.txt. \"Sale\": while stock changes in {} transactions a "
          "second of {} rows (bench/catalog/sql/sale.sql), during both servers' runs; each change empties "
          "grocer's answer caches.\n".format(info.get("search_path", "?") + "<q>", settings.get("SALE_RATE", "?"),
                                             settings.get("SALE_ROWS", "?")))
    totals = {}
    closed, verdicts = closed_table(closed_runs(raw), info.get("search_path"), totals)
    if len(closed) > 2:
        print("## Closed loop: wrk -t2, median of the runs (wrk, the servers and PostgreSQL share the 2 cores)\n")
        print("\n".join(closed))
        print("\nCPU µs/req: the server's own CPU (master + workers) per answered request; PostgreSQL's: "
              "the cluster's processes during that server's runs. Others' CPU %: the most that other "
              "processes used in any run of the row (% of one core; above ~10 the row is noisy).\n")
        if totals:
            print("Access log lines written / requests answered: " + ", ".join(
                "{} {:,}/{:,}".format(k, v[1], v[0]) for k, v in sorted(totals.items()) if v[0])
                + " (nginx's 64 KB log buffer may hold the last few hundred).\n")
    opened, open_verdicts = open_table(raw, settings)
    if opened:
        print("## Open loop: vegeta at a fixed rate, keep-alive, over the same URL lists (median of the runs, worst max)\n")
        print("\n".join(opened))
        print()
    if verdicts or open_verdicts:
        print("## Targets (issue 6)\n")
        for v in verdicts + open_verdicts:
            print("- " + v)
        print()
    hits = os.path.join(raw, "search-hits.md")
    if os.path.exists(hits):
        print("## Search answers\n")
        print(open(hits, encoding="utf-8").read().split("\n\n")[0] + " The first hit of each query on "
              "both sides: build/bench/catalog/search-hits.md.\n")
    for name in ("nginx-errors.txt", "grocer-errors.txt"):
        path = os.path.join(raw, name)
        if os.path.exists(path) and os.path.getsize(path):
            lines = open(path, errors="replace").read().splitlines()
            print("{}: {} lines, first: `{}`\n".format(name, len(lines), lines[0][:200]))


if __name__ == "__main__":
    main()
