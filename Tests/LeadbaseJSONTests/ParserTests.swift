import Foundation
import Testing

@testable import LeadbaseCore
@testable import LeadbaseJSON

@Suite("Parsers and the validator")
struct ParserTests {
    @Test("integers: whole numbers only, within ±(2^53 − 1), which a JSON number carries exactly")
    func integers() throws {
        #expect(try Parser<Int>.integer.parse(.number(42)).get() == 42)
        #expect(try Parser<Int>.integer.parse(.number(9_007_199_254_740_991)).get() == 9_007_199_254_740_991)
        #expect(try Parser<Int>.integer.parse(.number(-9_007_199_254_740_991)).get() == -9_007_199_254_740_991)
        for outside in [9_007_199_254_740_992, -9_007_199_254_740_992, -9_223_372_036_854_775_808.0, 1e300] {
            #expect(throws: ParseFailure.self) { try Parser<Int>.integer.parse(.number(outside)).get() }
        }
        #expect(throws: ParseFailure.self) { try Parser<Int>.integer.parse(.number(4.5)).get() }
        #expect(throws: ParseFailure.self) { try Parser<Int>.integer.parse(.string("4")).get() }
    }

    @Test("text is trimmed, must not be empty and has a maximum length")
    func text() throws {
        let parser = Parser<String>.text(maxLength: 5)
        #expect(try parser.parse(.string("  abc ")).get() == "abc")
        guard case .failure(let empty) = parser.parse(.string(" \n ")) else {
            Issue.record("accepted blank")
            return
        }
        #expect(empty.issues == [ValidationIssue(path: [], message: "Must not be empty")])
        guard case .failure(let long) = parser.parse(.string("abcdef")) else {
            Issue.record("accepted long")
            return
        }
        #expect(long.issues == [ValidationIssue(path: [], message: "Must be at most 5 characters")])
    }

    @Test("arrays report each failing element by index, and their size limits")
    func arrays() {
        let parser = Parser<[UUID]>.array(of: .uuid, count: 1...2)
        guard case .failure(let elements) = parser.parse([.string(UUID().uuidString), 3]) else {
            Issue.record()
            return
        }
        #expect(elements.issues == [ValidationIssue(path: [1], message: "Expected string, received number")])
        guard case .failure(let none) = parser.parse([]) else {
            Issue.record()
            return
        }
        #expect(none.issues == [ValidationIssue(path: [], message: "Must contain at least 1 item(s)")])
        guard case .failure(let tooMany) = parser.parse(["a", "b", "c"]) else {
            Issue.record()
            return
        }
        #expect(tooMany.issues == [ValidationIssue(path: [], message: "Must contain at most 2 item(s)")])
    }

    @Test("the validator tells absent, null, valid and invalid apart and prefixes paths")
    func validator() {
        var validator = Validator()
        let object: [String: JSONValue] = ["a": "x", "b": nil, "c": 1, "d": ["ok", 2]]
        #expect(validator.field("a", of: object, .string).value == "x")
        #expect(validator.field("b", of: object, .string).change == .some(nil))
        #expect(validator.field("z", of: object, .string).change == nil)
        if case .invalid = validator.field("c", of: object, .string) {} else { Issue.record("c accepted") }
        _ = validator.field("d", of: object, at: ["outer", 0], .array(of: .string))
        _ = validator.field("b", of: object, .string, required: true)
        #expect(
            validator.issues == [
                ValidationIssue(path: ["c"], message: "Expected string, received number"),
                ValidationIssue(path: ["outer", 0, "d", 1], message: "Expected string, received number"),
                ValidationIssue(path: ["b"], message: "Required"),
            ])
        #expect(throws: LeadbaseError.invalidBody(validator.issues)) { try validator.validate() }
    }

    @Test("paths encode as JSON arrays of keys and indexes")
    func pathEncoding() throws {
        let issue = ValidationIssue(path: ["prospects", 0, "firstName"], message: "Required")
        let json = String(decoding: try JSONEncoder().encode(issue.path), as: UTF8.self)
        #expect(json == #"["prospects",0,"firstName"]"#)
        #expect(try JSONDecoder().decode([PathComponent].self, from: Data(json.utf8)) == issue.path)
    }
}
