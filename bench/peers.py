#!/usr/bin/env python3
"""Leadbase's people search side by side with peers, on the same data, in one run.

    bench/peers.py --url http://127.0.0.1:8080 --token lb_... --source sqlite:PATH|postgres:URL \
        [--work DIR] [--rounds 200] [--kinds all]

Loads the people of a Leadbase database (their documents, their current company's fields, and
the normalized search columns Leadbase itself filters on, so that every engine answers the same
question) into
  - Tantivy (PyPI `tantivy`): one document a person, company fields denormalized into it, the
    keys as raw terms, the words whitespace-tokenized, doc ids only (`basic`) where positions are
    not needed; an `ord` fast field (the id order) to sort by; the documents stored;
  - DuckDB (PyPI `duckdb`): one wide table, a row a person, company fields denormalized, lists
    as `VARCHAR[]`, ordered by `ord`.
Then checks that for every kind the exact total and the ids of the page agree with Leadbase's,
and times the kinds round-robin, the engines interleaved within each round: Leadbase over HTTP
(`size` 100, full records, one keep-alive connection), each peer in process: the exact count,
the 100 ids of the page (in the id order) and fetching those 100 records (documents).
Prints a table of p50/p95 per kind and engine, in ms. Standard library plus tantivy and duckdb.
"""
import argparse
import csv
import gzip
import http.client
import io
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse

import duckdb
import tantivy

from search_mix import KINDS, percentile

csv.field_size_limit(sys.maxsize)

# What each kind asks, per engine. Leadbase's own bodies are search_mix.KINDS.
INDUSTRIES = ["software development", "it services and it consulting"]
SENIORITIES = ["director", "vp", "c_suite"]
DEPARTMENTS = ["master_sales", "master_marketing"]

COLUMNS = ["ord", "id", "doc", "name_smart", "title_words", "seniority_key", "location_keys", "department_keys",
           "industry_key", "employee_count"]


def people(source):
    """The people, in id order, with the columns the kinds filter on: a list of `COLUMNS`' values
    (text) a person, streamed."""
    if source.startswith("sqlite:"):
        import sqlite3
        connection = sqlite3.connect(source[len("sqlite:"):])
        rows = connection.execute(
            """SELECT p.id, p.doc, CASE WHEN p.name_smart = '' THEN p.name_words ELSE p.name_smart END, p.title_words,
                      p.seniority_key, p.location_keys, p.department_keys, c.industry_key, c.employee_count
               FROM people p LEFT JOIN companies c ON c.id = p.company_id ORDER BY p.id""")
        for ordinal, row in enumerate(rows):
            yield [str(ordinal)] + ["" if value is None else str(value) for value in row]
        return
    process = postgres_copy(source)
    yield from csv.reader(io.TextIOWrapper(process.stdout, encoding="utf-8", newline=""))
    if process.wait() != 0:
        raise SystemExit("psql failed")


def postgres_copy(source):
    """`psql` writing the people as CSV (the columns of `COLUMNS`) to its stdout."""
    query = """COPY (SELECT row_number() OVER (ORDER BY p.id) - 1, p.id, p.doc, CASE WHEN p.name_smart = '' THEN p.name_words ELSE p.name_smart END, p.title_words,
                            p.seniority_key, to_json(p.location_keys), to_json(p.department_keys), c.industry_key,
                            c.employee_count
                     FROM people p LEFT JOIN companies c ON c.id = p.company_id ORDER BY p.id) TO STDOUT WITH (FORMAT csv)"""
    return subprocess.Popen(["psql", source[len("postgres:"):], "-q", "-c", query], stdout=subprocess.PIPE)


def export(source, path):
    """The people to a gzipped CSV file, for DuckDB's `read_csv`. PostgreSQL's CSV is copied as it
    comes: parsed and written again in Python, 1M took 116 s (run K in bench/README.md) against
    29.5 s copied (run E)."""
    if source.startswith("sqlite:"):
        with gzip.open(path, "wt", newline="", compresslevel=1) as file:
            csv.writer(file).writerows(people(source))
        return
    with gzip.open(path, "wb", compresslevel=1) as file:
        process = postgres_copy(source)
        shutil.copyfileobj(process.stdout, file, 1 << 20)
        if process.wait() != 0:
            raise SystemExit("psql failed")


