import Foundation
import LeadbaseCore

/// A value compared as UTF-8 bytes, as the databases compare them (`=`, `LIKE`): Swift's `String`
/// equality would also equate canonically equivalent spellings, which SQL does not. Short values
/// (most words and keys) live inside the string without an allocation.
struct ByteString: Hashable, Sendable {
    let text: String

    init(_ text: some StringProtocol) {
        self.text = String(text)
    }

    static func == (left: ByteString, right: ByteString) -> Bool {
        left.text.utf8.elementsEqual(right.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Terms (byte strings) and, for each, the ascending ordinals that hold it: a dictionary of
/// posting lists laid out in four flat arrays — the terms' bytes in byte order, where each term
/// starts, where each term's postings start, and the postings — rather than a hash table of
/// strings and growable arrays, which cost an object, a header and spare capacity per term.
struct PostingTable: Sendable {
    private let bytes: [UInt8]
    /// `count + 1` offsets into `bytes`.
    private let termStarts: [UInt32]
    /// `count + 1` offsets into `postings`.
    private let postingStarts: [UInt32]
    private let postings: [Int32]

    private init(bytes: [UInt8], termStarts: [UInt32], postingStarts: [UInt32], postings: [Int32]) {
        self.bytes = bytes
        self.termStarts = termStarts
        self.postingStarts = postingStarts
        self.postings = postings
    }

    var count: Int { termStarts.count - 1 }

    /// The bytes of its arrays.
    var memoryBytes: Int { bytes.count + (termStarts.count + postingStarts.count + postings.count) * 4 }

    /// The ordinals holding `term` (none when it is absent).
    func postings(of term: some StringProtocol) -> ArraySlice<Int32> {
        var term = String(term)
        return term.withUTF8 { term in
            let index = lowerBound(term)
            guard index < count, compare(index, term) == 0 else { return [] }
            return postings(at: index)
        }
    }

    /// The posting list of every term that starts with `prefix`, in term order.
    func forEachPostings(prefix: some StringProtocol, _ body: (ArraySlice<Int32>) -> Void) {
        var prefix = String(prefix)
        prefix.withUTF8 { prefix in
            var index = lowerBound(prefix)
            while index < count, starts(index, with: prefix) {
                body(postings(at: index))
                index += 1
            }
        }
    }

    private func postings(at index: Int) -> ArraySlice<Int32> {
        postings[Int(postingStarts[index])..<Int(postingStarts[index + 1])]
    }

    /// The first term not below `key`.
    private func lowerBound(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if compare(middle, key) < 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The term at `index` against `key`, in byte order: negative, zero or positive.
    private func compare(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { bytes in
            let term = UnsafeBufferPointer(rebasing: bytes[Int(termStarts[index])..<Int(termStarts[index + 1])])
            for (left, right) in zip(term, key) where left != right { return left < right ? -1 : 1 }
            return term.count - key.count
        }
    }

    private func starts(_ index: Int, with prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(termStarts[index])
        guard Int(termStarts[index + 1]) - start >= prefix.count else { return false }
        return bytes.withUnsafeBufferPointer { bytes in
            UnsafeBufferPointer(rebasing: bytes[start..<(start + prefix.count)]).elementsEqual(prefix)
        }
    }

    /// Collects (term, ordinal) pairs with ordinals in ascending order, then lays them out.
    struct Builder {
        private var numbers: [ByteString: Int32] = [:]
        private var terms: [ByteString] = []
        /// The last ordinal added to each term (by number): an ordinal holding a term twice is one posting.
        private var lastOrdinal: [Int32] = []
        private var pairTerms: [Int32] = []
        private var pairOrdinals: [Int32] = []

        mutating func add(_ term: some StringProtocol, ordinal: Int32) {
            let key = ByteString(term)
            let number: Int32
            if let known = numbers[key] {
                number = known
                if lastOrdinal[Int(number)] == ordinal { return }
                lastOrdinal[Int(number)] = ordinal
            } else {
                number = Int32(terms.count)
                numbers[key] = number
                terms.append(key)
                lastOrdinal.append(ordinal)
            }
            pairTerms.append(number)
            pairOrdinals.append(ordinal)
        }

        /// The table: terms sorted, each term's postings in the order added (a stable counting sort).
        consuming func finish() -> PostingTable {
            // The terms' bytes side by side, in the order first added, then sorted with `memcmp`
            // (a `String.UTF8View` comparison walks an iterator per byte).
            var added: [UInt8] = []
            added.reserveCapacity(terms.reduce(0) { $0 + $1.text.utf8.count })
            var addedStarts: [Int] = [0]
            addedStarts.reserveCapacity(terms.count + 1)
            for term in terms {
                added.append(contentsOf: term.text.utf8)
                addedStarts.append(added.count)
            }
            let order = added.withUnsafeBufferPointer { bytes in
                terms.indices.sorted { left, right in
                    let (leftStart, leftCount) = (addedStarts[left], addedStarts[left + 1] - addedStarts[left])
                    let (rightStart, rightCount) = (addedStarts[right], addedStarts[right + 1] - addedStarts[right])
                    let order = memcmp(bytes.baseAddress! + leftStart, bytes.baseAddress! + rightStart, min(leftCount, rightCount))
                    return order != 0 ? order < 0 : leftCount < rightCount
                }
            }
            var rank = [Int32](repeating: 0, count: terms.count)
            for (position, number) in order.enumerated() { rank[number] = Int32(position) }
            var postingStarts = [UInt32](repeating: 0, count: terms.count + 1)
            for number in pairTerms { postingStarts[Int(rank[Int(number)]) + 1] += 1 }
            for index in 0..<terms.count { postingStarts[index + 1] += postingStarts[index] }
            var next = postingStarts
            var postings = [Int32](repeating: 0, count: pairOrdinals.count)
            for (number, ordinal) in zip(pairTerms, pairOrdinals) {
                let position = Int(rank[Int(number)])
                postings[Int(next[position])] = ordinal
                next[position] += 1
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(added.count)
            var termStarts: [UInt32] = [0]
            termStarts.reserveCapacity(terms.count + 1)
            for number in order {
                bytes.append(contentsOf: added[addedStarts[number]..<addedStarts[number + 1]])
                termStarts.append(UInt32(bytes.count))
            }
            return PostingTable(bytes: bytes, termStarts: termStarts, postingStarts: postingStarts, postings: postings)
        }
    }
}

/// A text field as its padded, normalized form (`TextNormalizer.padded`), one entry per text: a
/// record has one entry for a single text (job title) and one per element for a list of texts
/// (skills). WORD and SMART look words up in a dictionary of the entries' words; STRICT compares
/// whole entries, looked up in a dictionary of them. A criterion with several words must hold
/// within one entry, as in SQL. Records are numbered from 0 and added in ascending order.
struct TextIndex: Sendable {
    /// The record of each entry; nil when entry and record are the same (single texts).
    private let owners: [Int32]?
    private let entryCount: Int
    /// Each word and the entries that have it.
    private let words: PostingTable
    /// Each whole entry and the entries that are it (nil when nothing compares whole entries).
    private let wholes: PostingTable?

    /// The bytes of its arrays.
    var memoryBytes: Int { (owners?.count ?? 0) * 4 + words.memoryBytes + (wholes?.memoryBytes ?? 0) }

    /// Adds entries in ascending record order, then freezes them.
    struct Builder {
        private var owners: [Int32]?
        private var entryCount = 0
        private var words = PostingTable.Builder()
        private var wholes: PostingTable.Builder?

        /// Without `comparingWholes`, the index answers only WORD and SMART criteria.
        init(listPerRecord: Bool, comparingWholes: Bool = true) {
            owners = listPerRecord ? [] : nil
            wholes = comparingWholes ? PostingTable.Builder() : nil
        }

        /// Adds one entry of `record`; records must come in ascending order.
        mutating func add(_ text: String, record: Int32) {
            let entry = Int32(entryCount)
            owners?.append(record)
            entryCount += 1
            wholes?.add(text, ordinal: entry)
            for word in text.utf8.split(separator: 0x20) {
                words.add(Substring(word), ordinal: entry)
            }
        }

        consuming func finish() -> TextIndex {
            TextIndex(owners: owners, entryCount: entryCount, words: words.finish(), wholes: wholes?.finish())
        }
    }

    /// The records with an entry that matches `criterion` (see `FilterCompiler.text`).
    func records(matching criterion: Criterion, capacity: Int) -> Bitset {
        switch criterion {
        case .equals(let value):
            return records(whole: TextNormalizer.padded(value, foldingAccents: false), capacity: capacity)
        case .text(.strict, let terms):
            return records(whole: terms.isEmpty ? "" : " " + terms.joined(separator: " ") + " ", capacity: capacity)
        case .text(.word, let terms):
            guard !terms.isEmpty else { return Bitset(capacity: capacity) }
            return Bitset(capacity: capacity, project(entries(withWords: terms)))
        case .text(.smart, let terms):
            guard let first = terms.first else { return Bitset(capacity: capacity) }
            if terms.count == 1 {
                var records = Bitset(capacity: capacity)
                words.forEachPostings(prefix: first) { records.insert(contentsOf: project($0)) }
                return records
            }
            var entries = prefixEntries(first)
            for term in terms.dropFirst() { entries.formIntersection(prefixEntries(term)) }
            return Bitset(capacity: capacity, project(entries.members(offset: 0, limit: Int.max)))
        }
    }

    /// The records of the entries that are exactly `target`.
    private func records(whole target: String, capacity: Int) -> Bitset {
        guard let wholes else { preconditionFailure("a whole-entry comparison of an index without wholes") }
        return Bitset(capacity: capacity, project(wholes.postings(of: target)))
    }

    /// Entries having every word of `terms`: the intersection of their sorted posting lists.
    private func entries(withWords terms: [String]) -> [Int32] {
        let lists = terms.map { words.postings(of: $0) }.sorted { $0.count < $1.count }
        return lists.dropFirst().reduce(Array(lists[0])) { Self.intersection($0, $1) }
    }

    /// The entries with a word that starts with `prefix`.
    private func prefixEntries(_ prefix: String) -> Bitset {
        var entries = Bitset(capacity: entryCount)
        words.forEachPostings(prefix: prefix) { entries.insert(contentsOf: $0) }
        return entries
    }

    /// The records of `entries`.
    private func project(_ entries: some Sequence<Int32>) -> some Sequence<Int32> {
        let owners = owners
        return entries.lazy.map { owners?[Int($0)] ?? $0 }
    }

    static func intersection(_ left: [Int32], _ right: ArraySlice<Int32>) -> [Int32] {
        var result: [Int32] = []
        var i = left.startIndex
        var j = right.startIndex
        while i < left.endIndex, j < right.endIndex {
            if left[i] < right[j] {
                i += 1
            } else if left[i] > right[j] {
                j += 1
            } else {
                result.append(left[i])
                i += 1
                j += 1
            }
        }
        return result
    }
}
