import Foundation

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
              parser.bytes[start + 37] == UInt8(ascii: "\"") else { throw parser.error("Expected a UUID") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        var index = start + 1
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
            bytes.append(high << 4 | low)
            index += 2
        }
        parser.position = start + 38
        self = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
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
            case UInt8(ascii: "]"): parser.position += 1; return
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
            let name = try string()
            skipWhiteSpace()
            guard current == UInt8(ascii: ":") else { throw error("Expected ':'") }
            position += 1
            let key = keys[name]
            if let (_, bit) = key {
                guard seen & bit == 0 else { throw JSONValue.ParseError(offset: keyStart, reason: "Repeated key") }
                seen |= bit
            }
            try field(&self, key?.key)
            skipWhiteSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return
            default: throw error("Expected ',' or '}'")
            }
        }
    }
}

/// The keys of a record read by `JSONParser.readObject`: an enumeration whose raw values are the
/// JSON keys (at most 64), looked up by name in one hash.
struct KeyNames<Key: CaseIterable & RawRepresentable<String>>: Sendable where Key: Sendable {
    private let keys: [String: (key: Key, bit: UInt64)]

    init() {
        precondition(Key.allCases.count <= 64)
        keys = Dictionary(uniqueKeysWithValues: Key.allCases.enumerated().map { ($1.rawValue, ($1, UInt64(1) << $0)) })
    }

    subscript(name: String) -> (key: Key, bit: UInt64)? { keys[name] }
}
