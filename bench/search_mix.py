#!/usr/bin/env python3
"""Runs a fixed mix of people searches against a Leadbase server and prints p50/p95 per kind.

    bench/search_mix.py --url http://127.0.0.1:8080 --token lb_... [--clients 4] [--seconds 20]

Each kind runs on its own for --seconds with --clients concurrent clients (threads, one
keep-alive connection each). Every request must answer 200; any other answer is counted and
reported. Standard library only, so it runs anywhere Python 3 does.
"""
import argparse
import http.client
import json
import threading
import time
import urllib.parse

KINDS = {
    "smart_fullname": {"size": 100, "contact": {"fullName": {"any": {"include": {"mode": "SMART", "content": ["jose"]}}}}},
    "industry_size_seniority": {"size": 100,
        "account": {"industry": {"any": {"include": ["software development", "it services and it consulting"]}},
                    "employeeSize": {"type": "RANGE", "range": [{"start": 50, "end": 500}]}},
        "contact": {"seniority": {"any": {"include": ["director", "vp", "c_suite"]}}}},
    "location_department": {"size": 100,
        "contact": {"location": {"any": {"include": ["united states"]}},
                    "departmentAndFunction": {"any": {"include": ["master_sales", "master_marketing"]}}}},
    "jobtitle_word": {"size": 100, "contact": {"jobTitle": {"any": {"include": {"mode": "WORD", "content": ["director"]}}}}},
}
# The same filters at page 90.
for name in list(KINDS):
    KINDS[name + "@page90"] = dict(KINDS[name], page=90)


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, int(round(fraction * (len(ordered) - 1)))))
    return ordered[index]


def run_kind(url, token, body, clients, seconds):
    parsed = urllib.parse.urlparse(url)
    payload = json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    latencies, errors, totals = [], [], []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        while time.monotonic() < deadline:
            start = time.perf_counter()
            connection.request("POST", "/api/v1/entities/prospects/person", body=payload, headers=headers)
            response = connection.getresponse()
            data = response.read()
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if response.status == 200:
                    latencies.append(elapsed)
                    if not totals:
                        totals.append(json.loads(data)["totalElements"])
                else:
                    errors.append(response.status)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, totals[0] if totals else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--token", required=True)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for name, body in KINDS.items():
        latencies, errors, total = run_kind(args.url, args.token, body, args.clients, args.seconds)
        rows.append({"kind": name, "requests": len(latencies), "errors": len(errors), "totalElements": total,
                     "p50_ms": round(percentile(latencies, 0.50), 1), "p95_ms": round(percentile(latencies, 0.95), 1),
                     "rps": round(len(latencies) / args.seconds, 1)})
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'kind':32} {'requests':>8} {'errors':>6} {'total':>9} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7}")
        for row in rows:
            print(f"{row['kind']:32} {row['requests']:>8} {row['errors']:>6} {str(row['totalElements']):>9} "
                  f"{row['p50_ms']:>8} {row['p95_ms']:>8} {row['rps']:>7}")
    if any(row["errors"] for row in rows):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
