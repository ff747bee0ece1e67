import Foundation
@testable import LeadbaseCore
import Testing

@Suite("Parsers and the validator")
struct ParserTests {
    @Test("integers: whole numbers only")
    func integers() throws {
        #expect(try Parser<Int>.integer.parse(.number(42)).get() == 42)
        #expect(throws: ParseFailure.self) { try Parser<Int>.integer.parse(.number(4.5)).get() }
        #expect(throws: ParseFailure.self) { try Parser<Int>.integer.parse(.string("4")).get() }
    }

    @Test("text is trimmed, must not be empty and has a maximum length")
    func text() throws {
        let parser = Parser<String>.text(maxLength: 5)
        #expect(try parser.parse(.string("  abc ")).get() == "abc")
        guard case .failure(let empty) = parser.parse(.string(" \n ")) else { Issue.record("accepted blank"); return }
        #expect(empty.issues == [ValidationIssue(path: [], message: "Must not be empty")])
        guard case .failure(let long) = parser.parse(.string("abcdef")) else { Issue.record("accepted long"); return }
        #expect(long.issues == [ValidationIssue(path: [], message: "Must be at most 5 characters")])
    }

    @Test("arrays report each failing element by index, and their size limits")
    func arrays() {
        let parser = Parser<[UUID]>.array(of: .uuid, count: 1...2)
        guard case .failure(let elements) = parser.parse([.string(UUID().uuidString), 3]) else { Issue.record(); return }
        #expect(elements.issues == [ValidationIssue(path: [1], message: "Expected string, received number")])
        guard case .failure(let none) = parser.parse([]) else { Issue.record(); return }
        #expect(none.issues == [ValidationIssue(path: [], message: "Must contain at least 1 item(s)")])
        guard case .failure(let tooMany) = parser.parse(["a", "b", "c"]) else { Issue.record(); return }
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
        #expect(validator.issues == [
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

@Suite("ISO-8601 dates")
struct ISO8601Tests {
    @Test("date-times with a zone, fractional seconds and plain dates are read; output is UTC with milliseconds",
          arguments: [
            ("2026-01-31T09:00:00Z", "2026-01-31T09:00:00.000Z"),
            ("2026-01-31T09:00:00.250Z", "2026-01-31T09:00:00.250Z"),
            ("2026-01-31T11:00:00+02:00", "2026-01-31T09:00:00.000Z"),
            ("2026-01-31", "2026-01-31T00:00:00.000Z"),
          ])
    func roundTrip(input: String, output: String) throws {
        #expect(ISO8601.format(try #require(ISO8601.parse(input))) == output)
    }

    @Test("anything else is refused", arguments: ["", "yesterday", "2026-13-01", "2026-01-31T09:00:00", "31/01/2026"])
    func refused(input: String) {
        #expect(ISO8601.parse(input) == nil)
    }
}

@Suite("Lead list rules")
struct LeadListRuleTests {
    let identity = Identity(organizationID: "org_a", userID: "usr_1", role: .member)

    func list(users: [UserID], org: OrganizationID = "org_a") -> LeadList {
        LeadList(id: UUID(), organizationID: org, name: "L", type: .person, icpID: nil, startDate: nil, endDate: nil,
                 createdBy: "usr_creator", userIDs: users, createdAt: Date(), updatedAt: Date())
    }

    @Test("the creator is always in the access list, sorted and without repeats")
    func accessList() {
        #expect(list(users: ["b", "a", "b"]).userIDs == ["a", "b", "usr_creator"])
    }

    @Test("listed users and admins of the organization may use a list; nobody of another organization may")
    func usable() {
        #expect(list(users: ["usr_1"]).isUsable(by: identity))
        #expect(!list(users: ["usr_2"]).isUsable(by: identity))
        #expect(list(users: []).isUsable(by: Identity(organizationID: "org_a", userID: "x", role: .admin)))
        #expect(!list(users: ["usr_1"], org: "org_b").isUsable(by: identity))
        #expect(!list(users: []).isUsable(by: Identity(organizationID: "org_b", userID: "x", role: .admin)))
    }
}

@Suite("Text normalization")
struct NormalizationTests {
    @Test("words: letters and digits, lower-cased; accents folded on request; ASCII and Unicode paths agree",
          arguments: ["VP, Sales & Marketing", "José García-López", "ZÜRICH 8001", "Øresund/Straße", "  ", "C++ dev #1"])
    func words(text: String) {
        let ascii = TextNormalizer.asciiWords(text)
        if let ascii {
            #expect(ascii == text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init))
        }
        #expect(TextNormalizer.words("José García-López", foldingAccents: true) == ["jose", "garcia", "lopez"])
        #expect(TextNormalizer.words("ZÜRICH 8001", foldingAccents: false) == ["zürich", "8001"])
        #expect(TextNormalizer.padded("VP, Sales", foldingAccents: false) == " vp sales ")
    }

    @Test("profile URLs compare without scheme, www, country subdomain, query and trailing slash")
    func urls() {
        #expect(ProfileURL.normalize("https://www.LinkedIn.com/in/JaneDoe/") == "linkedin.com/in/janedoe")
        #expect(ProfileURL.normalize("http://uk.linkedin.com/in/janedoe?trk=x#y") == "linkedin.com/in/janedoe")
        #expect(ProfileURL.normalize("linkedin.com/in/janedoe") == "linkedin.com/in/janedoe")
        #expect(ProfileURL.domain("https://www.Acme.io/about") == "acme.io")
        #expect(ProfileURL.normalize("") == nil)
    }
}
