#!/usr/bin/env python3
"""The posting lists of a Leadbase directory, sized in several encodings: Leadbase's own
(`PostingCodec`: varint gaps, or Roaring-style 64K chunks, bitmap above 4,096 ordinals a chunk,
else the smaller of 16-bit arrays and varint gaps), CRoaring's portable serialization (PyPI
`pyroaring`, after `run_optimize`), plain varint gaps, Elias-Fano (its size by formula), and 4
bytes an ordinal.

    bench/posting_sizes.py PATH-TO-leadbase.sqlite

Reads the people's search columns (the ones the index is built from) from a SQLite database,
makes each field's record-level posting lists (words, whole texts, keys) as the index does, and
prints bytes per field and per person. Needs `pip install pyroaring`.
"""
import collections
import json
import math
import sqlite3
import sys

import pyroaring

FIELDS = {
    "fullName": ("text", "name_words"), "jobTitle": ("text", "title_words"), "headline": ("text", "headline_words"),
    "seniority": ("key", "seniority_key"), "departmentAndFunction": ("keys", "department_keys"),
    "personLocation": ("keys", "location_keys"), "skill": ("texts", "skill_words"),
    "certification": ("texts", "certification_words"), "language": ("texts", "language_words"),
    "currentCompany": ("keys", "current_company_keys"), "previousCompany": ("keys", "previous_company_keys"),
    "socialMediaLink": ("keys", "social_keys"), "socialPlatform": ("keys", "social_platform_keys"),
    "school": ("texts", "school_words"), "degree": ("texts", "degree_words"),
    "fieldOfStudy": ("texts", "field_of_study_words"), "educationYear": ("keys", "education_year_keys"),
}


def varint_length(value):
    length = 1
    while value >= 128:
        value >>= 7
        length += 1
    return length


def gaps(ordinals, start=-1):
    total, previous = 0, start
    for ordinal in ordinals:
        total += varint_length(ordinal - previous - 1)
        previous = ordinal
    return total


def leadbase(ordinals):
    """PostingCodec.encode's size."""
    plain = 1 + gaps(ordinals)
    if len(ordinals) <= 8:
        return plain
    chunks = collections.defaultdict(list)
    for ordinal in ordinals:
        chunks[ordinal >> 16].append(ordinal & 0xFFFF)
    size, previous_key, bitmap = 1 + varint_length(len(chunks)), -1, False
    for key in sorted(chunks):
        lows = chunks[key]
        size += varint_length(key - previous_key - 1) + varint_length(len(lows) - 1) + 1
        previous_key = key
        if len(lows) > 4096:
            size += 8192
            bitmap = True
        else:
            gap_bytes = gaps(lows)
            size += 2 * len(lows) if 2 * len(lows) <= gap_bytes * 5 // 4 else gap_bytes
    return size if bitmap or size < plain else plain


def main():
    database = sqlite3.connect(sys.argv[1])
    postings = collections.defaultdict(lambda: collections.defaultdict(list))
    columns = [column for _, column in FIELDS.values()]
    people = 0
    for row in database.execute(f"SELECT {', '.join(columns)} FROM people ORDER BY id"):
        values = dict(zip(columns, row))
        for field, (kind, column) in FIELDS.items():
            value = values[column]
            if kind == "key":
                parts = [("keys", [value] if value else [])]
            elif kind == "keys":
                parts = [("keys", json.loads(value))]
            elif kind == "text":
                parts = [("wholes", [value]), ("words", value.split())]
            else:
                entries = json.loads(value)
                parts = [("wholes", entries), ("words", [word for entry in entries for word in entry.split()])]
            for part, terms in parts:
                lists = postings[f"{field}.{part}"]
                for term in set(terms):
                    lists[term].append(people)
        people += 1
    names = ["leadbase", "croaring", "varint", "elias-fano", "4 bytes"]
    totals = collections.Counter()
    print(f"{people} people")
    print(f"{'part':34} {'terms':>9} {'postings':>10} " + " ".join(f"{name:>11}" for name in names))
    for part in sorted(postings):
        sizes = collections.Counter()
        count = 0
        for ordinals in postings[part].values():
            count += len(ordinals)
            bitmap = pyroaring.BitMap(ordinals)
            bitmap.run_optimize()
            sizes["leadbase"] += leadbase(ordinals)
            sizes["croaring"] += len(bitmap.serialize())
            sizes["varint"] += gaps(ordinals)
            sizes["elias-fano"] += math.ceil(len(ordinals) * (2 + max(0, math.ceil(math.log2(people / len(ordinals))))) / 8)
            sizes["4 bytes"] += 4 * len(ordinals)
        totals.update(sizes)
        totals["postings"] += count
        print(f"{part:34} {len(postings[part]):>9} {count:>10} " + " ".join(f"{sizes[name]:>11}" for name in names))
    print(f"{'all, bytes a person':34} {'':>9} {totals['postings'] / people:>10.1f} "
          + " ".join(f"{totals[name] / people:>11.1f}" for name in names))


if __name__ == "__main__":
    main()
