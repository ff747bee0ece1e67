import LeadbaseCore
import SQLKit

/// Compresses directory documents one at a time, each against a shared dictionary (a sample of
/// documents of the same kind), so that any one can be read back alone: an LZ77 scheme in the
/// manner of LZ4's block format. A document of ~2 KB of JSON shrinks to about a quarter, most of
/// it found in the dictionary (keys, and the values many records share).
///
/// A compressed document is its length (a varint), then a run of sequences: a token byte (literal count in its high four
/// bits, match length less 4 in its low four; 15 in either means more follows as bytes of 255
/// and a last byte below 255), the literals, then (unless the document ends there) the match's
/// distance back as a little-endian UInt16, in the dictionary followed by the document so far.
struct DocumentCompressor: Sendable {
    let dictionary: [UInt8]
    /// The last dictionary position of each hash of 4 bytes, or -1.
    private let dictionaryTable: [Int32]

    static let hashBits = 14
    /// A document's own table is smaller: documents are a few KB.
    static let documentHashBits = 12
    static let minimumMatch = 4
    /// The farthest a match may reach back.
    static let window = 65_535
    /// The largest dictionary: small enough that a document of a few KB still reaches all of it.
    static let maximumDictionary = 60 * 1024

    init(dictionary: [UInt8]) {
        self.dictionary = Array(dictionary.suffix(Self.maximumDictionary))
        var table = [Int32](repeating: -1, count: 1 << Self.hashBits)
        self.dictionary.withUnsafeBytes { bytes in
            guard bytes.count >= Self.minimumMatch else { return }
            for position in 0...(bytes.count - Self.minimumMatch) { table[Self.hash(bytes, position)] = Int32(position) }
        }
        dictionaryTable = table
    }

    @inline(__always) static func hash(_ bytes: UnsafeRawBufferPointer, _ position: Int, bits: Int = hashBits) -> Int {
        let word = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        return Int((word &* 2_654_435_761) >> UInt32(32 - bits))
    }

    /// A dictionary of documents as the database holds them: some companies', then some people's
    /// (those of the smallest ids: random ones, ids being random), up to `maximumDictionary`.
    static func sampleDictionary(from database: Database) async throws -> [UInt8] {
        try await database.withSession { sql in
            var dictionary: [UInt8] = []
            for (table, limit) in [("companies", 16), ("people", 64)] {
                for row in try await sql.raw("SELECT doc FROM \(ident: table) ORDER BY id LIMIT \(bind: limit)").all() {
                    let document = try row.decode(column: "doc", as: String.self)
                    guard dictionary.count + document.utf8.count <= maximumDictionary else { break }
                    dictionary += document.utf8
                }
            }
            return dictionary
        }
    }

    /// Appends `input` compressed to `output`.
    func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        let count = input.count
        var length = ByteSink()
        length.varint(count)
        output.append(contentsOf: length.bytes)
        var table = [Int32](repeating: -1, count: 1 << Self.documentHashBits)
        dictionary.withUnsafeBytes { dictionary in
            let base = dictionary.count
            var anchor = 0
            var position = 0
            while position + Self.minimumMatch <= count {
                let hash = Self.hash(input, position)
                let documentHash = hash >> (Self.hashBits - Self.documentHashBits)
                let inDocument = Int(table[documentHash])
                table[documentHash] = Int32(position)
                var best = (length: 0, distance: 0)
                if inDocument >= 0 {
                    let length = Self.matchLength(input, inDocument, input, position, limit: count - position)
                    if length >= Self.minimumMatch { best = (length, position - inDocument) }
                }
                let inDictionary = Int(dictionaryTable[hash])
                if inDictionary >= 0, base - inDictionary + position <= Self.window {
                    let length = Self.matchLength(
                        dictionary, inDictionary, input, position, limit: min(count - position, base - inDictionary))
                    if length > best.length { best = (length, base - inDictionary + position) }
                }
                guard best.length >= Self.minimumMatch else {
                    position += 1
                    continue
                }
                Self.emit(literals: input, from: anchor, to: position, match: best, into: &output)
                position += best.length
                anchor = position
            }
            Self.emit(literals: input, from: anchor, to: count, match: nil, into: &output)
        }
    }

    /// How many bytes from `left[leftStart...]` equal those from `right[rightStart...]`, at most `limit`.
    @inline(__always)
    private static func matchLength(
        _ left: UnsafeRawBufferPointer, _ leftStart: Int, _ right: UnsafeRawBufferPointer, _ rightStart: Int, limit: Int
    ) -> Int {
        var length = 0
        while length + 8 <= limit {
            let difference =
                left.loadUnaligned(fromByteOffset: leftStart + length, as: UInt64.self)
                ^ right.loadUnaligned(fromByteOffset: rightStart + length, as: UInt64.self)
            if difference != 0 { return length + difference.trailingZeroBitCount / 8 }
            length += 8
        }
        while length < limit, left[leftStart + length] == right[rightStart + length] { length += 1 }
        return length
    }

    private static func emit(
        literals input: UnsafeRawBufferPointer, from start: Int, to end: Int, match: (length: Int, distance: Int)?,
        into output: inout [UInt8]
    ) {
        let literalCount = end - start
        let matchExtra = (match?.length ?? minimumMatch) - minimumMatch
        output.append(UInt8(min(literalCount, 15) << 4 | min(matchExtra, 15)))
        if literalCount >= 15 { appendLength(literalCount - 15, to: &output) }
        output.append(contentsOf: input[start..<end])
        guard let match else { return }
        output.append(UInt8(truncatingIfNeeded: match.distance))
        output.append(UInt8(truncatingIfNeeded: match.distance >> 8))
        if matchExtra >= 15 { appendLength(matchExtra - 15, to: &output) }
    }

    private static func appendLength(_ value: Int, to output: inout [UInt8]) {
        var rest = value
        while rest >= 255 {
            output.append(255)
            rest -= 255
        }
        output.append(UInt8(rest))
    }
}

