import Foundation
import Testing

@testable import LeadbaseCore
@testable import LeadbaseJSON

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
