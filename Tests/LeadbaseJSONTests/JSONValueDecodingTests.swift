import Foundation
import Testing

@testable import LeadbaseCore
@testable import LeadbaseJSON

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
