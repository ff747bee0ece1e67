#!/usr/bin/env python3
"""Member reads of a large list, against a Leadbase server with a seeded directory.

    bench/member_reads.py --url http://127.0.0.1:8080 --token lb_... [--members 100000]

Fills a fresh person list with MEMBERS people by bulk selections of 1000 (the directory must hold
that many), then times: reading it page by page (`GET /entities/leads/list/{id}?limit=1000`,
following `Link` until a page is not full), checking that every member comes exactly once in
id order; reading it whole (no `limit`: the Lance form, one array); the list index with and
without member ids (`?members=false`); and the list itself without members. Standard library only.
"""
import argparse
import http.client
import json
import time
import urllib.parse
import uuid

from search_mix import percentile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--token", required=True)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    parsed = urllib.parse.urlparse(args.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=600)
    headers = {"Authorization": f"Bearer {args.token}", "Content-Type": "application/json"}

    def call(method, path, body=None):
        began = time.perf_counter()
        connection.request(method, path, body=json.dumps(body).encode() if body is not None else None, headers=headers)
        response = connection.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status in (200, 201), (response.status, data[:500])
        return elapsed, json.loads(data), len(data), response.getheader("Link")

    _, created, _, _ = call("POST", "/api/v1/entities/leadlists", {"name": f"bench members {uuid.uuid4()}"})
    list_id = created["id"]
    began = time.perf_counter()
    for start in range(0, args.members, 1000):
        count = min(1000, args.members - start)
        _, result, _, _ = call("POST", f"/api/v1/entities/leadlists/{list_id}/add-prospects", {
            "selection": {"mode": "bulk", "startIndex": start, "targetCount": count, "filters": {}}})
        assert result["addedCount"] == count, result
    print(f"filled a list with {args.members} members in {time.perf_counter() - began:.1f} s (bulk adds of 1000)")

    print(f"{'read':44} {'runs':>5} {'p50 ms':>9} {'p95 ms':>9} {'MB':>7}")

    def report(name, times, size):
        print(f"{name:44} {len(times):>5} {percentile(times, .5):>9.1f} {percentile(times, .95):>9.1f} {size / 1e6:>7.2f}")

    page_times, totals = [], []
    for _ in range(args.repeat):
        path, seen, last, began, size = f"/api/v1/entities/leads/list/{list_id}?limit=1000", 0, "", time.perf_counter(), 0
        while path:
            elapsed, page, length, link = call("GET", path)
            page_times.append(elapsed)
            size += length
            for lead in page:
                assert lead["id"] > last, "member id order, each once"
                last = lead["id"]
            seen += len(page)
            path = link[link.index("<") + 1:link.index(">")] if link else None
        assert seen == args.members, (seen, args.members)
        totals.append((time.perf_counter() - began) * 1000)
    report("a page of 1000 leads (limit=1000)", page_times, size / max(1, args.members // 1000))
    report(f"all {args.members} leads, page by page", totals, size)
    whole = []
    for _ in range(max(1, args.repeat // 2)):
        elapsed, leads, size, _ = call("GET", f"/api/v1/entities/leads/list/{list_id}")
        assert len(leads) == args.members
        whole.append(elapsed)
    report(f"all {args.members} leads in one array", whole, size)
    for name, path in [("GET /leadlists (with member ids)", "/api/v1/entities/leadlists"),
                       ("GET /leadlists?members=false", "/api/v1/entities/leadlists?members=false"),
                       ("GET /leadlists/{id}?members=false", f"/api/v1/entities/leadlists/{list_id}?members=false")]:
        times = []
        for _ in range(args.repeat * 4):
            elapsed, _, size, _ = call("GET", path)
            times.append(elapsed)
        report(name, times, size)


if __name__ == "__main__":
    main()
