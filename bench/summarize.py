#!/usr/bin/env python3
"""bench/summarize.py RAW_DIR: turns the raw runs of bench/run.sh into the markdown of results.md.

Reads RAW_DIR/<test>-c<conns>.<server>.<i>.wrk (+ .cpu: server and PostgreSQL CPU ticks, new
PostgreSQL sessions and access-log lines of that run), RAW_DIR/openloop.<server>.<i>.json (vegeta
reports) and RAW_DIR/machine.txt; prints medians over the runs, the grocer / nginx-lua ratios,
the verdict on the database tests' target and the open-loop latency verdict.
"""
import glob
import json
import os
import re
import statistics
import sys

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}
DB_TESTS = ("db", "queries", "updates", "fortunes")
# issue 4: grocer >= 1.5x nginx-lua on these at 256 connections
TARGET, TARGET_TESTS, TARGET_CONNS = 1.5, ("db", "queries", "fortunes"), 256


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def parse_wrk(path):
    text = open(path).read()
    run = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    run["p50"] = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    run["p99"] = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    run["requests"] = int(re.search(r"(\d+) requests in", text).group(1))
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(x) for x in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        errors += int(m.group(1))
    run["errors"] = errors
    run.update(parse_cpu(path[:-4] + ".cpu", run["requests"]))
    return run


def parse_cpu(path, requests):
    """Server (and PostgreSQL) CPU per request, and the CPU that neither the server, its
    database nor the load generator used during the run (other processes on the machine:
    noise), in % of one core."""
    c = dict(kv.split("=") for kv in open(path).read().split())
    hz, wall = int(c["hz"]), int(c["wall_ns"]) / 1e9
    server = int(c["ticks"]) / hz
    loadgen = int(c["loadgen_ticks"]) / hz
    pg = int(c.get("pg_ticks", 0)) / hz
    other = int(c["machine_ticks"]) / hz - server - loadgen - pg
    return {"cpu_us": server * 1e6 / max(requests, 1), "other_pct": max(other, 0) / wall * 100,
            "loadgen_pct": loadgen / wall * 100, "log_lines": int(c["log_lines"]),
            "pg_us": pg * 1e6 / max(requests, 1), "pg_sessions": int(c.get("pg_new_sessions", -1))}


def med(runs, key):
    return statistics.median(r[key] for r in runs)


def fmt_rps(runs):
    if not runs:
        return "–"
    lo, hi = min(r["rps"] for r in runs), max(r["rps"] for r in runs)
    s = "**{:,.0f}**".format(med(runs, "rps"))
    return s + (" ({:,.0f}–{:,.0f})".format(lo, hi) if len(runs) > 1 else "")


def fmt_ms(runs, key):
    return "{:.2f}".format(med(runs, key)) if runs else "–"


def ratio(a, b):
    return "{:.2f}".format(med(a, "rps") / med(b, "rps")) if a and b else "–"


def wrk_groups(raw):
    """{(test, conns): {server: [run, ...]}} of every wrk run."""
    groups = {}
    for path in sorted(glob.glob(os.path.join(raw, "*.wrk"))):
        m = re.fullmatch(r"(\w+)-c(\d+)\.(\w+)\.(\d+)\.wrk", os.path.basename(path))
        if m:
            groups.setdefault((m.group(1), int(m.group(2))), {}).setdefault(m.group(3), []).append(parse_wrk(path))
    return groups


def add_totals(totals, runs_by_server):
    for name, runs in runs_by_server.items():
        t = totals.setdefault(name, [0, 0])
        t[0] += sum(r["requests"] for r in runs)
        t[1] += sum(r["log_lines"] for r in runs)


def closed_loop(all_groups, totals):
    groups = {k: v for k, v in all_groups.items() if k[0] not in DB_TESTS}
    if not groups:
        return []
    order = {"plaintext": 0, "json": 1, "page": 2}
    out = ["| test | conns | grocer req/s (min–max) | grocer p99 ms | nginx-lua req/s (min–max) "
           "| nginx-lua p99 ms | grocer / nginx-lua | nginx static req/s | grocer / static "
           "| CPU µs/req grocer / nginx | errors grocer / nginx | others' CPU % |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|"]
    for (test, conns) in sorted(groups, key=lambda k: (order.get(k[0], 9), -k[1])):
        g = groups[(test, conns)].get("grocer", [])
        n = groups[(test, conns)].get("nginx", [])
        st = groups[(test, conns)].get("static", [])
        add_totals(totals, groups[(test, conns)])
        cpu = "{} / {}".format(fmt_cpu(g), fmt_cpu(n))
        errs = "{} / {}".format(sum(r["errors"] for r in g), sum(r["errors"] for r in n))
        others = max(r["other_pct"] for r in g + n + st)
        out.append("| /{} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.0f} |".format(
            test, conns, fmt_rps(g), fmt_ms(g, "p99"), fmt_rps(n), fmt_ms(n, "p99"), ratio(g, n),
            fmt_rps(st) if st else "", ratio(g, st) if st else "", cpu, errs, others))
    return out


