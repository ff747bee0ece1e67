import Foundation
import LeadbaseCore

/// The properties every input must keep, whatever its bytes. A broken property stops the process
/// (`check`), which is what the fuzzer reports and keeps as a crash input.
enum FuzzChecks {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        parseBody(bytes)
        importLine(bytes)
    }

    /// A request body: parsed by the server's JSON parser, then read as a people and a company
    /// search (the filter grammar). Parsing either fails with a parse error or gives a value that
    /// is written and parsed back unchanged; a search is either a request or a 400 with issues.
    static func parseBody(_ bytes: UnsafeRawBufferPointer) {
        guard let value = try? JSONValue.parse(bytes) else { return }
        let written = try! JSONEncoder().encode(value)
        check((try? JSONValue.parse(written)) == value, "the written value parses back as itself", bytes)
        _ = TextRules.controlCharacterIssues(in: value)
        for read in [{ try SearchRequests.people(from: $0) }, { try SearchRequests.companies(from: $0).0 }]
            as [(JSONValue) throws -> SearchRequest]
        {
            do {
                let request = try read(value)
                check((0...100).contains(request.size) && request.page >= 0, "pages are within bounds", bytes)
                check((try? read(value)) == request, "reading is deterministic", bytes)
            } catch let error as LeadbaseError {
                guard case .invalid(_, let issues) = error else { fail("a search answers only 400s", bytes) }
                check(!issues.isEmpty && issues.allSatisfy { !$0.message.isEmpty }, "a 400 says what is wrong", bytes)
            } catch {
                fail("a search throws only LeadbaseError, not \(error)", bytes)
            }
        }
    }

    /// A line of a directory import: when the fast reader takes it, the person it reads is
    /// written as canonical JSON that is exactly what `JSONEncoder` writes, and reads back as the
    /// same person.
    static func importLine(_ bytes: UnsafeRawBufferPointer) {
        guard let person = Person.importing(bytes), let canonical = person.canonicalJSON else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        check(canonical == Array(try! encoder.encode(person)), "canonical JSON is JSONEncoder's", bytes)
        let again = canonical.withUnsafeBytes { Person.importing($0) }
        check(again == person, "canonical JSON reads back as the same person", bytes)
    }

    static func check(_ condition: Bool, _ property: String, _ bytes: UnsafeRawBufferPointer) {
        if !condition { fail(property, bytes) }
    }

    static func fail(_ property: String, _ bytes: UnsafeRawBufferPointer) -> Never {
        let input = String(decoding: bytes, as: UTF8.self)
        fatalError("property broken: \(property)\ninput (\(bytes.count) bytes): \(input.prefix(2000))")
    }
}
