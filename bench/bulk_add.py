#!/usr/bin/env python3
"""Bulk add-prospects benchmark against a Leadbase server with a seeded directory.

    bench/bulk_add.py --url http://127.0.0.1:8080 --token lb_... [--repeat 10]

Into a fresh list each time, adds 1000 people by bulk selection (no filters) at each of
--starts (startIndex 0 and 50,000 unless told); reports p50/p95 of the request time. (Direct adds are measured with wrk and
bench/direct_add.lua: a Python client could not keep 32 connections busy on 2 cores.)
Standard library only.
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
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--starts", default="0,50000", help="comma-separated startIndex values")
    args = parser.parse_args()
    parsed = urllib.parse.urlparse(args.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120)
    headers = {"Authorization": f"Bearer {args.token}", "Content-Type": "application/json"}

    def post(path, body):
        connection.request("POST", path, body=json.dumps(body).encode(), headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"null")

    print(f"{'bulk add of 1000':28} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} {'added':>6}")
    for start in map(int, args.starts.split(",")):
        times, added = [], None
        for _ in range(args.repeat):
            _, created = post("/api/v1/entities/leadlists", {"name": f"bench {uuid.uuid4()}"})
            began = time.perf_counter()
            status, result = post(f"/api/v1/entities/leadlists/{created['id']}/add-prospects", {
                "selection": {"mode": "bulk", "startIndex": start, "targetCount": 1000, "filters": {}}})
            times.append((time.perf_counter() - began) * 1000)
            assert status == 200, result
            added = result["addedCount"]
        print(f"{'startIndex ' + str(start):28} {len(times):>5} {percentile(times, .5):>8.1f} {percentile(times, .95):>8.1f} {added:>6}")


if __name__ == "__main__":
    main()