def fmt_cpu(runs, key="cpu_us"):
    return "{:.1f}".format(med(runs, key)) if runs else "–"


def fmt_errors(runs):
    return str(sum(r["errors"] for r in runs)) if runs else "–"


def fmt_sessions(runs):
    if not runs or any(r["pg_sessions"] < 0 for r in runs):
        return "–"
    return str(sum(r["pg_sessions"] for r in runs))


def db_tests(all_groups, totals, queries):
    """The TechEmpower database tests: a table, and the verdict on the target."""
    groups = {k: v for k, v in all_groups.items() if k[0] in DB_TESTS}
    if not groups:
        return []
    out = ["| test | conns | grocer req/s (min–max) | grocer p99 ms | nginx-lua req/s (min–max) "
           "| nginx-lua p99 ms | grocer / nginx-lua | CPU µs/req grocer / nginx "
           "| PostgreSQL CPU µs/req grocer / nginx | new pg sessions grocer / nginx "
           "| errors grocer / nginx | others' CPU % |",
           "|---|---:|---:|---:|---:|---:|---:|---|---|---|---|---:|"]
    verdict = []
    for (test, conns) in sorted(groups, key=lambda k: (DB_TESTS.index(k[0]), -k[1])):
        g = groups[(test, conns)].get("grocer", [])
        n = groups[(test, conns)].get("nginx", [])
        add_totals(totals, groups[(test, conns)])
        path = "/{}?q={}".format(test, queries) if test in ("queries", "updates") else "/" + test
        out.append("| {} | {} | {} | {} | {} | {} | {} | {} / {} | {} / {} | {} / {} | {} / {} | {:.0f} |".format(
            path, conns, fmt_rps(g), fmt_ms(g, "p99"), fmt_rps(n), fmt_ms(n, "p99"), ratio(g, n),
            fmt_cpu(g), fmt_cpu(n), fmt_cpu(g, "pg_us"), fmt_cpu(n, "pg_us"),
            fmt_sessions(g), fmt_sessions(n), fmt_errors(g), fmt_errors(n),
            max(r["other_pct"] for r in g + n)))
        if test in TARGET_TESTS and conns == TARGET_CONNS:
            if g and n:
                r = med(g, "rps") / med(n, "rps")
                verdict.append("{} {:.2f}× {}".format(path, r, "ok" if r >= TARGET else "**below**"))
            else:
                verdict.append("{} not compared (no nginx runs)".format(path))
    if verdict:
        out.append("")
        out.append("Target (grocer ≥ {}× nginx-lua at {} connections): {}.".format(
            TARGET, TARGET_CONNS, "; ".join(verdict)))
    return out


