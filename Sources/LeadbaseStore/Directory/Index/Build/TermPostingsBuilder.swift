import Foundation

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

/// Collects (term, ordinal) pairs, ordinals ascending, and writes them as a `TermDictionary`:
/// terms sorted by their bytes, each with its ordinals (an ordinal holding a term twice counts
/// once). Pairs are kept in two flat arrays and laid out by a counting sort at the end, rather
/// than a growable array per term, which would cost an allocation and spare capacity each.
///
/// A second channel, if asked for, collects its own (term, ordinal) pairs for the same terms
/// (a list field's words: the whole entries holding each word), in any order.
struct TermPostingsBuilder {
    private var numbers: [ByteString: Int32] = [:]
    private var terms: [ByteString] = []
    /// The last ordinal added to each term (by number).
    private var lastOrdinal: [Int32] = []
    private var pairTerms: [Int32] = []
    private var pairOrdinals: [UInt32] = []
    private var secondTerms: [Int32] = []
    private var secondOrdinals: [UInt32] = []
    private let channels: Int

    init(channels: Int = 1) {
        self.channels = channels
    }

    /// The terms added so far.
    var count: Int { terms.count }

    /// The number of `term`, added if new.
    mutating func number(of term: some StringProtocol) -> Int32 {
        let key = ByteString(term)
        if let known = numbers[key] { return known }
        let number = Int32(terms.count)
        numbers[key] = number
        terms.append(key)
        lastOrdinal.append(-1)
        return number
    }

    mutating func add(_ term: some StringProtocol, ordinal: Int) {
        add(number: number(of: term), ordinal: ordinal)
    }

    /// Adds an ordinal to a term's list; ordinals must come in ascending order.
    mutating func add(number: Int32, ordinal: Int) {
        guard lastOrdinal[Int(number)] != Int32(ordinal) else { return }
        lastOrdinal[Int(number)] = Int32(ordinal)
        pairTerms.append(number)
        pairOrdinals.append(UInt32(ordinal))
    }

    /// Adds an ordinal to a term's second-channel list, in any order (repeats are dropped).
    mutating func addSecond(number: Int32, ordinal: Int) {
        secondTerms.append(number)
        secondOrdinals.append(UInt32(ordinal))
    }

    /// Writes the dictionary `name`; `remapSecond`, if given, maps second-channel ordinals first
    /// (a list field's wholes are numbered as first seen, then renumbered in their sorted order).
    /// Answers the terms' ranks in byte order, by number (what `remapSecond` of another
    /// dictionary may be made of).
    @discardableResult
    consuming func finish(name: String, into sink: some SectionSink, remapSecond: [Int32]? = nil) throws -> [Int32] {
        let sorted = SortedTerms(terms)
        let lists = Self.group(terms: pairTerms, ordinals: pairOrdinals, rank: sorted.rank, count: terms.count, sortEach: false)
        let seconds =
            channels > 1
            ? Self.group(
                terms: secondTerms, ordinals: remapSecond.map { remap in secondOrdinals.map { UInt32(remap[Int($0)]) } } ?? secondOrdinals,
                rank: sorted.rank, count: terms.count, sortEach: true) : nil
        var dictionary = TermDictionary.Builder(name: name, channels: channels)
        for position in sorted.order.indices {
            var encoded = [PostingCodec.encode(lists.postings[lists.starts[position]..<lists.starts[position + 1]])]
            if let seconds {
                encoded.append(PostingCodec.encode(seconds.postings[seconds.starts[position]..<seconds.starts[position + 1]]))
            }
            sorted.withTerm(at: position) { dictionary.add($0, encoded) }
        }
        try dictionary.finish(into: sink)
        return sorted.rank
    }

    /// Pairs grouped by term rank (a stable counting sort), each group's ordinals optionally
    /// sorted and made unique.
    static func group(terms: [Int32], ordinals: [UInt32], rank: [Int32], count: Int, sortEach: Bool) -> (
        starts: [Int], postings: [UInt32]
    ) {
        var starts = [Int](repeating: 0, count: count + 1)
        for number in terms { starts[Int(rank[Int(number)]) + 1] += 1 }
        for index in 0..<count { starts[index + 1] += starts[index] }
        var next = starts
        var postings = [UInt32](repeating: 0, count: ordinals.count)
        for (number, ordinal) in zip(terms, ordinals) {
            let position = Int(rank[Int(number)])
            postings[next[position]] = ordinal
            next[position] += 1
        }
        guard sortEach else { return (starts, postings) }
        // Sorted and unique within each group, compacted.
        var kept = 0
        var compactStarts = [0]
        compactStarts.reserveCapacity(count + 1)
        for group in 0..<count {
            postings[starts[group]..<starts[group + 1]].sort()
            var previous: UInt32?
            for index in starts[group]..<starts[group + 1] where postings[index] != previous {
                previous = postings[index]
                postings[kept] = postings[index]
                kept += 1
            }
            compactStarts.append(kept)
        }
        postings.removeSubrange(kept...)
        return (compactStarts, postings)
    }
}

/// Terms laid side by side and sorted in byte order with `memcmp` (comparing `String.UTF8View`s
/// walks an iterator per byte).
struct SortedTerms {
    private let bytes: [UInt8]
    private let starts: [Int]
    /// Term numbers in byte order of their terms.
    let order: [Int]
    /// Each term's position in `order`, by number.
    let rank: [Int32]

    init(_ terms: [ByteString]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(terms.reduce(0) { $0 + $1.text.utf8.count })
        var starts = [0]
        starts.reserveCapacity(terms.count + 1)
        for term in terms {
            bytes.append(contentsOf: term.text.utf8)
            starts.append(bytes.count)
        }
        order = bytes.withUnsafeBytes { bytes in
            terms.indices.sorted { left, right in
                TermDictionary.compare(
                    UnsafeRawBufferPointer(rebasing: bytes[starts[left]..<starts[left + 1]]),
                    UnsafeRawBufferPointer(rebasing: bytes[starts[right]..<starts[right + 1]])) < 0
            }
        }
        var rank = [Int32](repeating: 0, count: terms.count)
        for (position, number) in order.enumerated() { rank[number] = Int32(position) }
        self.bytes = bytes
        self.starts = starts
        self.rank = rank
    }

    /// Calls `body` with the bytes of the term at `position` of the order.
    func withTerm<T>(at position: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let number = order[position]
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[starts[number]..<starts[number + 1]])) }
    }
}
