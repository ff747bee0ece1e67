import LeadbaseCore

/// Parses JSON text (RFC 8259, UTF-8) straight into a `JSONValue`. Every request body is parsed
/// into the tree, and going through `JSONDecoder` and `JSONValue`'s `Decodable` conformance cost
/// a thrown error for every guess at a value's type.
///
/// Accepts any value at the top level and surrounding white space; a repeated key keeps its last
/// value (as in JavaScript). Refuses invalid UTF-8, unescaped control characters, lone
/// surrogates, leading zeros, trailing commas (which `JSONDecoder` lets through), trailing
/// content and nesting deeper than 512.
extension JSONValue {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// The byte offset where the text stopped being JSON.
        public let offset: Int
        public let reason: String

        public var description: String { "\(reason) at byte \(offset)" }
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws(ParseError) -> JSONValue {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { (buffer) throws(ParseError) -> JSONValue in
            var parser = JSONParser(bytes: buffer)
            let value = try parser.value(depth: 0)
            parser.skipWhiteSpace()
            guard parser.position == buffer.count else { throw parser.error("Unexpected content after the value") }
            return value
        }
    }
}

struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    static let maxDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func error(_ reason: String) -> JSONValue.ParseError {
        JSONValue.ParseError(offset: position, reason: reason)
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhiteSpace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    mutating func value(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        skipWhiteSpace()
        guard let byte = current else { throw error("Unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("Unexpected character")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONValue.ParseError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("Invalid literal") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            throw error("Invalid literal")
        }
        position += count
    }

    mutating func object(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("Too deeply nested") }
        position += 1
        var object: [String: JSONValue] = [:]
        skipWhiteSpace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(object)
        }
        while true {
            skipWhiteSpace()
            guard current == UInt8(ascii: "\"") else { throw error("Expected a key") }
            let key = try string()
            skipWhiteSpace()
            guard current == UInt8(ascii: ":") else { throw error("Expected ':'") }
            position += 1
            object[key] = try value(depth: depth)
            skipWhiteSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(object)
            default: throw error("Expected ',' or '}'")
            }
        }
    }

    mutating func array(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("Too deeply nested") }
        position += 1
        var items: [JSONValue] = []
        skipWhiteSpace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try value(depth: depth))
            skipWhiteSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(items)
            default: throw error("Expected ',' or ']'")
            }
        }
    }

    mutating func string() throws(JSONValue.ParseError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes, so the text is the bytes themselves (and needs no UTF-8
        // validation if they are all ASCII).
        var high: UInt8 = 0
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw error("Unescaped control character in string") }
            high |= byte
            position += 1
        }
        guard let stop = current else { throw error("Unterminated string") }
        var text =
            high < 0x80
            ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            : try utf8(start..<position)
        if stop == UInt8(ascii: "\"") {
            position += 1
            return text
        }
        var scalars = String.UnicodeScalarView()
        while true {
            guard let byte = current else { throw error("Unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                text.unicodeScalars.append(contentsOf: scalars)
                return text
            case UInt8(ascii: "\\"):
                position += 1
                scalars.append(try escape())
            default:
                let runStart = position
                while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                    guard byte >= 0x20 else { throw error("Unescaped control character in string") }
                    position += 1
                }
                scalars.append(contentsOf: try utf8(runStart..<position).unicodeScalars)
            }
        }
    }

    func utf8(_ range: Range<Int>) throws(JSONValue.ParseError) -> String {
        guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) else {
            throw JSONValue.ParseError(offset: range.lowerBound, reason: "Invalid UTF-8 in string")
        }
        return text
    }

    mutating func escape() throws(JSONValue.ParseError) -> Unicode.Scalar {
        guard let byte = current else { throw error("Unterminated string") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hex4()
            if (0xD800...0xDBFF).contains(unit) {
                guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                    throw error("Lone surrogate in string")
                }
                position += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("Lone surrogate in string") }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(unit) else { throw error("Lone surrogate in string") }
            return scalar
        default:
            throw error("Invalid escape")
        }
    }

    mutating func hex4() throws(JSONValue.ParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("Invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexDigit(bytes[position]) else { throw error("Invalid \\u escape") }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// The value of a hexadecimal digit, either case.
    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    mutating func number() throws(JSONValue.ParseError) -> Double {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { throw error("Invalid number") }
        position += 1
        if first == UInt8(ascii: "0"), let next = current, next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9") {
            throw error("Leading zero in number")
        }
        skipDigits()
        if current == UInt8(ascii: ".") {
            position += 1
            guard digits() else { throw error("Invalid number") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits() else { throw error("Invalid number") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let number = Double(text), number.isFinite else { throw JSONValue.ParseError(offset: start, reason: "Invalid number") }
        return number
    }

    mutating func skipDigits() {
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
    }

    /// Skips one or more digits; false if there was none.
    mutating func digits() -> Bool {
        let start = position
        skipDigits()
        return position > start
    }
}