def open_loop(raw, settings):
    rate_asked = dict(kv.split("=", 1) for kv in settings.split() if "=" in kv)
    runs = {}
    for path in sorted(glob.glob(os.path.join(raw, "openloop.*.json"))):
        server = os.path.basename(path).split(".")[1]
        r = json.load(open(path))
        lat = r["latencies"]
        run = {"p50": lat["50th"] / 1e6, "p99": lat["99th"] / 1e6, "max": lat["max"] / 1e6,
               "success": r["success"], "rate": r["rate"], "throughput": r["throughput"]}
        run.update(parse_cpu(path[:-5] + ".cpu", r["requests"]))
        runs.setdefault(server, []).append(run)
    if not runs:
        return []
    out = ["| server | sent req/s | answered req/s | success | p50 ms | p99 ms | max ms "
           "| CPU µs/req | vegeta CPU % | others' CPU % |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for server in ("grocer", "nginx"):
        rs = runs.get(server)
        if not rs:
            continue
        out.append("| {} | {:,.0f} | {:,.0f} | {:.4f} | {:.2f} | {:.2f} | {:.1f} | {:.1f} | {:.0f} | {:.0f} |".format(
            "nginx-lua" if server == "nginx" else server, med(rs, "rate"), med(rs, "throughput"),
            min(r["success"] for r in rs), med(rs, "p50"), med(rs, "p99"), max(r["max"] for r in rs),
            med(rs, "cpu_us"), med(rs, "loadgen_pct"), max(r["other_pct"] for r in rs)))
    for server, rs in sorted(runs.items()):
        asked = rate_asked.get("RATE")
        if asked and med(rs, "rate") < 0.95 * float(asked):
            out.append("")
            out.append("**vegeta sent {:,.0f} req/s to {}, not the {} asked: the machine was too busy "
                       "for an open-loop test (vegeta itself needs ~60-90 µs of CPU per request).**".format(med(rs, "rate"), server, asked))
    g, n = runs.get("grocer"), runs.get("nginx")
    if g and n:
        gp99, np99 = med(g, "p99"), med(n, "p99")
        ok = min(r["success"] for r in g) >= 0.9999
        out.append("")
        out.append("grocer p99 {:.2f} ms: {} 2 ms, {} nginx-lua's {:.2f} ms{}.".format(
            gp99, "<=" if gp99 <= 2 else "**above**", "<=" if gp99 <= np99 else "**above**", np99,
            "" if ok else "; **grocer failed some requests**"))
    return out


def main():
    raw = sys.argv[1]
    info = {}
    if os.path.exists(os.path.join(raw, "machine.txt")):
        info = dict(line.rstrip("\n").split("=", 1) for line in open(os.path.join(raw, "machine.txt")))
    print("# grocer vs nginx + lua-nginx-module ({})\n".format(info.get("date", "?")))
    print("Machine: {}. Reference: nginx {}. grocer: {}. Load: wrk {}, vegeta.".format(
        info.get("machine", "?"), info.get("nginx", "?"), info.get("grocer", "?") or "?",
        info.get("wrk", "?").split()[0]))
    print("Settings: {}. Body bytes: {}. Before the start, other processes used {} % of a core.\n".format(
        info.get("settings", "?"), info.get("sizes", "?"), info.get("idle_load", "?")))
    groups, totals = wrk_groups(raw), {}
    closed = closed_loop(groups, totals)
    if closed:
        print("## Closed loop: wrk -t2, median of the runs (load generator and server share the 2 cores)\n")
        print("\n".join(closed))
        print("\nCPU µs/req: the server's own CPU (master + workers) per answered request. "
              "Others' CPU %: the most that processes other than the server and wrk used in "
              "any run of the row, in % of one core (noise: above ~10 the row is suspect).\n")
    db = db_tests(groups, totals, re.search(r"QUERIES=(\d+)", info.get("db_settings", "")).group(1)
                  if "QUERIES=" in info.get("db_settings", "") else "?")
    if db:
        print("## TechEmpower database tests: wrk -t2, median of the runs (wrk, server and PostgreSQL share the 2 cores)\n")
        print("PostgreSQL {}; pgmoon {}; {}.\n".format(info.get("postgresql", "?"), info.get("pgmoon", "?"),
                                                      info.get("db_settings", "?")))
        if info.get("pgmoon", "missing") == "missing":
            print("**pgmoon was not found (PGMOON_DIR): nginx-lua was not measured on the database tests.**\n")
        print("\n".join(db))
        print("\nPostgreSQL CPU µs/req: the cluster's processes (postmaster, backends, background "
              "workers) per answered request, during that server's runs. New pg sessions: "
              "connections PostgreSQL accepted during the measured runs (0: the pool held). "
              "Others' CPU % leaves out the server, wrk and PostgreSQL.\n")
    if totals:
        print("Access log lines written / requests answered: " + ", ".join(
            "{} {:,}/{:,}".format(k, v[1], v[0]) for k, v in sorted(totals.items())
            if k != "static") + " (nginx's 64 KB buffer may hold the last few hundred).\n")
    opened = open_loop(raw, info.get("settings", ""))
    if opened:
        print("## Open loop: vegeta, fixed rate on /plaintext, keep-alive (median of the runs, worst max)\n")
        print("\n".join(opened))
        print()
    for name in ("nginx-errors.txt", "grocer-errors.txt"):
        path = os.path.join(raw, name)
        if os.path.exists(path) and os.path.getsize(path):
            lines = open(path, errors="replace").read().splitlines()
            print("{}: {} lines, first: `{}`\n".format(name, len(lines), lines[0][:200]))


if __name__ == "__main__":
    main()
