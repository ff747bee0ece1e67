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

    func precedes(_ other: ByteString) -> Bool {
        text.utf8.lexicographicallyPrecedes(other.text.utf8)
    }

    func starts(with prefix: ByteString) -> Bool {
        text.utf8.starts(with: prefix.text.utf8)
    }
}

/// The records holding each value of a list field (`TextNormalizer.key` form): what `IN`, `&&`
/// and `@>` answer in SQL.
struct KeyIndex: Sendable {
    private var postings: [ByteString: [Int32]] = [:]

    /// Records must be added in ascending ordinal order, so that each posting list is sorted.
    mutating func add(_ key: String, record: Int32) {
        postings[ByteString(key), default: []].append(record)
    }

    func records(_ key: String) -> [Int32] {
        postings[ByteString(key)] ?? []
    }
}

/// A text field as its padded, normalized form (`TextNormalizer.padded`), one entry per text: a
/// record has one entry for a single text (job title) and one per element for a list of texts
/// (skills). WORD and SMART look words up in a dictionary of the entries' words; STRICT compares
/// whole entries. A criterion with several words must hold within one entry, as in SQL.
struct TextIndex: Sendable {
    /// The record of each entry; nil when entry and record are the same (single texts).
    private var owners: [Int32]?
    /// The entries' texts.
    private var texts: [String] = []
    /// Each word and the entries that have it, ascending.
    private var postings: [ByteString: [Int32]] = [:]
    /// Every word, in byte order, for prefix ranges (filled by `finish`).
    private var sortedWords: [ByteString] = []

    init(listPerRecord: Bool) {
        owners = listPerRecord ? [] : nil
    }

    var entryCount: Int { texts.count }

    /// Adds one entry of `record`; records must come in ascending order.
    mutating func add(_ text: String, record: Int32) {
        let entry = Int32(entryCount)
        owners?.append(record)
        texts.append(text)
        for word in text.utf8.split(separator: 0x20) {
            postings[ByteString(Substring(word)), default: []].append(entry)
        }
    }

    mutating func finish() {
        sortedWords = postings.keys.sorted { $0.precedes($1) }
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
            return records(of: entries(withWords: terms.map(ByteString.init)), capacity: capacity)
        case .text(.smart, let terms):
            guard let first = terms.first else { return Bitset(capacity: capacity) }
            if terms.count == 1 {
                var records = Bitset(capacity: capacity)
                forEachPosting(prefix: ByteString(first)) { records.insert(contentsOf: project($0)) }
                return records
            }
            var entries = prefixEntries(ByteString(first))
            for term in terms.dropFirst() { entries.formIntersection(prefixEntries(ByteString(term))) }
            return records(of: entries.members(offset: 0, limit: Int.max), capacity: capacity)
        }
    }

    /// Entries equal to `target` (the candidates hold all of its words).
    private func records(whole target: String, capacity: Int) -> Bitset {
        let words = target.utf8.split(separator: 0x20).map { ByteString(Substring($0)) }
        let candidates: [Int32] = words.isEmpty ? (0..<Int32(entryCount)).map { $0 } : entries(withWords: words)
        return records(of: candidates.filter { texts[Int($0)].utf8.elementsEqual(target.utf8) }, capacity: capacity)
    }

    /// Entries having every word of `words`: the intersection of their sorted posting lists.
    private func entries(withWords words: [ByteString]) -> [Int32] {
        let lists = words.map { postings[$0] ?? [] }.sorted { $0.count < $1.count }
        return lists.dropFirst().reduce(lists[0]) { Self.intersection($0, $1) }
    }

    private func prefixEntries(_ prefix: ByteString) -> Bitset {
        var entries = Bitset(capacity: entryCount)
        forEachPosting(prefix: prefix) { entries.insert(contentsOf: $0) }
        return entries
    }

    /// The posting list of every word starting with `prefix` (a binary search, then a walk).
    private func forEachPosting(prefix: ByteString, _ body: ([Int32]) -> Void) {
        var low = 0
        var high = sortedWords.count
        while low < high {
            let middle = (low + high) / 2
            if sortedWords[middle].precedes(prefix) { low = middle + 1 } else { high = middle }
        }
        while low < sortedWords.count, sortedWords[low].starts(with: prefix) {
            body(postings[sortedWords[low]] ?? [])
            low += 1
        }
    }

    private func records(of entries: [Int32], capacity: Int) -> Bitset {
        Bitset(capacity: capacity, project(entries))
    }

    private func project(_ entries: [Int32]) -> LazyMapSequence<[Int32], Int32> {
        let owners = owners
        return entries.lazy.map { owners?[Int($0)] ?? $0 }
    }

    static func intersection(_ left: [Int32], _ right: [Int32]) -> [Int32] {
        var result: [Int32] = []
        var i = 0
        var j = 0
        while i < left.count, j < right.count {
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
