#!/usr/bin/env python3
"""Add-prospects benchmark against a Leadbase server with a seeded directory.

    bench/lists_mix.py --url http://127.0.0.1:8080 --token lb_... [--repeat 10] [--seconds 30] [--connections 32]

1. Bulk: into a fresh list each time, add 1000 people by bulk selection (no filters) at
   startIndex 0 and at 50,000; reports p50/p95 of the request time.
2. Direct: --connections clients for --seconds, each request adding 10 new prospects (direct
   data, unique e-mails) to one shared list; reports requests/s and errors.
Standard library only.
"""
import argparse
import http.client
import json
import threading
import time
import urllib.parse
import uuid


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else float("nan")


class Client:
    def __init__(self, url, token):
        parsed = urllib.parse.urlparse(url)
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def post(self, path, body):
        self.connection.request("POST", path, body=json.dumps(body).encode(), headers=self.headers)
        response = self.connection.getresponse()
        return response.status, json.loads(response.read() or b"null")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--token", required=True)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    client = Client(args.url, args.token)

    print(f"{'bulk add of 1000':28} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} {'added':>6}")
    for start in (0, 50_000):
        times, added = [], None
        for _ in range(args.repeat):
            _, created = client.post("/api/v1/entities/leadlists", {"name": f"bench {uuid.uuid4()}"})
            began = time.perf_counter()
            status, result = client.post(f"/api/v1/entities/leadlists/{created['id']}/add-prospects", {
                "selection": {"mode": "bulk", "startIndex": start, "targetCount": 1000, "filters": {}}})
            times.append((time.perf_counter() - began) * 1000)
            assert status == 200, result
            added = result["addedCount"]
        print(f"{'startIndex ' + str(start):28} {len(times):>5} {percentile(times, .5):>8.1f} {percentile(times, .95):>8.1f} {added:>6}")

    _, shared = client.post("/api/v1/entities/leadlists", {"name": "bench direct"})
    path = f"/api/v1/entities/leadlists/{shared['id']}/add-prospects"
    deadline = time.monotonic() + args.seconds
    lock = threading.Lock()
    counts = {"ok": 0, "errors": 0, "added": 0}
    latencies = []

    def worker():
        own = Client(args.url, args.token)
        while time.monotonic() < deadline:
            people = [{"firstName": "Bench", "lastName": f"Person {i}", "emails": [f"{uuid.uuid4()}@bench.example"]} for i in range(10)]
            began = time.perf_counter()
            try:
                status, result = own.post(path, {"prospects": people})
            except Exception:
                status, result = 0, None
                own = Client(args.url, args.token)
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                if status == 200:
                    counts["ok"] += 1
                    counts["added"] += result["addedCount"]
                    latencies.append(elapsed)
                else:
                    counts["errors"] += 1

    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"direct add of 10, {args.connections} connections, {args.seconds:.0f}s: {counts['ok'] / args.seconds:.1f} req/s, "
          f"{counts['errors']} errors, p50 {percentile(latencies, .5):.1f} ms, p95 {percentile(latencies, .95):.1f} ms, "
          f"{counts['added']} people added")


if __name__ == "__main__":
    main()
