import Foundation

/// Sorted terms (byte strings) and, for each, one or more posting lists ("channels": the records
/// holding the term, and for a list field's words also the whole entries holding it), as read
/// from an index file.
///
/// Terms are front-coded in blocks of 16: the first term of a block whole, each next one as the
/// length it shares with the one before and the rest. A lookup is a binary search over the
/// blocks' first terms, then a walk through one block. Each term carries, per channel, the byte
/// length and the count of its posting list; the lists themselves lie end to end, and each block
/// records where its first term's list starts.
///
/// Sections (under the dictionary's name `n`): `n.blocks` (UInt32 offset of each block in
/// `n.terms`, one more at the end), `n.terms`, and per channel `c`: `n.c.bases` (UInt64 offset of
/// each block's first list in `n.c.postings`) and `n.c.postings`.
struct TermDictionary: Sendable {
    static let blockSize = 16

    let count: Int
    private let blocks: FlatArray<UInt32>
    private let terms: FlatArray<UInt8>
    private let channels: [Channel]

    struct Channel: Sendable {
        let bases: FlatArray<UInt64>
        let postings: FlatArray<UInt8>
    }

    /// One term, as a lookup or a walk finds it.
    struct Entry {
        /// Its position in the sorted order.
        let ordinal: Int
        /// Its posting list in channel 0 (the records holding it).
        let postings: StoredPostings
        /// Its posting list in channel 1, if the dictionary has two (the whole entries holding it).
        let second: StoredPostings?
    }

    /// Reads the dictionary `name` of `sections`.
    init(_ name: String, channels channelCount: Int, count: Int, in sections: SegmentSections) throws {
        self.count = count
        blocks = try sections.array("\(name).blocks")
        terms = try sections.array("\(name).terms")
        precondition((1...2).contains(channelCount), "one or two channels")
        channels = try (0..<channelCount).map { channel in
            Channel(bases: try sections.array("\(name).\(channel).bases"), postings: try sections.array("\(name).\(channel).postings"))
        }
        guard blocks.count == (count + Self.blockSize - 1) / Self.blockSize + 1,
            channels.allSatisfy({ $0.bases.count == blocks.count - 1 })
        else { throw SegmentSections.Malformed(reason: "dictionary \(name) has \(blocks.count) blocks for \(count) terms") }
    }

    /// The entry of `term`, if the dictionary holds it.
    func find(_ term: UnsafeRawBufferPointer) -> Entry? {
        var found: Entry?
        walk(from: lastBlock(notAfter: term)) { bytes, entry in
            let order = Self.compare(bytes, term)
            if order == 0 { found = entry }
            return order < 0
        }
        return found
    }

    func find(_ term: String) -> Entry? {
        var term = term
        return term.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    /// Every entry whose term starts with `prefix`, in term order.
    func forEach(prefix: UnsafeRawBufferPointer, _ body: (Entry) -> Void) {
        walk(from: lastBlock(notAfter: prefix)) { bytes, entry in
            if bytes.count >= prefix.count, memcmp(bytes.baseAddress!, prefix.baseAddress!, prefix.count) == 0 {
                body(entry)
                return true
            }
            return Self.compare(bytes, prefix) < 0
        }
    }

    func forEach(prefix: String, _ body: (Entry) -> Void) {
        var prefix = prefix
        prefix.withUTF8 { forEach(prefix: UnsafeRawBufferPointer($0), body) }
    }

    /// The entry at `ordinal`.
    func entry(at ordinal: Int) -> Entry {
        var found: Entry?
        walk(from: ordinal / Self.blockSize) { _, entry in
            if entry.ordinal == ordinal { found = entry }
            return entry.ordinal < ordinal
        }
        return found!
    }

    /// Every term and entry in order from the start of `block`, for as long as `body` answers
    /// true. The bytes are valid during the call only.
    func walk(from block: Int = 0, _ body: (UnsafeRawBufferPointer, Entry) -> Bool) {
        var cursor = Cursor(self, block: block)
        while let entry = cursor.next() {
            guard cursor.withTerm({ body($0, entry) }) else { return }
        }
    }

    /// Reads entries one after another: what lookups walk within a block, and merges through a
    /// whole dictionary.
    struct Cursor {
        private let dictionary: TermDictionary
        private var block: Int
        private var ordinal: Int
        private var reader: ByteCursor?
        private var offsets = (0, 0)
        private var term: [UInt8] = []

        init(_ dictionary: TermDictionary, block: Int = 0) {
            self.dictionary = dictionary
            self.block = block
            ordinal = block * TermDictionary.blockSize
            term.reserveCapacity(128)
        }

        /// The next entry; its term is `withTerm`'s until the next call.
        mutating func next() -> Entry? {
            guard ordinal < dictionary.count, let termBase = dictionary.terms.base else { return nil }
            if reader == nil || ordinal % TermDictionary.blockSize == 0 {
                block = ordinal / TermDictionary.blockSize
                reader = ByteCursor(termBase, at: Int(dictionary.blocks[block]))
                let channels = dictionary.channels
                offsets = (Int(channels[0].bases[block]), channels.count > 1 ? Int(channels[1].bases[block]) : 0)
            }
            let shared = reader!.varint()
            let suffix = reader!.bytes(reader!.varint())
            term.removeSubrange(shared...)
            term.append(contentsOf: suffix)
            let channels = dictionary.channels
            let length = reader!.varint()
            let postings = StoredPostings(start: channels[0].postings.base, offset: offsets.0, length: length, count: reader!.varint())
            offsets.0 += length
            var second: StoredPostings?
            if channels.count > 1 {
                let length = reader!.varint()
                second = StoredPostings(start: channels[1].postings.base, offset: offsets.1, length: length, count: reader!.varint())
                offsets.1 += length
            }
            defer { ordinal += 1 }
            return Entry(ordinal: ordinal, postings: postings, second: second)
        }

        /// Calls `body` with the bytes of the term `next` last answered.
        func withTerm<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
            term.withUnsafeBytes(body)
        }
    }

