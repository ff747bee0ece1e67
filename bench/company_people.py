#!/usr/bin/env python3
"""People at one company: `GET /prospects/company/{id}/people/search?size=100` at pages 0 and
--deep, one client, p50/p95 in ms (the people are numbered in the search order, so a deep page
costs a walk to it, not a sort).

    bench/company_people.py --url http://127.0.0.1:8080 --token lb_... --company UUID [--rounds 200]

Standard library only.
"""
import argparse
import http.client
import json
import time
import urllib.parse

from search_mix import percentile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--token", required=True)
    parser.add_argument("--company", required=True)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--deep", type=int, default=50)
    args = parser.parse_args()
    parsed = urllib.parse.urlparse(args.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    headers = {"Authorization": f"Bearer {args.token}"}
    print(f"{'people at the largest company':32} {'total':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for page in (0, args.deep):
        times, total = [], None
        for _ in range(args.rounds):
            began = time.perf_counter()
            connection.request("GET", f"/api/v1/entities/prospects/company/{args.company}/people/search?size=100&page={page}",
                               headers=headers)
            response = connection.getresponse()
            data = response.read()
            times.append((time.perf_counter() - began) * 1000)
            assert response.status == 200, data[:200]
            total = json.loads(data)["totalElements"]
        print(f"{'page ' + str(page):32} {total:>8} {percentile(times, .5):>8.2f} {percentile(times, .95):>8.2f}")


if __name__ == "__main__":
    main()
