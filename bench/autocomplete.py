#!/usr/bin/env python3
"""Autocomplete latency against a Leadbase server with a seeded directory.

    bench/autocomplete.py --url http://127.0.0.1:8080 --token lb_... [--clients 4] [--repeat 3]

For each route it takes real values of the directory (the first page of an empty lookup, and
for people the names of a people search), types each one as a user would, one character at a
time up to 12 (so one-letter prefixes, the widest matches, are in the mix), and times every
lookup. The lookups run --repeat times over --clients threads (one keep-alive connection
each); every answer must be a 200. Prints p50/p95/max per route and over all of them.
Standard library only.
"""
import argparse
import http.client
import json
import threading
import time
import urllib.parse

from search_mix import percentile

BASE = "/api/v1/operations/autocomplete"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--token", required=True)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    parsed = urllib.parse.urlparse(args.url)
    headers = {"Authorization": f"Bearer {args.token}", "Content-Type": "application/json"}

    def connect():
        return http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=600)

    def get(connection, path):
        began = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status == 200, (path, response.status, data[:300])
        return elapsed, json.loads(data)

    setup = connect()
    # The first lookup waits for the vocabulary if the server is still counting it.
    waited, _ = get(setup, f"{BASE}/companies")
    print(f"first lookup answered after {waited:.0f} ms")

    def names(route, field, query=""):
        _, page = get(setup, f"{BASE}/{route}?size=20{query}")
        items = page["content"] if isinstance(page, dict) else page
        return [item[field] for item in items]

    setup.request("POST", "/api/v1/entities/prospects/person", body=json.dumps({"size": 20, "page": 7}), headers=headers)
    people = [p["firstName"] + " " + p["lastName"] for p in json.loads(setup.getresponse().read())["content"]]
    routes = {
        "companies": ("", names("companies", "name")),
        "people": ("", people),
        "locations": ("", names("locations", "name")),
        "schools": ("", names("schools", "name")),
        "classifications SKILL": ("&key=SKILL", names("classifications", "value", "&key=SKILL")),
        "classifications TECHNOLOGY": ("&key=TECHNOLOGY", names("classifications", "value", "&key=TECHNOLOGY")),
        "person-metadata JOB_TITLE": ("&key=JOB_TITLE", names("person-metadata", "key", "&key=JOB_TITLE")),
    }
    lookups = []
    for name, (query, values) in routes.items():
        route = name.split()[0]
        parameter = "value" if route == "classifications" else "search"
        for value in values:
            for length in range(1, min(len(value), 12) + 1):
                typed = urllib.parse.quote(value[:length])
                lookups.append((name, f"{BASE}/{route}?{parameter}={typed}{query}"))
    lookups *= args.repeat

    times = {name: [] for name in routes}
    lock = threading.Lock()
    position = [0]

    def client():
        connection = connect()
        while True:
            with lock:
                if position[0] >= len(lookups):
                    return
                name, path = lookups[position[0]]
                position[0] += 1
            elapsed, _ = get(connection, path)
            with lock:
                times[name].append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    print(f"{'route':30} {'lookups':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    everything = []
    for name, values in times.items():
        everything += values
        print(f"{name:30} {len(values):>8} {percentile(values, .5):>8.2f} {percentile(values, .95):>8.2f} {max(values):>8.2f}")
    print(f"{'all':30} {len(everything):>8} {percentile(everything, .5):>8.2f} {percentile(everything, .95):>8.2f} {max(everything):>8.2f}")


if __name__ == "__main__":
    main()
