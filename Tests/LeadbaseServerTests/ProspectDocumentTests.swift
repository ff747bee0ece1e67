import Foundation
import Hummingbird
import LeadbaseCore
import LeadbaseJSON
import LeadbaseSeed
import Testing

@testable import LeadbaseServer
@testable import LeadbaseStore

/// Prospects are written from their stored documents without decoding them.
@Suite("Prospect documents")
struct ProspectDocumentTests {
    @Test("the person's object gains a company key, whatever white space ends it; an empty object too")
    func company() throws {
        let company = JSONDocument(#"{"id":"c","name":"Acme"}"#)
        let cases: [(String, JSONDocument?, JSONValue)] = [
            (#"{"id":"p","firstName":"Ann"}"#, company, ["id": "p", "firstName": "Ann", "company": ["id": "c", "name": "Acme"]]),
            ("{\"id\":\"p\"} \n", nil, ["id": "p", "company": nil]),
            ("{ }", company, ["company": ["id": "c", "name": "Acme"]]),
        ]
        for (person, company, expected) in cases {
            var buffer = ByteBuffer()
            ProspectResponse.write(Prospect(id: UUID(), person: JSONDocument(person), company: company), into: &buffer)
            #expect(try JSONValue.parse(buffer.readableBytesView) == expected, "\(person)")
        }
    }
}
