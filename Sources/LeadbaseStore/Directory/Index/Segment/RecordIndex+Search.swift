import LeadbaseCore

/// Filters evaluated over one segment's records, with the columns and rules of `FilterCompiler`
/// (the tests compare the two on the same data).
extension RecordIndex {
    /// Records matching one (`all` false) or every (`all` true) criterion, each in any of `fields`.
    func records(matching criteria: [Criterion], of fields: [SearchField], all: Bool) -> Bitset {
        var result: Bitset?
        for criterion in criteria {
            var matching = records(matching: criterion, of: fields[0])
            for field in fields.dropFirst() { matching.formUnion(records(matching: criterion, of: field)) }
            if result == nil {
                result = matching
            } else if all {
                result!.formIntersection(matching)
            } else {
                result!.formUnion(matching)
            }
        }
        return result ?? Bitset(capacity: count)
    }

    func records(matching criterion: Criterion, of field: SearchField) -> Bitset {
        var records = Bitset(capacity: count)
        switch fields[field] {
        case .keys(let dictionary):
            if let entry = dictionary.find(FilterCompiler.value(criterion)) { PostingCodec.insert(entry.postings, into: &records) }
        case .text(let text):
            text.insert(matching: criterion, into: &records)
        case .number, nil:
            break  // Number fields take ranges only.
        }
        return records
    }

    /// Records with a known value in at least one of the ranges, or (`unknown`) without a value.
    func records(in condition: RangeCondition) -> Bitset {
        var result = Bitset(capacity: count)
        guard case .number(let values, let order) = fields[condition.field] else { return result }
        if condition.unknown {
            result = Bitset(capacity: count, filled: true)
            for index in order.indices { result.remove(Int(order[index])) }
            return result
        }
        for range in condition.ranges {
            // The records with a value in the range are one run of `order`.
            let low = range.start.map { start in order.partitioningIndex { values[Int($0)] >= Int64(start) } } ?? 0
            let high = range.end.map { end in order.partitioningIndex { values[Int($0)] > Int64(end) } } ?? order.count
            guard low < high else { continue }
            result.withWords { words in
                for index in low..<high {
                    let record = Int(order[index])
                    words[record >> 6] |= 1 << UInt64(record & 63)
                }
            }
        }
        return result
    }
}

extension TextFieldIndex {
    /// Adds the records with a text that matches `criterion`: the whole text (`equals`,
    /// STRICT), every word of it (WORD), a word starting with each word of it (SMART); a
    /// criterion of several words must hold within one text of a list.
    func insert(matching criterion: Criterion, into records: inout Bitset) {
        switch criterion {
        case .equals(let value):
            insertWhole(TextNormalizer.padded(value, foldingAccents: false), into: &records)
        case .text(.strict, let terms):
            insertWhole(terms.isEmpty ? "" : " " + terms.joined(separator: " ") + " ", into: &records)
        case .text(.word, let terms):
            guard !terms.isEmpty else { return }
            Self.insert(terms, words: words, wholes: wholes, list: list, prefixes: false, into: &records)
        case .text(.smart, let terms):
            guard !terms.isEmpty else { return }
            Self.insert(terms, words: words, wholes: wholes, list: list, prefixes: true, into: &records)
            guard folded.count > 0 else { return }
            // The folded records answer from their accent-folded form instead.
            var foldedRecords = Bitset(capacity: records.capacity)
            PostingCodec.insert(folded, into: &foldedRecords)
            records.subtract(foldedRecords)
            Self.insert(terms, words: smartWords, wholes: smartWholes, list: list, prefixes: true, into: &records)
        }
    }

    private func insertWhole(_ text: String, into records: inout Bitset) {
        if let entry = wholes.find(text) { PostingCodec.insert(entry.postings, into: &records) }
    }

    /// The records where every term is a word (or, with `prefixes`, starts a word) of one text.
    private static func insert(
        _ terms: [String], words: TermDictionary, wholes: TermDictionary, list: Bool, prefixes: Bool, into records: inout Bitset
    ) {
        if terms.count == 1 || !list {
            // A record's one text: the terms' records intersected.
            var result: Bitset?
            for term in terms {
                var holding = Bitset(capacity: records.capacity)
                forEachEntry(of: term, in: words, prefixes: prefixes) { PostingCodec.insert($0.postings, into: &holding) }
                if result == nil { result = holding } else { result!.formIntersection(holding) }
            }
            if let result { records.formUnion(result) }
            return
        }
        // Several terms within one text of a list: the texts holding them all, then their records.
        var texts: Bitset?
        for term in terms {
            var holding = Bitset(capacity: wholes.count)
            forEachEntry(of: term, in: words, prefixes: prefixes) { entry in
                if let second = entry.second { PostingCodec.insert(second, into: &holding) }
            }
            if texts == nil { texts = holding } else { texts!.formIntersection(holding) }
        }
        for text in texts?.members(offset: 0, limit: Int.max) ?? [] {
            PostingCodec.insert(wholes.entry(at: Int(text)).postings, into: &records)
        }
    }

    private static func forEachEntry(of term: String, in words: TermDictionary, prefixes: Bool, _ body: (TermDictionary.Entry) -> Void) {
        if prefixes {
            words.forEach(prefix: term, body)
        } else if let entry = words.find(term) {
            body(entry)
        }
    }
}

extension RandomAccessCollection where Index == Int {
    /// The first index whose element satisfies `predicate`, which must be false then true along
    /// the collection (a binary search).
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
