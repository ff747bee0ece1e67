#!/usr/bin/env python3
"""The fixed cost of a request: one client, one keep-alive connection, requests interleaved
round by round, p50/p95 per kind in milliseconds, and each kind's p50 less `GET /health`'s.

    bench/request_cost.py --url http://127.0.0.1:8080 --token lb_... [--rounds 3000]

Kinds:
  health        GET /health: HTTP alone.
  authenticated GET a person with a malformed id: the token's check, then a 400 before any read.
  count         a people search of size 0 (the exact total alone).
  page10        a people search of size 10.
  page100       a people search of size 100 (the page's records read and written as JSON).

Standard library only. Every answer must have its expected status; any other fails the run.
"""
import argparse
import http.client
import json
import time
import urllib.parse

from search_mix import percentile

SEARCH = "/api/v1/entities/prospects/person"
FILTER = {"contact": {"seniority": {"any": {"include": ["director", "vp", "c_suite"]}}}}


def kinds(token):
    auth = {"Authorization": f"Bearer {token}"}
    post = dict(auth, **{"Content-Type": "application/json"})
    return {
        "health": ("GET", "/health", None, {}, 200),
        "authenticated": ("GET", SEARCH + "/not-a-uuid", None, auth, 400),
        "count": ("POST", SEARCH, json.dumps(dict(FILTER, size=0)).encode(), post, 200),
        "page10": ("POST", SEARCH, json.dumps(dict(FILTER, size=10)).encode(), post, 200),
        "page100": ("POST", SEARCH, json.dumps(dict(FILTER, size=100)).encode(), post, 200),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--rounds", type=int, default=3000)
    parser.add_argument("--warmup", type=int, default=200)
    args = parser.parse_args()
    parsed = urllib.parse.urlparse(args.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    requests = kinds(args.token)
    latencies = {name: [] for name in requests}
    for round_number in range(args.warmup + args.rounds):
        for name, (method, path, body, headers, expected) in requests.items():
            start = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status != expected:
                raise SystemExit(f"{name}: {response.status}, expected {expected}")
            if round_number >= args.warmup:
                latencies[name].append(elapsed)
    health = percentile(latencies["health"], 0.5)
    print(f"{'kind':<14} {'p50 ms':>8} {'p95 ms':>8} {'p50 - health':>13}")
    for name, values in latencies.items():
        p50 = percentile(values, 0.5)
        print(f"{name:<14} {p50:>8.3f} {percentile(values, 0.95):>8.3f} {p50 - health:>13.3f}")


if __name__ == "__main__":
    main()
