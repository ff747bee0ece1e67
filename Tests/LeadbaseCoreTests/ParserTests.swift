import Foundation
import Testing

@testable import LeadbaseCore

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

@Suite("ISO-8601 dates")
struct ISO8601Tests {
    @Test(
        "date-times with a zone, fractional seconds and plain dates are read; output is UTC with milliseconds",
        arguments: [
            ("2026-01-31T09:00:00Z", "2026-01-31T09:00:00.000Z"),
            ("2026-01-31T09:00:00.250Z", "2026-01-31T09:00:00.250Z"),
            ("2026-01-31T11:00:00+02:00", "2026-01-31T09:00:00.000Z"),
            ("2026-01-31", "2026-01-31T00:00:00.000Z"),
        ])
    func roundTrip(input: String, output: String) throws {
        #expect(ISO8601.format(try #require(ISO8601.parse(input))) == output)
    }

    @Test("a date is written at its nearest millisecond, whichever side of it the Double falls, the same text Foundation reads back")
    func nearestMillisecond() throws {
        // Half of all whole milliseconds are a hair below themselves as a Double (this one among
        // them), and Foundation's formatter wrote the one before.
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_764_312_596_001 / 1000)) == "2025-11-28T06:49:56.001Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_764_312_596.8034)) == "2025-11-28T06:49:56.803Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_764_312_596.8036)) == "2025-11-28T06:49:56.804Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_767_225_599.9996)) == "2026-01-01T00:00:00.000Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        // Every millisecond of a stretch of days across a year's end and a leap day: the text is
        // the one Foundation writes for the exact millisecond, and reads back to it.
        let exact = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for milliseconds in stride(from: Int64(1_703_980_800_000), to: 1_709_337_600_000, by: 3_600_007) {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = ISO8601.format(date)
            let read = try #require(ISO8601.parse(text))
            #expect(Int64((read.timeIntervalSince1970 * 1000).rounded()) == milliseconds, "\(text)")
            #expect(text.dropLast(5) == date.addingTimeInterval(0.0005).formatted(exact).dropLast(5), "\(text)")
        }
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
        LeadList(
            id: UUID(), organizationID: org, name: "L", type: .person, icpID: nil, startDate: nil, endDate: nil,
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
    @Test(
        "e-mail keys: trimmed and lower-cased; the ASCII path agrees with Foundation's",
        arguments: ["  Ann.Lee@Example.COM\t", "ann@x.io", "\n\r", "", "ÅSA@Nordic.se ", "A_B-c+d@E.F"])
    func emailKeys(address: String) {
        #expect(EmailAddress.key(address) == address.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }

    @Test(
        "list keys: lower-cased, trimmed, inner white space collapsed; the ASCII path agrees with the Unicode one",
        arguments: ["  Software   Development ", "VP\tSales\n", "", "   ", "Zürich  HQ", "C-Level", "a\u{0B}b"])
    func listKeys(value: String) {
        #expect(TextNormalizer.key(value) == value.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    @Test("e-mail key lists have no repeats or empty keys, and are sorted")
    func emailKeyLists() {
        #expect(EmailAddress.keys(["B@x.io", " b@x.io", "", "  ", "a@x.io"]) == ["a@x.io", "b@x.io"])
    }

    @Test(
        "words: letters and digits, lower-cased; accents folded on request; ASCII and Unicode paths agree",
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

@Suite("Decoding from a JSONValue")
struct JSONValueDecodingTests {
    /// A decoded value, or the kind and coding path of the error.
    enum Outcome<T: Equatable>: Equatable {
        case value(T)
        case failure(String)

        init(_ decode: () throws -> T) {
            do { self = .value(try decode()) } catch { self = .failure(JSONValueDecodingTests.describe(error)) }
        }

        var isFailure: Bool { if case .failure = self { true } else { false } }
    }

    /// What `JSONDecoder` makes of the text.
    static func viaText<T: Decodable & Equatable>(_ type: T.Type, _ text: String) -> Outcome<T> {
        Outcome { try JSONDecoder().decode(type, from: Data(text.utf8)) }
    }

    /// What `JSONValue.decode` makes of the text's tree.
    static func viaTree<T: Decodable & Equatable>(_ type: T.Type, _ text: String) throws -> Outcome<T> {
        let tree = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        return Outcome { try tree.decode(type) }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        let (kind, context): (String, DecodingError.Context) =
            switch error {
            case .typeMismatch(_, let context): ("typeMismatch", context)
            case .valueNotFound(_, let context): ("valueNotFound", context)
            case .keyNotFound(let key, let context): ("keyNotFound \(key.stringValue)", context)
            case .dataCorrupted(let context): ("dataCorrupted", context)
            @unknown default: ("unknown", DecodingError.Context(codingPath: [], debugDescription: ""))
            }
        return kind + " at " + context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    @Test(
        "a person and a company decode exactly as JSONDecoder decodes their text",
        arguments: [
            #"{"id": "0E9B1C3A-7D3F-4F6B-9B7E-2C1D0A9F8E7D", "firstName": "Åsa", "lastName": "Öberg", "emails": ["a@b.se"], "companyId": null,"#
                + #" "bullhornId": 12, "languages": [{"language": "Swedish", "level": null}], "educations": [{"institution": {"name": "KTH"},"#
                + #" "dates": {"start": "2001", "end": "2005"}}], "workExperiences": [{"company": {"name": "Acme", "employees": {"start": 11, "end": 50}},"#
                + #" "profilePositions": [{"title": "CTO", "dates": {"start": "2020"}}]}]}"#,
            #"{"id": "0e9b1c3a-7d3f-4f6b-9b7e-2c1d0a9f8e7d", "firstName": "A", "lastName": "B", "unknownField": {"x": [1, 2]}}"#,
        ])
    func people(_ text: String) throws {
        let tree = try Self.viaTree(Person.self, text)
        #expect(!tree.isFailure)
        #expect(tree == Self.viaText(Person.self, text))
    }

    @Test("companies with numbers and nested locations decode the same way")
    func companies() throws {
        let text =
            #"{"id": "1e9b1c3a-7d3f-4f6b-9b7e-2c1d0a9f8e7d", "name": "Acme", "employeeCount": 120, "annualRevenue": 5000000,"#
            + #" "location": {"headquarter": {"city": "Zürich", "coordinates": {"lat": 47.37, "lng": 8}}, "locations": []}, "technologies": ["Swift"]}"#
        let tree = try Self.viaTree(Company.self, text)
        #expect(!tree.isFailure)
        #expect(tree == Self.viaText(Company.self, text))
    }

    @Test(
        "errors carry the same kind and coding path",
        arguments: [
            #"{"id": "0e9b1c3a-7d3f-4f6b-9b7e-2c1d0a9f8e7d", "lastName": "B"}"#,
            #"{"id": "0e9b1c3a-7d3f-4f6b-9b7e-2c1d0a9f8e7d", "firstName": null, "lastName": "B"}"#,
            #"{"id": "0e9b1c3a-7d3f-4f6b-9b7e-2c1d0a9f8e7d", "firstName": "A", "lastName": "B", "emails": ["a", 7]}"#,
            #"{"id": "0e9b1c3a-7d3f-4f6b-9b7e-2c1d0a9f8e7d", "firstName": "A", "lastName": "B", "languages": [{"language": true}]}"#,
            #"{"id": "0e9b1c3a-7d3f-4f6b-9b7e-2c1d0a9f8e7d", "firstName": "A", "lastName": "B", "educations": "KTH"}"#,
            #"[1, 2]"#,
        ])
    func errors(_ text: String) throws {
        let tree = try Self.viaTree(Person.self, text)
        #expect(tree.isFailure)
        #expect(tree == Self.viaText(Person.self, text))
    }

    @Test("a number that does not fit its integer field is reported at that field (JSONDecoder gives no path)")
    func integerPath() throws {
        let text =
            #"{"id": "0e9b1c3a-7d3f-4f6b-9b7e-2c1d0a9f8e7d", "firstName": "A", "lastName": "B", "workExperiences": [{"company": {"employees": {"start": 1.5}}}]}"#
        #expect(try Self.viaTree(Person.self, text) == .failure("dataCorrupted at workExperiences.0.company.employees.start"))
    }
}

@Suite("Parsing JSON text into a JSONValue")
struct JSONParserTests {
    static func reference(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test(
        "valid text parses to the tree JSONDecoder makes of it",
        arguments: [
            #"{"a": 1, "b": [true, false, null, -0.5, 1e3, 2E-2, 0], "c": {"d": "x\"y\\z\/\b\f\n\r\t"}}"#,
            #"  [ ]  "#, #"{}"#, #""""#, #"0"#, #"-12.25"#, #"null"#, #""é \u00e9 \uD83D\uDE00 😀""#,
            #"[[[[["deep"]]]]]"#, #"{"ZÜRICH": "Zürich", "": ""}"#, "\t\n\r{\"a\"\t:\n[1 ,2]}\n",
            #"123456789012345678"#, #"1.7976931348623157e308"#,
        ])
    func valid(_ text: String) throws {
        let parsed = try JSONValue.parse(Array(text.utf8))
        #expect(parsed == Self.reference(text))
    }

    @Test(
        "invalid text is refused, as JSONDecoder refuses it",
        arguments: [
            "", " ", "{", "{a:1}", "01", "1.", ".5", "-", "+1", "1e", "tru", "nul", "[1 2]",
            "{\"a\" 1}", "\"unterminated", "\"bad \\x escape\"", "\"\\uD800\"", "\"\\u12G4\"", "\"tab\there\"", "1 2",
            "{\"a\":1}}", "1e999", "NaN",
        ])
    func invalid(_ text: String) {
        #expect(Self.reference(text) == nil, "the reference refuses it too")
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array(text.utf8)) }
    }

    @Test("stricter than JSONDecoder: trailing commas are refused; a repeated key keeps its last value, as in JavaScript")
    func differences() throws {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array("[1,]".utf8)) }
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array(#"{"a": 1,}"#.utf8)) }
        #expect(try JSONValue.parse(Array(#"{"k": 1, "k": 2}"#.utf8)) == ["k": 2])
    }

    @Test("invalid UTF-8 and nesting beyond 512 levels are refused")
    func limits() {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONValue.ParseError.self) {
            try JSONValue.parse(Array((String(repeating: "[", count: 513) + String(repeating: "]", count: 513)).utf8))
        }
        #expect(throws: Never.self) {
            try JSONValue.parse(Array((String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).utf8))
        }
    }

    @Test("an error names the byte where the text stopped being JSON")
    func offset() {
        #expect(throws: JSONValue.ParseError(offset: 6, reason: "Expected ',' or ']'")) { try JSONValue.parse(Array("[1, 2 3]".utf8)) }
    }
}
