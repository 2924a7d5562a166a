#!/usr/bin/env python3
"""Measures a running `baton dev` node: submits N echo tasks in batches from a few threads, waits until all are
finished, then prints tasks/s and submit->dispatch p50/p99 read from the node's own Prometheus histogram.

Usage: scripts/demo-load.py [--url http://127.0.0.1:8080] [--tasks 20000] [--batch 100] [--threads 4]
Loopback only; bounded by --tasks and --timeout. A stop-gap until `baton bench` (issue 6)."""
import argparse, json, threading, time, urllib.request, re, sys

p = argparse.ArgumentParser()
p.add_argument("--url", default="http://127.0.0.1:8080")
p.add_argument("--token-file", default="data/admin.token")
p.add_argument("--tasks", type=int, default=20000)
p.add_argument("--batch", type=int, default=100)
p.add_argument("--threads", type=int, default=4)
p.add_argument("--capability", default="echo")
p.add_argument("--timeout", type=float, default=300)
a = p.parse_args()
if not a.url.startswith(("http://127.", "http://localhost", "http://[::1]")):
    sys.exit("demo-load targets loopback addresses only")
token = open(a.token_file).read().strip()

def call(method, path, body=None):
    req = urllib.request.Request(a.url + path, method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read().decode()

def histogram(text, name):
    buckets = []
    for m in re.finditer(r'^%s_bucket\{le="([^"]+)"[^}]*\} (\S+)$' % name, text, re.M):
        le = float("inf") if m.group(1) == "+Inf" else float(m.group(1))
        buckets.append((le, float(m.group(2))))
    return sorted(buckets)

def quantile(buckets, before, q):
    diffs = [(le, c - dict(before).get(le, 0.0)) for le, c in buckets]
    total = diffs[-1][1] if diffs else 0
    for le, c in diffs:
        if total and c >= q * total:
            return le
    return float("nan")

before = histogram(call("GET", "/metrics"), "baton_task_dispatch_latency_seconds")
per_thread = a.tasks // a.threads
ids, lock = [], threading.Lock()

def submitter():
    sent = 0
    while sent < per_thread:
        n = min(a.batch, per_thread - sent)
        reply = json.loads(call("POST", "/v1/tasks/batch",
                                {"tasks": [{"capability": a.capability, "input": {"i": i}} for i in range(n)]}))
        with lock:
            ids.extend(t["id"] for t in reply["tasks"])
        sent += n

start = time.time()
threads = [threading.Thread(target=submitter) for _ in range(a.threads)]
[t.start() for t in threads]
[t.join() for t in threads]
submitted_at = time.time()
deadline = start + a.timeout
while time.time() < deadline:
    metrics = call("GET", "/metrics")
    m = re.search(r'^baton_tasks\{state="queued"\} (\S+)', metrics, re.M)
    r = re.search(r'^baton_tasks\{state="running"\} (\S+)', metrics, re.M)
    l = re.search(r'^baton_tasks\{state="leased"\} (\S+)', metrics, re.M)
    if sum(float(x.group(1)) for x in (m, r, l)) == 0:
        break
    time.sleep(0.05)
done_at = time.time()
after = histogram(call("GET", "/metrics"), "baton_task_dispatch_latency_seconds")
total = len(ids)
print(f"submitted {total} tasks in {submitted_at - start:.2f}s ({total / (submitted_at - start):.0f} submits/s)")
print(f"all finished after {done_at - start:.2f}s: {total / (done_at - start):.0f} tasks/s end to end")
print(f"submit->dispatch p50 <= {quantile(after, before, 0.5) * 1000:.1f} ms, "
      f"p99 <= {quantile(after, before, 0.99) * 1000:.1f} ms (histogram bucket upper bounds)")