/// Reads back what `DocumentCompressor` wrote.
enum DocumentDecompressor {
    struct Damaged: Error {}

    /// How far past a document's end `decode(_:dictionary:into:)` may write: copies go 8 bytes at
    /// a time where there is room.
    static let slack = EncodedDocumentSlack.bytes

    /// The length of the document `compressed` holds, and where its sequences begin.
    static func header(_ compressed: UnsafeRawBufferPointer) throws -> (size: Int, start: Int) {
        guard let source = compressed.baseAddress, !compressed.isEmpty else { throw Damaged() }
        var cursor = ByteCursor(source)
        let size = cursor.varint()
        guard size >= 0, size <= 1 << 28, cursor.offset <= compressed.count else { throw Damaged() }
        return (size, cursor.offset)
    }

    /// The document `compressed` holds.
    static func decompress(_ compressed: UnsafeRawBufferPointer, dictionary: UnsafeRawBufferPointer) throws -> [UInt8] {
        let size = try header(compressed).size
        var document = [UInt8](repeating: 0, count: size + slack)
        let written = document.withUnsafeMutableBytes { decode(compressed, dictionary: dictionary, into: $0.baseAddress!) }
        guard written == size else { throw Damaged() }
        document.removeLast(slack)
        return document
    }

    /// Decodes into `target`, which has room for the document's length (`header`) and `slack`
    /// bytes more, answering the length written: the document's, or -1 where the input does not
    /// decode into exactly that.
    static func decode(_ compressed: UnsafeRawBufferPointer, dictionary: UnsafeRawBufferPointer, into target: UnsafeMutableRawPointer)
        -> Int
    {
        guard let (size, start) = try? header(compressed), let input = compressed.baseAddress else { return -1 }
        let base = dictionary.count
        let end = compressed.count
        var cursor = start
        var written = 0
        func length(_ initial: Int) -> Int? {
            guard initial == 15 else { return initial }
            var value = initial
            while cursor < end {
                let byte = Int(input.load(fromByteOffset: cursor, as: UInt8.self))
                cursor += 1
                value += byte
                if byte < 255 { return value }
            }
            return nil
        }
        /// Copies `count` bytes; 8 at a time (past `count`, into the slack) when `readable` bytes
        /// can be read from `source` and the two do not overlap within 8 bytes.
        func copy(_ source: UnsafeRawPointer, _ count: Int, readable: Int, apart: Int) {
            let destination = target + written
            if count <= 16, readable >= 16, apart >= 8 {
                destination.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
                if count > 8 { (destination + 8).storeBytes(of: (source + 8).loadUnaligned(as: UInt64.self), as: UInt64.self) }
            } else if apart >= count {
                destination.copyMemory(from: source, byteCount: count)
            } else {
                // An overlapping match: a run repeating its last `apart` bytes.
                for index in 0..<count {
                    (destination + index).storeBytes(of: source.load(fromByteOffset: index, as: UInt8.self), as: UInt8.self)
                }
            }
        }
        while cursor < end {
            let token = Int(input.load(fromByteOffset: cursor, as: UInt8.self))
            cursor += 1
            guard let literals = length(token >> 4), cursor + literals <= end, written + literals <= size else { return -1 }
            copy(input + cursor, literals, readable: end - cursor, apart: Int.max)
            cursor += literals
            written += literals
            guard cursor < end else { break }
            guard cursor + 2 <= end else { return -1 }
            let distance =
                Int(input.load(fromByteOffset: cursor, as: UInt8.self)) | Int(input.load(fromByteOffset: cursor + 1, as: UInt8.self)) << 8
            cursor += 2
            guard let extra = length(token & 15) else { return -1 }
            var remaining = extra + DocumentCompressor.minimumMatch
            // Where the match starts in the dictionary followed by the document so far.
            let from = base + written - distance
            guard distance > 0, from >= 0, written + remaining <= size else { return -1 }
            if from < base {
                let taken = min(remaining, base - from)
                copy(dictionary.baseAddress! + from, taken, readable: base - from, apart: Int.max)
                written += taken
                remaining -= taken
                guard remaining > 0 else { continue }
            }
            let source = max(from - base, 0)
            copy(UnsafeRawPointer(target + source), remaining, readable: Int.max, apart: written - source)
            written += remaining
        }
        return written == size ? written : -1
    }
}
