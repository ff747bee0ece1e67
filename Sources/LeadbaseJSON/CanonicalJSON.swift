import Foundation
import LeadbaseCore

/// A type written as canonical JSON without `Encoder`: the importer's fast path.
///
/// The text is byte for byte what `JSONEncoder` writes with `[.sortedKeys, .withoutEscapingSlashes]`
/// (the directory's stored form, whose hash tells an unchanged record): keys in byte order, every
/// field present (`null`, or `[]` for a list, when nil: see `CompleteEncoding`), the same string
/// escapes. A writer lists its fields in that order by hand;
/// tests compare its output with `JSONEncoder`'s.
protocol CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter)
}

struct CanonicalJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next key of the open object is its first (no comma before it).
    private var atFirstKey = true

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func object(_ body: (inout CanonicalJSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        let outer = atFirstKey
        atFirstKey = true
        body(&self)
        atFirstKey = outer
        bytes.append(UInt8(ascii: "}"))
    }

    /// `"key":`; keys are plain ASCII names, written as they are.
    private mutating func key(_ key: StaticString) {
        if !atFirstKey { bytes.append(UInt8(ascii: ",")) }
        atFirstKey = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A field, `null` when nil.
    mutating func field(_ name: StaticString, _ value: (some CanonicalJSONWritable)?) {
        key(name)
        if let value { value.write(to: &self) } else { null() }
    }

    /// A list field, `[]` when nil.
    mutating func field(_ name: StaticString, _ value: [some CanonicalJSONWritable]?) {
        key(name)
        list(value ?? [])
    }

    /// A UUID field, in lower case as `Person` writes it, `null` when nil.
    mutating func field(_ name: StaticString, uuid value: UUID?) {
        key(name)
        if let value { uuid(value) } else { null() }
    }

    mutating func null() {
        bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                escape(byte)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `JSONEncoder`'s escapes: the short forms where JSON has one, `\u00xx` (lower-case hex) for
    /// the other control characters. `/` and everything above U+001F are written as they are.
    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func integer(_ value: Int) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The digits, last first, then turned around in place.
        let start = bytes.count
        var magnitude = value.magnitude
        while magnitude > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }

    /// Text that is JSON as it is (a number's digits).
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func uuid(_ uuid: UUID) {
        bytes.append(UInt8(ascii: "\""))
        uuid.appendLowercasedText(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}

extension String: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) { writer.string(self) }
}

extension Int: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) { writer.integer(self) }
}

extension Array: CanonicalJSONWritable where Element: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.list(self)
    }
}

extension CanonicalJSONWriter {
    mutating func list(_ items: [some CanonicalJSONWritable]) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            item.write(to: &self)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

/// Canonical JSON text for callers outside this module.
public enum CanonicalJSON {
    /// `strings` as a JSON array, escaped as every canonical document is (`["a","b\"c"]`).
    public static func array(of strings: [String]) -> String {
        var writer = CanonicalJSONWriter(capacity: strings.reduce(2) { $0 + $1.utf8.count + 3 })
        writer.list(strings)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

extension UUID {
    /// The UTF-8 of the UUID in lower case, without `uuidString` (which goes through `printf`).
    public var lowercasedText: [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(36)
        appendLowercasedText(to: &text)
        return text
    }

    /// Appends `lowercasedText` to `text`, without an array of its own.
    func appendLowercasedText(to text: inout [UInt8]) {
        withUnsafeBytes(of: uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
                text.append(CanonicalJSONWriter.hexDigits[Int(byte >> 4)])
                text.append(CanonicalJSONWriter.hexDigits[Int(byte & 0x0F)])
            }
        }
    }
}
