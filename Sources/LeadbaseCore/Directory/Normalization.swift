import Foundation

/// How text is compared, the same on every database whatever its locale: done here, in Swift,
/// when records are written and when filters are read.
public enum TextNormalizer {
    /// The words of `text`: runs of letters and digits, lower-cased (every Unicode letter), and
    /// without accents when `foldingAccents` (`José` → `jose`).
    public static func words(_ text: String, foldingAccents: Bool) -> [String] {
        if let words = asciiWords(text) { return words }
        var source = text.lowercased()
        if foldingAccents { source = stripAccents(source) }
        return source.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// The stored and compared form of a text field: its words between single spaces, with a space
    /// at each end, so that `LIKE '% word %'` finds a whole word and `LIKE '% pre%'` a word prefix.
    public static func padded(_ text: String, foldingAccents: Bool) -> String {
        asciiPadded(text) ?? generalPadded(text, foldingAccents: foldingAccents)
    }

    static func generalPadded(_ text: String, foldingAccents: Bool) -> String {
        let words = words(text, foldingAccents: foldingAccents)
        return words.isEmpty ? "" : " " + words.joined(separator: " ") + " "
    }

    /// The compared form of a list value (seniority, industry, location…): lower-cased, trimmed,
    /// inner white space collapsed. Accents are kept: list values are exact.
    public static func key(_ value: String) -> String {
        // ASCII (nearly every value): byte by byte into the key's own storage, an order of
        // magnitude faster.
        var value = value
        let ascii = value.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // Never longer than the value: white space only shrinks.
            return String(unsafeUninitializedCapacity: bytes.count) { key in
                var count = 0
                var pendingSpace = false
                for byte in bytes {
                    if byte == 0x20 || (0x09...0x0D).contains(byte) {
                        pendingSpace = count > 0
                        continue
                    }
                    if pendingSpace {
                        key[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    key[count] = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
                    count += 1
                }
                return count
            }
        }
        return ascii ?? latinKey(value) ?? generalKey(value)
    }

    static func generalKey(_ value: String) -> String {
        value.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The same as `key` for text of ASCII and `latinLetters`, scalar by scalar; nil when the text
    /// has any other character.
    static func latinKey(_ value: String) -> String? {
        var key = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in value.unicodeScalars {
            let lower: Unicode.Scalar
            switch scalar.value {
            case 0x20, 0x09...0x0D:
                pendingSpace = !key.isEmpty
                continue
            case 0x41...0x5A: lower = Unicode.Scalar(UInt8(scalar.value + 0x20))
            case 0..<0x80: lower = scalar
            default:
                guard let letter = latinLetter(scalar) else { return nil }
                lower = letter.lower
            }
            if pendingSpace {
                key.append(" ")
                pendingSpace = false
            }
            key.append(lower)
        }
        return String(key)
    }

    /// The same as `words` for pure ASCII text, an order of magnitude faster (most data is ASCII);
    /// nil when the text has any other character.
    static func asciiWords(_ text: String) -> [String]? {
        var words: [String] = []
        var word: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                word.append(byte + 32)
            case 0x80...:
                return nil
            default:
                if !word.isEmpty {
                    words.append(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// `padded` without and with folding accents, computed once for ASCII text (where they agree).
    public static func paddedForms(_ text: String) -> (words: String, smart: String) {
        if let padded = asciiPadded(text) { return (padded, padded) }
        return latinPaddedForms(text) ?? (generalPadded(text, foldingAccents: false), generalPadded(text, foldingAccents: true))
    }

    /// The same as `paddedForms` for text of ASCII and `latinLetters` (accented names and places,
    /// `José`, `Zürich`, `Łódź`), scalar by scalar, without the general path's lower-casing,
    /// decomposing and splitting (a visible share of an import's profile); nil when the text has
    /// any other character.
    static func latinPaddedForms(_ text: String) -> (words: String, smart: String)? {
        var words = String.UnicodeScalarView()
        var smart = String.UnicodeScalarView()
        var inWord = false
        for scalar in text.unicodeScalars {
            let lower: Unicode.Scalar
            // nil: the same as `lower` (every ASCII letter and digit).
            var folded: String.UnicodeScalarView?
            switch scalar.value {
            case 0x41...0x5A: lower = Unicode.Scalar(UInt8(scalar.value + 0x20))
            case 0x61...0x7A, 0x30...0x39: lower = scalar
            case 0..<0x80:
                inWord = false
                continue
            default:
                guard let letter = latinLetter(scalar) else { return nil }
                (lower, folded) = (letter.lower, letter.folded)
            }
            if !inWord {
                words.append(" ")
                smart.append(" ")
                inWord = true
            }
            words.append(lower)
            if let folded { smart.append(contentsOf: folded) } else { smart.append(lower) }
        }
        guard !words.isEmpty else { return ("", "") }
        words.append(" ")
        smart.append(" ")
        return (String(words), String(smart))
    }

    /// The lower-cased and the accent-folded form of a letter of U+00C0–U+024F (Latin-1 Supplement,
    /// Latin Extended-A and -B), as the general path gives them; nil for any other scalar, and for
    /// those letters the general path does not treat one scalar at a time (`İ` lower-cases to two).
    static func latinLetter(_ scalar: Unicode.Scalar) -> (lower: Unicode.Scalar, folded: String.UnicodeScalarView)? {
        let index = Int(scalar.value) - 0xC0
        return index >= 0 && index < latinLetters.count ? latinLetters[index] : nil
    }

    /// Built from the general path itself, letter by letter.
    private static let latinLetters: [(lower: Unicode.Scalar, folded: String.UnicodeScalarView)?] = (0xC0..<0x250).map { value in
        guard let scalar = Unicode.Scalar(value), String(scalar).first?.isLetter == true else { return nil }
        let lower = String(scalar).lowercased()
        guard lower.unicodeScalars.count == 1, let lowerScalar = lower.unicodeScalars.first, lower.first?.isLetter == true else {
            return nil
        }
        let folded = stripAccents(lower)
        guard !folded.isEmpty, folded.allSatisfy({ $0.isLetter }) else { return nil }
        return (lowerScalar, folded.unicodeScalars)
    }

    /// The same as `padded` for pure ASCII text, written straight into the result's storage; nil
    /// when the text has any other character.
    static func asciiPadded(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // At most two bytes longer: each word's leading space stands for the separator before
            // it, except the first word's, and one more space ends the last.
            return String(unsafeUninitializedCapacity: bytes.count + 2) { padded in
                var count = 0
                var inWord = false
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                        UInt8(ascii: "A")...UInt8(ascii: "Z"):
                        if !inWord {
                            padded[count] = 0x20
                            count += 1
                            inWord = true
                        }
                        padded[count] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
                        count += 1
                    default:
                        inWord = false
                    }
                }
                if count == 0 { return 0 }
                padded[count] = 0x20
                return count + 1
            }
        }
    }

    static func stripAccents(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars)
    }
}

/// Profile URLs compared the way people paste them: scheme, `www.`, a LinkedIn country subdomain
/// (`uk.linkedin.com`), query, fragment, a trailing slash and case do not matter.
public enum ProfileURL {
    public static func normalize(_ url: String) -> String? {
        asciiNormalize(url) ?? generalNormalize(url)
    }

    static func generalNormalize(_ url: String) -> String? {
        var text = url.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) {
            text.removeFirst(scheme.count)
        }
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<cut]) }
        while text.hasSuffix("/") { text.removeLast() }
        var parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard var host = parts.first, !host.isEmpty else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        let labels = host.split(separator: ".")
        if labels.count == 3, labels[1] == "linkedin", labels[2] == "com", labels[0].count == 2 {
            host = "linkedin.com"
        }
        parts[0] = host
        return parts.joined(separator: "/")
    }

    /// The same as `normalize` for pure ASCII text, byte by byte (it runs for every profile link
    /// of every imported person): `.some(nil)` for a URL without host, nil for non-ASCII text.
    static func asciiNormalize(_ url: String) -> String?? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(url.utf8.count)
        for byte in url.utf8 {
            // CR LF is one Character to `normalize`: left to it.
            guard byte < 0x80, byte != 0x0D else { return nil }
            bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
        }
        let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        for scheme in ["https://", "http://"] where bytes[start..<end].starts(with: scheme.utf8) {
            start += scheme.utf8.count
        }
        if let cut = bytes[start..<end].firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { end = cut }
        while end > start, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        let slash = bytes[start..<end].firstIndex(of: UInt8(ascii: "/")) ?? end
        var host = bytes[start..<slash]
        guard !host.isEmpty else { return .some(nil) }
        if host.starts(with: "www.".utf8) { host = host.dropFirst(4) }
        let labels = host.split(separator: UInt8(ascii: "."))
        let linkedin = "linkedin.com"
        if labels.count == 3, labels[1].elementsEqual("linkedin".utf8), labels[2].elementsEqual("com".utf8), labels[0].count == 2 {
            return String(decoding: Array(linkedin.utf8) + bytes[slash..<end], as: UTF8.self)
        }
        return String(decoding: bytes[host.startIndex..<end], as: UTF8.self)
    }

    /// The domain of a website URL or bare domain (`https://www.Acme.io/about` → `acme.io`).
    public static func domain(_ url: String) -> String? {
        normalize(url)?.split(separator: "/").first.map(String.init)
    }
}

/// E-mail addresses compared the way people type them: surrounding white space and case do not
/// matter (every Unicode letter).
public enum EmailAddress {
    /// The compared form of each address, without repeats or empty ones, sorted.
    public static func keys(_ addresses: [String]) -> [String] {
        Array(Set(addresses.map(key).filter { !$0.isEmpty })).sorted()
    }

    static func key(_ address: String) -> String {
        // Nearly every address is ASCII: trimmed and lower-cased byte by byte, without Foundation.
        var bytes = Array(address.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return address.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        }
        let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        return String(decoding: bytes[start...].map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
