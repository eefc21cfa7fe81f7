#!/usr/bin/python3
"""bench/inventory/latency.py: produces stock.set messages to Kafka and watches the product pages'
stock streams (Server-Sent Events) in ONE process, then prints produce -> SSE latency.

Owns: the producer (librdkafka through Debian's python3-confluent-kafka, called at a steady rate),
the SSE clients (one raw HTTP/1.1 socket per product, all in one epoll loop with the producer, so
the produce time and the arrival time are read from the same monotonic clock in the same thread),
the matching of events to messages and the report (stdout + a markdown file). Started by
bench/inventory.sh, which owns the broker, PostgreSQL and grocer. Runs on Debian's /usr/bin/python3
(the one python3-confluent-kafka installs into).

A produce time is taken just before Producer.produce(), so the latency covers librdkafka, the
broker, grocer's consumer, PostgreSQL, the read model and the stream. (An earlier version fed
`kcat -P` through a pipe: kcat read its stdin in blocks and held messages for up to seconds.)
"""
import argparse
import json
import os
import re
import select
import signal
import socket
import sys
import time

from confluent_kafka import Producer as KafkaProducer

LEVEL_RE = re.compile(r'class="stock stock-(\w+)"')
# the fragment: <strong>LEVEL</strong> at STORE · chỉ còn N <a ...>: N is the number after "·"
LEFT_RE = re.compile(r'\u00b7[^0-9<]*?(\d+)')


def now_ns():
    return time.monotonic_ns()


def log(msg):
    print("[inventory %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


class SSEClient:
    """One product's stream: a non-blocking socket, de-chunked, split into events."""

    def __init__(self, idx, port, lang, slug, store):
        self.idx = idx
        self.slug = slug
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        req = ("GET /%s/p/%s/stock HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAccept: text/event-stream\r\n"
               "Cookie: grocer_store=%s\r\n\r\n" % (lang, slug, port, store))
        self.sock.sendall(req.encode())
        self.sock.setblocking(False)
        self.raw = b""          # bytes not yet de-chunked
        self.body = b""         # de-chunked bytes not yet split into events
        self.headers_done = False
        self.chunked = False
        self.status = None
        self.closed = False
        self.events = []        # (arrival_ns, level, n or None)

    def fileno(self):
        return self.sock.fileno()

    def on_readable(self, t):
        try:
            data = self.sock.recv(65536)
        except BlockingIOError:
            return
        if not data:
            self.closed = True
            return
        self.raw += data
        if not self.headers_done:
            end = self.raw.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.raw[:end].decode("latin-1")
            self.raw = self.raw[end + 4:]
            self.headers_done = True
            self.status = int(head.split(" ", 2)[1])
            self.chunked = "transfer-encoding: chunked" in head.lower()
            if self.status != 200:
                raise RuntimeError("GET /p/%s/stock answered %d" % (self.slug, self.status))
        if self.chunked:
            while True:
                nl = self.raw.find(b"\r\n")
                if nl < 0:
                    break
                size = int(self.raw[:nl].split(b";")[0], 16)
                if len(self.raw) < nl + 2 + size + 2:
                    break
                self.body += self.raw[nl + 2:nl + 2 + size]
                self.raw = self.raw[nl + 2 + size + 2:]
                if size == 0:
                    self.closed = True
                    break
        else:
            self.body += self.raw
            self.raw = b""
        self.body = self.body.replace(b"\r\n", b"\n")
        while True:
            end = self.body.find(b"\n\n")
            if end < 0:
                break
            block = self.body[:end].decode("utf-8", "replace")
            self.body = self.body[end + 2:]
            name, data = "message", []
            for line in block.split("\n"):
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip(" "))
            if name != "stock":
                continue
            html = "\n".join(data)
            m = LEVEL_RE.search(html)
            level = m.group(1) if m else "?"
            m = LEFT_RE.search(html) if level == "low" else None
            self.events.append((t, level, int(m.group(1)) if m else None))


class Producer:
    """One librdkafka producer; send() queues a message and hands it to librdkafka's threads."""

    def __init__(self, brokers, topic, opts):
        conf = {"bootstrap.servers": brokers}
        for o in opts:
            k, _, v = o.partition("=")
            conf[k] = v
        self.conf = conf
        self.topic = topic
        self.kp = KafkaProducer(conf)
        self.failed = 0

    def _report(self, err, msg):
        if err is not None:
            self.failed += 1

    def send(self, key, value):
        data = json.dumps(value, separators=(",", ":")).encode()
        t = now_ns()
        self.kp.produce(self.topic, data, key.encode(), on_delivery=self._report)
        self.kp.poll(0)
        return t

    def poll(self):
        self.kp.poll(0)

    def close(self):
        left = self.kp.flush(10)
        if left:
            log("%d messages not delivered at exit" % left)


