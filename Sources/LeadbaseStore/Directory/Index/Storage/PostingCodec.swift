/// A posting list as stored: its encoded bytes (`PostingCodec`) and how many ordinals it holds.
struct StoredPostings: @unchecked Sendable {
    // @unchecked: a read-only view of a segment's memory, which its holder keeps alive.
    let bytes: UnsafeRawBufferPointer
    let count: Int

    init(start: UnsafeRawPointer?, offset: Int, length: Int, count: Int) {
        bytes = UnsafeRawBufferPointer(start: start.map { $0 + offset }, count: length)
        self.count = count
    }

    init(bytes: UnsafeRawBufferPointer, count: Int) {
        self.bytes = bytes
        self.count = count
    }

    static let empty = StoredPostings(bytes: UnsafeRawBufferPointer(start: nil, count: 0), count: 0)
}

/// A posting list encoded for a dictionary (`TermDictionary.Builder`).
struct EncodedPostings {
    var bytes: [UInt8]
    let count: Int
}

/// How ascending record ordinals are stored: one of two forms, chosen list by list.
///
/// - `gaps`: each ordinal as a varint of its distance from the one before: short lists, and
///   lists spread thinly over many ordinals.
/// - `chunks`: Roaring's containers. The ordinals are split by their high 16 bits; a chunk of
///   65,536 ordinals more than 1/16 full is a bitmap (8 KB, merged into a search's bitset a word
///   at a time: varint gaps would be smaller, but decoding them costs a few nanoseconds an
///   ordinal); any other holds its low 16 bits as the smaller of an array of 16-bit values and
///   varint gaps.
///
/// A list with a bitmap chunk is `chunks`; any other is the smaller of the two.
///
/// Byte 0 is the form; for `chunks` a varint count of chunks follows, then each chunk: a varint
/// of its key's distance from the previous key (less one), a varint of its ordinal count less
/// one, a kind byte, and its contents.
enum PostingCodec {
    private enum Form: UInt8 {
        case gaps = 0
        case chunks = 1
    }

    private enum Kind: UInt8 {
        case array = 0
        case bitmap = 1
        case gaps = 2
    }

    static let bitmapBytes = 8192

    /// Encodes ascending, distinct ordinals.
    static func encode(_ ordinals: some Collection<UInt32>) -> EncodedPostings {
        var gaps = ByteSink()
        gaps.bytes.append(Form.gaps.rawValue)
        var previous: Int64 = -1
        for ordinal in ordinals {
            gaps.varint(UInt64(Int64(ordinal) - previous - 1))
            previous = Int64(ordinal)
        }
        // Chunks pay a header each; a list with fewer ordinals than chunks it spans is gaps.
        guard ordinals.count > 8 else { return EncodedPostings(bytes: gaps.bytes, count: ordinals.count) }
        var chunks = ByteSink()
        chunks.bytes.append(Form.chunks.rawValue)
        var chunkCount = 0
        var body = ByteSink()
        var previousKey = -1
        var hasBitmap = false
        var start = ordinals.startIndex
        while start != ordinals.endIndex {
            let key = Int(ordinals[start] >> 16)
            var end = start
            while end != ordinals.endIndex, Int(ordinals[end] >> 16) == key { ordinals.formIndex(after: &end) }
            hasBitmap = encodeChunk(ordinals[start..<end], key: key, after: previousKey, into: &body) || hasBitmap
            previousKey = key
            chunkCount += 1
            start = end
        }
        chunks.varint(chunkCount)
        chunks.append(body.bytes)
        let chosen = hasBitmap || chunks.count < gaps.count ? chunks : gaps
        return EncodedPostings(bytes: chosen.bytes, count: ordinals.count)
    }

