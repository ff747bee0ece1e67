import Foundation
import LeadbaseCore

/// A type read straight from JSON text, field by field, without `Decoder` or an intermediate
/// `JSONValue` tree: the importer's fast path (see `Person.importing(_:)`).
///
/// A reader must give exactly what `JSONDecoder` gives for the same text, or refuse: it throws for
/// anything it does not read the same way (a repeated key, a number `JSONDecoder` would still take
/// as an integer, such as `5.0`), and the caller then goes the `Codable` way.
protocol JSONRecordReadable {
    init(reading parser: inout JSONParser) throws(JSONValue.ParseError)
}

extension String: JSONRecordReadable {
    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        parser.skipWhiteSpace()
        guard parser.current == UInt8(ascii: "\"") else { throw parser.error("Expected a string") }
        self = try parser.string()
    }
}

extension Int: JSONRecordReadable {
    /// Plain integers only (`-12`); `JSONDecoder` also takes `5.0` or `1e2`, left to it.
    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        parser.skipWhiteSpace()
        let negative = parser.current == UInt8(ascii: "-")
        if negative { parser.position += 1 }
        let start = parser.position
        // Accumulated towards the sign, so that `Int.min` fits.
        var value = 0
        while let byte = parser.current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let digit = Int(byte - UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw parser.error("Integer out of range") }
            value = sum
            parser.position += 1
        }
        let count = parser.position - start
        guard count > 0, count == 1 || parser.bytes[start] != UInt8(ascii: "0") else { throw parser.error("Expected an integer") }
        if let byte = parser.current, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            throw parser.error("Expected a plain integer")
        }
        self = value
    }
}

extension UUID: JSONRecordReadable {
    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, either case (as `UUID(uuidString:)` takes, which
    /// is slower: it goes through `sscanf`).
    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        parser.skipWhiteSpace()
        let start = parser.position
        guard parser.current == UInt8(ascii: "\""), start + 38 <= parser.bytes.count,
            parser.bytes[start + 37] == UInt8(ascii: "\"")
        else { throw parser.error("Expected a UUID") }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        try withUnsafeMutableBytes(of: &uuid) { (uuidBytes) throws(JSONValue.ParseError) in
            var (index, count) = (start + 1, 0)
            while index < start + 37 {
                switch index - start - 1 {
                case 8, 13, 18, 23:
                    guard parser.bytes[index] == UInt8(ascii: "-") else { throw parser.error("Expected a UUID") }
                    index += 1
                    continue
                default:
                    break
                }
                guard let high = JSONParser.hexDigit(parser.bytes[index]), let low = JSONParser.hexDigit(parser.bytes[index + 1]) else {
                    throw parser.error("Expected a UUID")
                }
                uuidBytes[count] = high << 4 | low
                (index, count) = (index + 2, count + 1)
            }
        }
        parser.position = start + 38
        self = UUID(uuid: uuid)
    }
}

extension Array: JSONRecordReadable where Element: JSONRecordReadable {
    init(reading parser: inout JSONParser) throws(JSONValue.ParseError) {
        parser.skipWhiteSpace()
        guard parser.current == UInt8(ascii: "[") else { throw parser.error("Expected a list") }
        parser.position += 1
        self = []
        parser.skipWhiteSpace()
        if parser.current == UInt8(ascii: "]") {
            parser.position += 1
            return
        }
        while true {
            append(try Element(reading: &parser))
            parser.skipWhiteSpace()
            switch parser.current {
            case UInt8(ascii: ","): parser.position += 1
            case UInt8(ascii: "]"):
                parser.position += 1
                return
            default: throw parser.error("Expected ',' or ']'")
            }
        }
    }
}

extension JSONParser {
    /// Reads one record from the whole of `bytes` (white space around it allowed).
    static func read<T: JSONRecordReadable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(JSONValue.ParseError) -> T {
        var parser = JSONParser(bytes: bytes.assumingMemoryBound(to: UInt8.self))
        let value = try T(reading: &parser)
        parser.skipWhiteSpace()
        guard parser.position == parser.bytes.count else { throw parser.error("Unexpected content after the value") }
        return value
    }

