import Foundation
import LeadbaseCore
import LeadbaseJSON

/// The properties every input must keep, whatever its bytes. A broken property stops the process
/// (`check`), which is what the fuzzer reports and keeps as a crash input.
enum FuzzChecks {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        parseBody(bytes)
        importLine(bytes)
    }

    /// A request body: parsed by the server's JSON parser, then its filters read as a people and
    /// a company search reads them (the filter grammar). Parsing either fails with a parse error or
    /// gives a value that is written and parsed back unchanged; reading filters either gives a
    /// filter within the size limits, the same every time, or a 400 that says what is wrong.
    static func parseBody(_ bytes: UnsafeRawBufferPointer) {
        guard let value = try? JSONValue.parse(bytes) else { return }
        let written = try! JSONEncoder().encode(value)
        check((try? JSONValue.parse(written)) == value, "the written value parses back as itself", bytes)
        _ = TextRules.controlCharacterIssues(in: value)
        for people in [true, false] {
            let read = { () throws(LeadbaseError) -> SearchFilter in
                var validator = Validator()
                let filter = FilterParser.filter(in: try Validator.object(value), people: people, &validator)
                try validator.validate()
                return filter
            }
            do {
                let filter = try read()
                check(filter.conditions.count + filter.ranges.count <= FilterParser.maxTerms, "filters are within bounds", bytes)
                check((try? read()) == filter, "reading is deterministic", bytes)
            } catch {
                guard case .invalid(_, let issues) = error else { fail("reading filters answers only 400s", bytes) }
                check(!issues.isEmpty && issues.allSatisfy { !$0.message.isEmpty }, "a 400 says what is wrong", bytes)
            }
        }
    }

    /// A line of a directory import: when the fast reader takes it, the person it reads is
    /// written as canonical JSON that is exactly what `JSONEncoder` writes, and reads back as a
    /// person written the same.
    static func importLine(_ bytes: UnsafeRawBufferPointer) {
        guard let person = Person.importing(bytes), let canonical = person.canonicalJSON else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[.withoutTimestamps] = true
        check(canonical == Array(try! encoder.encode(person)), "canonical JSON is JSONEncoder's", bytes)
        // Read back, it is the same person but for lists left out, which now read as [].
        let again = canonical.withUnsafeBytes { Person.importing($0) }
        check(again?.canonicalJSON == canonical, "canonical JSON reads back as a person written the same", bytes)
        check(again == (try? JSONDecoder().decode(Person.self, from: Data(canonical))), "it reads back as JSONDecoder reads it", bytes)
    }

    static func check(_ condition: Bool, _ property: String, _ bytes: UnsafeRawBufferPointer) {
        if !condition { fail(property, bytes) }
    }

    static func fail(_ property: String, _ bytes: UnsafeRawBufferPointer) -> Never {
        let input = String(decoding: bytes, as: UTF8.self)
        fatalError("property broken: \(property)\ninput (\(bytes.count) bytes): \(input.prefix(2000))")
    }
}