def build_tantivy(source, folder):
    schema = tantivy.SchemaBuilder()
    schema.add_unsigned_field("ord", fast=True, stored=False, indexed=False)
    # Stored, not indexed: what a search returns.
    for name in ["id", "doc"]:
        schema.add_bytes_field(name, stored=True, indexed=False)
    for name in ["name_smart", "title_words"]:
        schema.add_text_field(name, stored=False, tokenizer_name="whitespace", index_option="basic")
    for name in ["seniority", "location", "department", "industry"]:
        schema.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    schema.add_integer_field("employees", stored=False, indexed=True, fast=True)
    schema = schema.build()
    index = tantivy.Index(schema, path=folder)
    writer = index.writer(heap_size=1_000_000_000, num_threads=2)
    for values in people(source):
        row = dict(zip(COLUMNS, values))
        document = tantivy.Document(name_smart=row["name_smart"], title_words=row["title_words"])
        for name in ["id", "doc"]:
            document.add_bytes(name, (row[name].lower() if name == "id" else row[name]).encode())
        document.add_unsigned("ord", int(row["ord"]))
        if row["seniority_key"]:
            document.add_text("seniority", row["seniority_key"])
        for key in json.loads(row["location_keys"] or "[]"):
            document.add_text("location", key)
        for key in json.loads(row["department_keys"] or "[]"):
            document.add_text("department", key)
        if row["industry_key"]:
            document.add_text("industry", row["industry_key"])
        if row["employee_count"]:
            document.add_integer("employees", int(row["employee_count"]))
        writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index


def tantivy_queries(schema):
    def terms(field, values):
        return tantivy.Query.term_set_query(schema, field, values)

    def all_of(*queries):
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, query) for query in queries])

    return {
        "smart_fullname": tantivy.Query.regex_query(schema, "name_smart", "jose.*"),
        "industry_size_seniority": all_of(
            terms("industry", INDUSTRIES), tantivy.Query.range_query(schema, "employees", tantivy.FieldType.Integer, 50, 500),
            terms("seniority", SENIORITIES)),
        "location_department": all_of(tantivy.Query.term_query(schema, "location", "united states"), terms("department", DEPARTMENTS)),
        "jobtitle_word": tantivy.Query.term_query(schema, "title_words", "director"),
    }


def build_duckdb(path, database):
    connection = duckdb.connect(database)
    connection.execute(f"""
        CREATE TABLE people AS
        SELECT CAST(ord AS BIGINT) AS ord, lower(id) AS id, doc, name_smart, title_words, seniority_key AS seniority,
               CAST(json(location_keys) AS VARCHAR[]) AS location, CAST(json(department_keys) AS VARCHAR[]) AS department,
               industry_key AS industry, TRY_CAST(employee_count AS BIGINT) AS employees
        FROM read_csv('{path}', header = false, names = {COLUMNS}, all_varchar = true, max_line_size = 100000000)""")
    # The export is in `ord` order and DuckDB keeps the insertion order (its default), so the table is
    # stored in that order without sorting it again: at 10M that sort would move ~20 GB of
    # documents, on a disk the database, Leadbase's index and the export already fill.
    assert connection.execute("SELECT count(*) FROM people WHERE ord <> rowid").fetchone()[0] == 0
    return connection


DUCKDB_WHERE = {
    "smart_fullname": "name_smart LIKE '% jose%'",
    "industry_size_seniority": f"industry IN {tuple(INDUSTRIES)} AND employees BETWEEN 50 AND 500 AND seniority IN {tuple(SENIORITIES)}",
    "location_department": f"list_contains(location, 'united states') AND list_has_any(department, {DEPARTMENTS})",
    "jobtitle_word": "title_words LIKE '% director %'",
}


