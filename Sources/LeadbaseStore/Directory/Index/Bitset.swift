/// A set of ordinals `0 ..< capacity`, one bit each: what filters over a million records combine
/// with a few thousand word operations.
struct Bitset: Sendable {
    private(set) var words: [UInt64]
    let capacity: Int

    init(capacity: Int, filled: Bool = false) {
        self.capacity = capacity
        words = [UInt64](repeating: filled ? ~0 : 0, count: (capacity + 63) / 64)
        if filled { clearTail() }
    }

    /// The set of `ordinals` (any order, repeats allowed).
    init(capacity: Int, _ ordinals: some Sequence<Int32>) {
        self.init(capacity: capacity)
        insert(contentsOf: ordinals)
    }

    mutating func insert(_ ordinal: Int32) {
        let index = Int(ordinal)
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    mutating func insert(contentsOf ordinals: some Sequence<Int32>) {
        words.withUnsafeMutableBufferPointer { words in
            for ordinal in ordinals {
                let index = Int(ordinal)
                words[index >> 6] |= 1 << UInt64(index & 63)
            }
        }
    }

    mutating func remove(_ ordinal: Int) {
        words[ordinal >> 6] &= ~(1 << UInt64(ordinal & 63))
    }

    func contains(_ ordinal: Int) -> Bool {
        words[ordinal >> 6] & (1 << UInt64(ordinal & 63)) != 0
    }

    /// Runs `body` on the words, which it may change (bits at or beyond `capacity` must stay clear).
    mutating func withWords<Result>(_ body: (UnsafeMutableBufferPointer<UInt64>) throws -> Result) rethrows -> Result {
        try words.withUnsafeMutableBufferPointer { try body($0) }
    }

    mutating func formUnion(_ other: Bitset) {
        combine(other) { $0 | $1 }
    }

    mutating func formIntersection(_ other: Bitset) {
        combine(other) { $0 & $1 }
    }

    mutating func subtract(_ other: Bitset) {
        combine(other) { $0 & ~$1 }
    }

    /// Every ordinal not in the set.
    mutating func invert() {
        words.withUnsafeMutableBufferPointer { words in
            for index in words.indices { words[index] = ~words[index] }
        }
        clearTail()
    }

    var count: Int {
        words.withUnsafeBufferPointer { words in words.reduce(0) { $0 + $1.nonzeroBitCount } }
    }

    /// The members at positions `offset ..< offset + limit` of the ascending order: whole words
    /// are skipped by their population count.
    func members(offset: Int, limit: Int) -> [Int32] {
        var skip = offset
        var members: [Int32] = []
        members.reserveCapacity(min(limit, 1024))
        guard limit > 0 else { return members }
        words.withUnsafeBufferPointer { words in
            for (index, word) in words.enumerated() where word != 0 {
                let population = word.nonzeroBitCount
                if skip >= population {
                    skip -= population
                    continue
                }
                var rest = word
                while rest != 0 {
                    let bit = rest.trailingZeroBitCount
                    rest &= rest - 1
                    if skip > 0 {
                        skip -= 1
                        continue
                    }
                    members.append(Int32(index << 6 + bit))
                    if members.count == limit { return }
                }
            }
        }
        return members
    }

    /// The first member above `ordinal`, if any.
    func nextMember(after ordinal: Int) -> Int? {
        var index = (ordinal + 1) >> 6
        guard index < words.count else { return nil }
        var word = words[index] & (~0 << UInt64((ordinal + 1) & 63))
        while word == 0 {
            index += 1
            guard index < words.count else { return nil }
            word = words[index]
        }
        return index << 6 | word.trailingZeroBitCount
    }

    /// How many members are below each of `ordinals` (ascending, each at most `capacity`), in
    /// one walk over the words.
    func ranks(below ordinals: [Int]) -> [Int] {
        var ranks: [Int] = []
        ranks.reserveCapacity(ordinals.count)
        words.withUnsafeBufferPointer { words in
            var word = 0
            var counted = 0  // the members in words[..<word]
            for ordinal in ordinals {
                precondition(ordinal >> 6 >= word, "ordinals out of order")
                let target = min(ordinal >> 6, words.count)
                while word < target {
                    counted += words[word].nonzeroBitCount
                    word += 1
                }
                let below = target < words.count ? words[target] & ((1 << UInt64(ordinal & 63)) &- 1) : 0
                ranks.append(counted + below.nonzeroBitCount)
            }
        }
        return ranks
    }

    private mutating func combine(_ other: Bitset, _ operation: (UInt64, UInt64) -> UInt64) {
        precondition(capacity == other.capacity, "bitsets of different capacities")
        words.withUnsafeMutableBufferPointer { words in
            other.words.withUnsafeBufferPointer { others in
                for index in words.indices { words[index] = operation(words[index], others[index]) }
            }
        }
    }

    private mutating func clearTail() {
        let used = capacity & 63
        if used != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(used)) - 1 }
    }
}