    /// The last block whose first term is not after `key` (0 when every block's is).
    private func lastBlock(notAfter key: UnsafeRawBufferPointer) -> Int {
        var low = 0
        var high = max(0, blocks.count - 2)
        while low < high {
            let middle = (low + high + 1) / 2
            if Self.compare(firstTerm(of: middle), key) <= 0 { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The first term of `block`, stored whole.
    private func firstTerm(of block: Int) -> UnsafeRawBufferPointer {
        var cursor = ByteCursor(terms.base!, at: Int(blocks[block]))
        _ = cursor.varint()
        return cursor.bytes(cursor.varint())
    }

    /// Byte order: negative, zero or positive.
    static func compare(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        let shared = min(left.count, right.count)
        if shared > 0 {
            let order = memcmp(left.baseAddress!, right.baseAddress!, shared)
            if order != 0 { return Int(order) }
        }
        return left.count - right.count
    }

    /// Writes a dictionary: terms must come in strictly ascending byte order, each with its
    /// posting lists already encoded.
    struct Builder {
        let name: String
        private var blockStarts: [UInt32] = []
        private var terms = ByteSink()
        private var bases: [[UInt64]]
        private var postings: [ByteSink]
        private var previous: [UInt8] = []
        private(set) var count = 0

        init(name: String, channels: Int) {
            precondition((1...2).contains(channels), "one or two channels")
            self.name = name
            bases = Array(repeating: [], count: channels)
            postings = Array(repeating: ByteSink(), count: channels)
        }

        /// Adds a term; `lists` holds each channel's encoded list (`PostingCodec.encode`).
        mutating func add(_ term: UnsafeRawBufferPointer, _ lists: [EncodedPostings]) {
            precondition(lists.count == postings.count, "one list per channel")
            var shared = 0
            if count % TermDictionary.blockSize == 0 {
                blockStarts.append(UInt32(terms.count))
                for channel in bases.indices { bases[channel].append(UInt64(postings[channel].count)) }
            } else {
                let limit = min(previous.count, term.count)
                while shared < limit, previous[shared] == term[shared] { shared += 1 }
            }
            terms.varint(shared)
            terms.varint(term.count - shared)
            terms.append(term[shared...])
            for (channel, list) in lists.enumerated() {
                terms.varint(list.bytes.count)
                terms.varint(list.count)
                postings[channel].append(list.bytes)
            }
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: term)
            count += 1
        }

        /// Hands every section to `sink`.
        consuming func finish(into sink: some SectionSink) throws {
            blockStarts.append(UInt32(terms.count))
            try sink.add("\(name).blocks", blockStarts)
            try sink.add("\(name).terms", terms.bytes)
            for channel in bases.indices {
                try sink.add("\(name).\(channel).bases", bases[channel])
                try sink.add("\(name).\(channel).postings", postings[channel].bytes)
            }
        }
    }
}