    /// Answers whether the chunk is a bitmap.
    private static func encodeChunk(_ ordinals: some Collection<UInt32>, key: Int, after previousKey: Int, into sink: inout ByteSink)
        -> Bool
    {
        let count = ordinals.count
        var gapBytes = 0
        var previous = -1
        for ordinal in ordinals {
            let low = Int(ordinal & 0xFFFF)
            gapBytes += varintLength(low - previous - 1)
            previous = low
        }
        let kind: Kind = if count > bitmapBytes / 2 { .bitmap } else if 2 * count <= gapBytes * 5 / 4 { .array } else { .gaps }
        sink.varint(key - previousKey - 1)
        sink.varint(count - 1)
        sink.bytes.append(kind.rawValue)
        switch kind {
        case .bitmap:
            var words = [UInt64](repeating: 0, count: bitmapBytes / 8)
            for ordinal in ordinals { words[Int(ordinal & 0xFFFF) >> 6] |= 1 << UInt64(ordinal & 63) }
            for word in words { sink.uint64(word) }
        case .array:
            for ordinal in ordinals { sink.uint16(UInt16(ordinal & 0xFFFF)) }
        case .gaps:
            previous = -1
            for ordinal in ordinals {
                let low = Int(ordinal & 0xFFFF)
                sink.varint(low - previous - 1)
                previous = low
            }
        }
        return kind == .bitmap
    }

    private static func varintLength(_ value: Int) -> Int {
        value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x20_0000 ? 3 : 4
    }

    /// Adds the list's ordinals to `bitset`: a bitmap chunk a word at a time.
    static func insert(_ list: StoredPostings, into bitset: inout Bitset) {
        bitset.withWords { words in
            walk(
                list,
                bitmap: { key, bits in
                    let first = key << 10
                    for index in 0..<min(1024, words.count - first) {
                        words[first + index] |= UInt64(littleEndian: bits.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                    }
                },
                ordinal: { words[$0 >> 6] |= 1 << UInt64($0 & 63) })
        }
    }

    /// Calls `body` with each ordinal, ascending.
    static func forEach(_ list: StoredPostings, _ body: (Int) -> Void) {
        walk(
            list,
            bitmap: { key, bits in
                for index in 0..<1024 {
                    var word = UInt64(littleEndian: bits.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                    while word != 0 {
                        body(key << 16 | index << 6 | word.trailingZeroBitCount)
                        word &= word - 1
                    }
                }
            }, ordinal: body)
    }

    /// Decodes a list: each bitmap chunk to `bitmap` (its key and its 8 KB), every other ordinal
    /// to `ordinal`, in ascending order.
    @inline(__always)
    private static func walk(_ list: StoredPostings, bitmap: (Int, UnsafeRawPointer) -> Void, ordinal: (Int) -> Void) {
        guard list.count > 0, let base = list.bytes.baseAddress else { return }
        var cursor = ByteCursor(base, at: 1)
        if base.load(as: UInt8.self) == Form.gaps.rawValue {
            var value = -1
            for _ in 0..<list.count {
                value += cursor.varint() + 1
                ordinal(value)
            }
            return
        }
        var key = -1
        for _ in 0..<cursor.varint() {
            key += cursor.varint() + 1
            let count = cursor.varint() + 1
            let kind = cursor.base.load(fromByteOffset: cursor.offset, as: UInt8.self)
            cursor.offset += 1
            let high = key << 16
            switch kind {
            case Kind.bitmap.rawValue:
                bitmap(key, cursor.base + cursor.offset)
                cursor.offset += bitmapBytes
            case Kind.array.rawValue:
                for _ in 0..<count { ordinal(high | Int(cursor.uint16())) }
            default:
                var value = high - 1
                for _ in 0..<count {
                    value += cursor.varint() + 1
                    ordinal(value)
                }
            }
        }
    }

    /// The list's ordinals.
    static func decode(_ list: StoredPostings) -> [UInt32] {
        var ordinals: [UInt32] = []
        ordinals.reserveCapacity(list.count)
        forEach(list) { ordinals.append(UInt32($0)) }
        return ordinals
    }
}