    /// A value that may be `null`: nil for it, as `decodeIfPresent` gives.
    mutating func readOptional<T: JSONRecordReadable>(_ type: T.Type = T.self) throws(JSONValue.ParseError) -> T? {
        skipWhiteSpace()
        if current == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try T(reading: &self)
    }

    /// Skips one value of any kind (a key the record does not have).
    mutating func skipValue() throws(JSONValue.ParseError) {
        _ = try value(depth: 1)
    }

    /// Reads an object, calling `field` with each key, positioned at its value: the record's own
    /// key, or nil for one it does not have. `field` must read or skip the value. A key read twice
    /// is refused (`JSONDecoder` keeps the first, this reader would keep the last).
    @inline(__always)  // specialized for each record's keys; generic, it looked up type metadata per key
    mutating func readObject<Key>(
        _ keys: KeyNames<Key>, _ field: (inout JSONParser, Key?) throws(JSONValue.ParseError) -> Void
    ) throws(JSONValue.ParseError) {
        skipWhiteSpace()
        guard current == UInt8(ascii: "{") else { throw error("Expected an object") }
        position += 1
        skipWhiteSpace()
        if current == UInt8(ascii: "}") {
            position += 1
            return
        }
        var seen: UInt64 = 0
        while true {
            skipWhiteSpace()
            guard current == UInt8(ascii: "\"") else { throw error("Expected a key") }
            let keyStart = position
            let key = try objectKey(keys)
            skipWhiteSpace()
            guard current == UInt8(ascii: ":") else { throw error("Expected ':'") }
            position += 1
            if let (_, bit) = key {
                guard seen & bit == 0 else { throw JSONValue.ParseError(offset: keyStart, reason: "Repeated key") }
                seen |= bit
            }
            try field(&self, key?.key)
            skipWhiteSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return
            default: throw error("Expected ',' or '}'")
            }
        }
    }

    /// The object key at `position` (a string), looked up in `keys`. A key of printable ASCII
    /// without escapes (every key a record has) is matched on its bytes, without making a
    /// `String` and hashing it: a person has some 80 keys, nested ones included.
    @inline(__always)
    mutating func objectKey<Key>(_ keys: KeyNames<Key>) throws(JSONValue.ParseError) -> (key: Key, bit: UInt64)? {
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] >= 0x20, bytes[end] < 0x80, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") {
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return keys[try string()] }
        position = end + 1
        return keys[UnsafeBufferPointer(rebasing: bytes[start..<end])]
    }
}

/// The keys of a record read by `JSONParser.readObject`: an enumeration whose raw values are the
/// JSON keys (at most 64, all ASCII), looked up by name.
struct KeyNames<Key: CaseIterable & RawRepresentable<String>>: Sendable where Key: Sendable {
    private let keys: [String: (key: Key, bit: UInt64)]
    /// The same keys by the length of their name, for `subscript(bytes:)`.
    private let byLength: [[(name: [UInt8], key: Key, bit: UInt64)]]

    init() {
        precondition(Key.allCases.count <= 64 && Key.allCases.allSatisfy { $0.rawValue.utf8.allSatisfy { $0 < 0x80 } })
        let entries = Key.allCases.enumerated().map { (name: Array($1.rawValue.utf8), key: $1, bit: UInt64(1) << $0) }
        keys = Dictionary(uniqueKeysWithValues: entries.map { (String(decoding: $0.name, as: UTF8.self), ($0.key, $0.bit)) })
        var byLength = Array(repeating: [(name: [UInt8], key: Key, bit: UInt64)](), count: (entries.map(\.name.count).max() ?? 0) + 1)
        for entry in entries { byLength[entry.name.count].append(entry) }
        self.byLength = byLength
    }

    subscript(name: String) -> (key: Key, bit: UInt64)? { keys[name] }

    /// The key named by `bytes` (UTF-8, without escapes).
    subscript(bytes: UnsafeBufferPointer<UInt8>) -> (key: Key, bit: UInt64)? {
        guard bytes.count < byLength.count else { return nil }
        for candidate in byLength[bytes.count] where candidate.name.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) {
            return (candidate.key, candidate.bit)
        }
        return nil
    }
}
