#!/usr/bin/env python3
"""bench/tfb_check.py NAME URL [PSQL...]: the output checks of TechEmpower's database tests,
run by bench/run.sh on each server before it is measured. NAME labels the messages (grocer,
nginx); URL is the server's base URL; PSQL, when given, is a psql command line on the bench
database, used to see that /updates wrote what it answered.

Checks, as TechEmpower's verifier does (and a little stricter): Server, Date and Content-Type
headers; /db is one {"id", "randomNumber"} object of integers in 1..10000; /queries and /updates
answer q=2 -> 2 rows, q=0, q=foo and a missing q -> 1, q=501 -> 500, each row such an object;
/updates left in the table the numbers it answered; /fortunes is text/html; charset=utf-8, 13
rows (the 12 of the table + the one added at request time) sorted by message, every message
escaped (no raw <script>), the Japanese row intact. Prints one line per problem; exits 1 if any.
"""
import html
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request

FORTUNES = [
    (11, '<script>alert("This should not be displayed in a browser alert box.");</script>'),
    (4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
    (5, "A computer program does what you tell it to do, not what you want it to do."),
    (2, "A computer scientist is someone who fixes things that aren't broken."),
    (8, "A list is only as strong as its weakest link. — Donald Knuth"),
    (0, "Additional fortune added at request time."),
    (3, "After enough decimal places, nobody gives a damn."),
    (7, "Any program that runs right is obsolete."),
    (10, "Computers make very fast, very accurate mistakes."),
    (6, "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen"),
    (9, "Feature: A bug with seniority."),
    (1, "fortune: No such file or directory"),
    (12, "フレームワークのベンチマーク"),
]

problems = []


def problem(name, path, what):
    problems.append("{} {}: {}".format(name, path, what))


def get(name, base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        problem(name, path, "status {}".format(e.code))
    except OSError as e:
        problem(name, path, "no answer: {}".format(e))
    return None, None, None


def check_headers(name, path, headers, ctype):
    for h in ("Server", "Date", "Content-Type"):
        if not headers.get(h):
            problem(name, path, "no {} header".format(h))
    got = (headers.get("Content-Type") or "").lower().replace(" ", "")
    if got != ctype.replace(" ", ""):
        problem(name, path, "Content-Type {!r}, expected {!r}".format(headers.get("Content-Type"), ctype))


def check_world(name, path, w):
    if not isinstance(w, dict) or set(w) != {"id", "randomNumber"}:
        problem(name, path, "not an object with exactly id and randomNumber: {!r}".format(w))
        return False
    for k in ("id", "randomNumber"):
        v = w[k]
        if not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= 10000:
            problem(name, path, "{} is not an integer in 1..10000: {!r}".format(k, v))
            return False
    return True


def json_body(name, path, base):
    status, headers, body = get(name, base, path)
    if status is None:
        return None
    check_headers(name, path, headers, "application/json")
    try:
        return json.loads(body)
    except ValueError:
        problem(name, path, "not JSON: {!r}".format(body[:200]))
        return None


def check_db(name, base):
    w = json_body(name, "/db", base)
    if w is not None:
        check_world(name, "/db", w)


def check_many(name, base, test):
    # q=501 last: /updates' answer to it is then what the table holds
    cases = [("?q=2", 2), ("?q=0", 1), ("?q=foo", 1), ("?q=", 1), ("", 1), ("?q=20", 20), ("?q=501", 500)]
    last = None
    for query, want in cases:
        path = "/" + test + query
        rows = json_body(name, path, base)
        if rows is None:
            continue
        if not isinstance(rows, list) or len(rows) != want:
            problem(name, path, "expected a JSON array of {} rows, got {}".format(
                want, len(rows) if isinstance(rows, list) else type(rows).__name__))
            continue
        if all(check_world(name, path, w) for w in rows) and want == 500:
            last = rows
    return last


def check_updates_written(name, base, rows, psql):
    want = {w["id"]: w["randomNumber"] for w in rows}
    ids = ",".join(str(i) for i in sorted(want))
    try:
        out = subprocess.run(psql + ["-tAF,", "-c", "SELECT id, randomnumber FROM world WHERE id IN ({})".format(ids)],
                             check=True, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as e:
        problem(name, "/updates", "could not read world back with psql: {}".format(e))
        return
    have = {int(a): int(b) for a, b in (line.split(",") for line in out.split())}
    wrong = [i for i in want if have.get(i) != want[i]]
    if wrong:
        problem(name, "/updates?q=501", "{} of {} rows do not hold the number answered (id {}: table {}, answer {})".format(
            len(wrong), len(want), wrong[0], have.get(wrong[0]), want[wrong[0]]))


def check_fortunes(name, base):
    path = "/fortunes"
    status, headers, body = get(name, base, path)
    if status is None:
        return
    check_headers(name, path, headers, "text/html; charset=utf-8")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        problem(name, path, "not UTF-8")
        return
    flat = re.sub(r">\s+<", "><", text.strip())
    if not flat.lower().startswith("<!doctype html><html><head><title>fortunes</title></head><body><table>"
                                   "<tr><th>id</th><th>message</th></tr>"):
        problem(name, path, "does not start as the TechEmpower page: {!r}".format(flat[:120]))
    if not flat.lower().endswith("</table></body></html>"):
        problem(name, path, "does not end with </table></body></html>")
    if "<script>" in text:
        problem(name, path, "a raw <script> (a message was not escaped)")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", flat)
    got = [(int(i) if i.isdigit() else i, html.unescape(m)) for i, m in rows]
    if got != FORTUNES:
        problem(name, path, "{} rows; expected the 13 rows sorted by message; first difference: {}".format(
            len(got), next(("row {}: {!r} != {!r}".format(k + 1, a, b) for k, (a, b) in
                             enumerate(zip(got, FORTUNES)) if a != b), "row count")))
    for _, m in rows:
        if re.search(r"[<>\"]", m) or re.search(r"&(?!(amp|lt|gt|quot|#39|#34|#x27|apos);)", m):
            problem(name, path, "message not escaped: {!r}".format(m))
            break


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    name, base, psql = sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3:]
    check_db(name, base)
    check_many(name, base, "queries")
    rows = check_many(name, base, "updates")
    if rows and psql:
        check_updates_written(name, base, rows, psql)
    check_fortunes(name, base)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