def message(run, seq, store, sku, qty, reason):
    return {"id": "bench-%s-%d" % (run, seq), "type": "stock.set", "store": store, "sku": sku,
            "quantity": qty, "reason": reason,
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def pump(ep, clients_by_fd, until_ns, producer):
    """Reads what arrives until until_ns (monotonic), serving the producer's delivery reports."""
    while True:
        producer.poll()
        left = until_ns - now_ns()
        if left <= 0:
            return
        for fd, _ in ep.poll(min(left / 1e9, 0.005)):
            t = now_ns()
            clients_by_fd[fd].on_readable(t)


def wait_level(ep, clients, clients_by_fd, level, since_idx, timeout_s, producer):
    """Until every client has an event of `level` after its event number since_idx[c]."""
    end = now_ns() + int(timeout_s * 1e9)
    while now_ns() < end:
        if all(any(e[1] == level for e in c.events[since_idx[c.idx]:]) for c in clients):
            return True
        pump(ep, clients_by_fd, min(end, now_ns() + 50_000_000), producer)
    return False


def percentile(sorted_vals, p):
    if not sorted_vals:
        return float("nan")
    k = max(0, min(len(sorted_vals) - 1, int(round(p / 100.0 * len(sorted_vals) + 0.5)) - 1))
    return sorted_vals[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--brokers", required=True)
    ap.add_argument("--topic", default="inventory-adjustments")
    ap.add_argument("--store", required=True)
    ap.add_argument("--products", required=True, help="file: SKU SLUG per line")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--rate", type=float, default=1000)
    ap.add_argument("--low", type=int, default=5, help="LOW_PIECES of scripts/shop/format.lua")
    ap.add_argument("--lang", default="vi")
    ap.add_argument("--producer-opt", action="append", default=[], help="librdkafka setting NAME=VALUE")
    ap.add_argument("--warmup", type=float, default=20, help="seconds at --rate before measuring")
    ap.add_argument("--drain", type=float, default=30, help="seconds to wait for the last events")
    ap.add_argument("--out", required=True)
    ap.add_argument("--sent-log", help="also write 'event_id unix_time' per measured message to this file")
    ap.add_argument("--samples", help="also write 'produce_ms latency_ms' per matched event to this file")
    ap.add_argument("--context", default="", help="lines to put at the top of the markdown")
    a = ap.parse_args()

    products = [l.split() for l in open(a.products) if l.strip()]
    K = len(products)
    run = "%d-%d" % (int(time.time()), os.getpid())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    clients = [SSEClient(i, a.port, a.lang, slug, a.store) for i, (sku, slug) in enumerate(products)]
    by_fd = {c.fileno(): c for c in clients}
    ep = select.epoll()
    for c in clients:
        ep.register(c.fileno(), select.EPOLLIN)
    producer = Producer(a.brokers, a.topic, a.producer_opt)

    def round_robin(count, reason):
        """Sends count stock.set at --rate: message j to product j % K with quantity cycling
        1..--low, so each product's stock line reads "left N" with N different from its previous
        message's. Yields (product, quantity, produce_ns, event id, ns behind schedule) per send."""
        nonlocal seq
        interval = 1e9 / a.rate
        start = now_ns()
        for j in range(count):
            due = start + int(j * interval)
            pump(ep, by_fd, due, producer)
            late = now_ns() - due
            p, qty = j % K, (j // K) % a.low + 1
            sku = products[p][0]
            seq += 1
            t = producer.send(a.store + ":" + sku, message(run, seq, a.store, sku, qty, reason))
            yield p, qty, t, "bench-%s-%d" % (run, seq), late
    log("producer: %s" % producer.conf)
    seq = 0
    try:
        # the first event of each stream: the stock line as it is now
        end = now_ns() + 10 * 10**9
        while now_ns() < end and not all(c.events for c in clients):
            pump(ep, by_fd, now_ns() + 50_000_000, producer)
        if not all(c.events for c in clients):
            raise RuntimeError("not every stream sent its first stock event within 10 s")
        # warm-up: until the consumers have joined and every product's partition is consumed, set
        # each product to plenty ("in"); then --warmup seconds at the measured rate, unmeasured (a
        # broker just started runs its JIT compiler and is several times slower for a minute);
        # then every product to 0 ("out"), so the measured run starts with nothing in flight.
        for qty, level in ((1000, "in"), (0, "out")):
            if level == "out" and a.warmup > 0:
                log("warm-up: %g s at %g/s" % (a.warmup, a.rate))
                for _ in round_robin(int(a.warmup * a.rate), "bench-warmup"):
                    pass
            since = {c.idx: len(c.events) for c in clients}
            if level == "in":
                since = {c.idx: 0 for c in clients}
            deadline = time.monotonic() + 90
            while True:
                for sku, _ in products:
                    seq += 1
                    producer.send(a.store + ":" + sku, message(run, seq, a.store, sku, qty, "bench-warmup"))
                if wait_level(ep, clients, by_fd, level, since, 2, producer):
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError("warm-up: the streams did not show '%s' within 90 s "
                                       "(consumer not running?)" % level)
                log("warm-up: waiting for the consumers (every stream to show '%s')" % level)
        pump(ep, by_fd, now_ns() + 500_000_000, producer)     # let stragglers of the warm-up pass
        base = {c.idx: len(c.events) for c in clients}
        log("warm-up done; producing %d stock.set at %g/s over %d products" % (a.count, a.rate, K))

        # measured: round_robin again, each send recorded
        sent = [[] for _ in range(K)]          # per product: (qty, produce_ns)
        sent_log = []
        t0 = now_ns()
        late_max = 0
        for p, qty, t, event_id, late in round_robin(a.count, "bench"):
            late_max = max(late_max, late)
            if a.sent_log:
                sent_log.append("%s %.6f\n" % (event_id, time.time()))
            sent[p].append((qty, t))
        t_last = now_ns()
        produce_s = (t_last - t0) / 1e9
        # drain: until every product's last message is shown, or --drain seconds
        end = now_ns() + int(a.drain * 1e9)
        drained = False
        while now_ns() < end:
            if all(c.events[-1][2] == sent[c.idx][-1][0] and len(c.events) > base[c.idx] for c in clients):
                drained = True
                break
            pump(ep, by_fd, min(end, now_ns() + 20_000_000), producer)
        pump(ep, by_fd, now_ns() + 200_000_000, producer)
    finally:
        producer.close()
        for c in clients:
            try:
                c.sock.close()
            except OSError:
                pass

    # match: per product, events and messages are both in order; an event showing N belongs to
    # the first not yet matched message with quantity N. Messages it passed over were overwritten
    # before the page looked (coalesced: the page never showed them).
    lat, samples, unmatched, coalesced = [], [], 0, 0
    for c in clients:
        msgs = sent[c.idx]
        pos = 0
        for (t, level, n) in c.events[base[c.idx]:]:
            j = pos
            while j < len(msgs) and not (level == "low" and msgs[j][0] == n):
                j += 1
            if j == len(msgs):
                unmatched += 1
                continue
            coalesced += j - pos
            lat.append((t - msgs[j][1]) / 1e6)
            samples.append(((msgs[j][1] - t0) / 1e6, lat[-1]))
            pos = j + 1
        coalesced += len(msgs) - pos
    if a.sent_log:
        with open(a.sent_log, "w") as f:
            f.writelines(sent_log)
    if a.samples:
        with open(a.samples, "w") as f:
            f.writelines("%.3f %.3f\n" % x for x in sorted(samples))
    lat.sort()
    received = sum(len(c.events) - base[c.idx] for c in clients)
    rows = [
        ("messages produced", "%d (%d failed delivery)" % (a.count, producer.failed)),
        ("produce rate achieved", "%.1f /s (%.3f s; latest send %.2f ms behind schedule)"
         % (a.count / produce_s if produce_s else 0, produce_s, late_max / 1e6)),
        ("products (SSE clients)", "%d (each changes every %.0f ms)" % (K, K * 1000 / a.rate)),
        ("stock events received", "%d (%s)" % (received, "every product's last message shown %.2f s after the last produce"
                                                % ((max(c.events[-1][0] for c in clients) - t_last) / 1e9)
                                                if drained else "NOT all last messages shown within %g s" % a.drain)),
        ("events matched to a message", "%d" % len(lat)),
        ("events matching no message", "%d" % unmatched),
        ("messages never shown (missing: coalesced or lost)", "%d" % coalesced),
        ("latency p50", "%.2f ms" % percentile(lat, 50)),
        ("latency p90", "%.2f ms" % percentile(lat, 90)),
        ("latency p99", "%.2f ms" % percentile(lat, 99)),
        ("latency max", "%.2f ms" % (lat[-1] if lat else float("nan"))),
        ("latency min", "%.2f ms" % (lat[0] if lat else float("nan"))),
        ("target p99 <= 10 ms", "MET" if lat and percentile(lat, 99) <= 10 else "NOT MET"),
    ]
    md = ["# bench/inventory: Kafka stock.set -> product page stock stream (SSE)", ""]
    if a.context:
        md += [a.context.replace("\\n", "\n"), ""]
    md += ["| measure | value |", "| --- | --- |"] + ["| %s | %s |" % r for r in rows]
    # a coarse histogram
    edges = [1, 2, 5, 10, 20, 30, 50, 100, 1000]
    md += ["", "| latency | events |", "| --- | --- |"]
    lo = 0
    for e in edges:
        md.append("| %g–%g ms | %d |" % (lo, e, sum(1 for x in lat if lo <= x < e)))
        lo = e
    md.append("| ≥ %g ms | %d |" % (lo, sum(1 for x in lat if x >= lo)))
    text = "\n".join(md) + "\n"
    with open(a.out, "w") as f:
        f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