def leadbase(connection, headers, body):
    connection.request("POST", "/api/v1/entities/prospects/person", body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    assert response.status == 200, data[:200]
    return data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--work", default="/tmp/leadbase-peers")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--duckdb-rounds", type=int, default=20, help="rounds of DuckDB, 100 times slower")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    parsed = urllib.parse.urlparse(args.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120)
    headers = {"Authorization": f"Bearer {args.token}", "Content-Type": "application/json"}
    cases = [(name, name.split("@")[0], KINDS[name].get("page", 0) * 100, json.dumps(KINDS[name]).encode()) for name in KINDS]

    def compare(engine, run, rounds):
        """Checks the engine against Leadbase, then times the two interleaved; answers the times by kind."""
        # The search columns are stored padded with spaces, as Leadbase's SQL search compares them.
        for name, kind, offset, body in cases:
            answer = json.loads(leadbase(connection, headers, body))
            expected = (answer["totalElements"], [person["id"].lower() for person in answer["content"]])
            count, ids, _ = run(kind, offset)
            assert (count, ids) == expected, f"{engine} differs from Leadbase on {name}: {count} vs {expected[0]}"
        print(f"== {engine} gives Leadbase's totals and pages on every kind")
        times = {(name, who): [] for name, *_ in cases for who in ["leadbase", engine]}
        for _ in range(rounds):
            for name, kind, offset, body in cases:
                began = time.perf_counter()
                leadbase(connection, headers, body)
                times[(name, "leadbase")].append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                run(kind, offset)
                times[(name, engine)].append((time.perf_counter() - began) * 1000)
        return times

    def folder_size(path):
        return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(path) for name in names)

    began = time.monotonic()
    folder = os.path.join(args.work, "tantivy")
    os.makedirs(folder)
    index = build_tantivy(args.source, folder)
    print(f"== tantivy: read from the database and indexed in {time.monotonic() - began:.1f} s, {folder_size(folder) / 1e6:.0f} MB on disk")
    searcher = index.searcher()
    queries = tantivy_queries(index.schema)

    def run_tantivy(kind, offset):
        result = searcher.search(queries[kind], limit=100, count=True, order_by_field="ord", offset=offset, order=tantivy.Order.Asc)
        documents = [searcher.doc(address) for _, address in result.hits]
        return result.count, [document["id"][0].decode() for document in documents], [document["doc"][0] for document in documents]

    times = compare("tantivy", run_tantivy, args.rounds)
    del searcher, index
    shutil.rmtree(folder)

    # Exported only now, with Tantivy's files gone: at 10M the database, Leadbase's index, the
    # export and one peer's copy are what this machine's disk holds at once.
    exported = os.path.join(args.work, "people.csv.gz")
    began = time.monotonic()
    export(args.source, exported)
    print(f"== exported the people in {time.monotonic() - began:.1f} s ({os.path.getsize(exported) / 1e6:.0f} MB gzipped)")
    began = time.monotonic()
    database = os.path.join(args.work, "duck.db")
    duck = build_duckdb(exported, database)
    os.remove(exported)
    print(f"== duckdb: loaded in {time.monotonic() - began:.1f} s, {os.path.getsize(database) / 1e6:.0f} MB on disk")

    def run_duckdb(kind, offset):
        where = DUCKDB_WHERE[kind]
        count = duck.execute(f"SELECT count(*) FROM people WHERE {where}").fetchone()[0]
        # The page's ordinals first, then their records: sorting the documents along would move them all.
        ordinals = [row[0] for row in duck.execute(f"SELECT ord FROM people WHERE {where} ORDER BY ord LIMIT 100 OFFSET {offset}").fetchall()]
        page = duck.execute(f"SELECT id, doc FROM people WHERE ord IN ({','.join(map(str, ordinals)) or 'NULL'}) ORDER BY ord").fetchall()
        return count, [row[0] for row in page], [row[1] for row in page]

    duck_times = compare("duckdb", run_duckdb, args.duckdb_rounds)
    duck.close()
    os.remove(database)

    print(f"{'kind':32} {'leadbase p50/p95':>16} {'tantivy p50/p95':>16} {'(leadbase) p50/p95':>18} {'duckdb p50/p95':>16}")
    for name, *_ in cases:
        def cell(series):
            return f"{percentile(series, .5):.2f} / {percentile(series, .95):.2f}"
        print(f"{name:32} {cell(times[(name, 'leadbase')]):>16} {cell(times[(name, 'tantivy')]):>16} "
              f"{cell(duck_times[(name, 'leadbase')]):>18} {cell(duck_times[(name, 'duckdb')]):>16}")


if __name__ == "__main__":
    main()
