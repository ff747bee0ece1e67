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
            try ProspectResponse.write(Prospect(id: UUID(), person: JSONDocument(person), company: company), into: &buffer)
            #expect(try JSONValue.parse(buffer.readableBytesView) == expected, "\(person)")
            // The same documents kept compressed, as the search index keeps them, are decoded
            // straight into the response.
            var fromIndex = ByteBuffer(string: "[")
            try ProspectResponse.write(
                Prospect(id: UUID(), person: Compressed(person).document, company: company.map { Compressed($0.text).document }),
                into: &fromIndex)
            #expect(fromIndex.readableBytesView.dropFirst().elementsEqual(buffer.readableBytesView), "\(person), compressed")
        }
    }

    @Test("a document that is not an object is refused, not written")
    func notAnObject() {
        for person in ["[1]", "", "{\"a\":1"] {
            var buffer = ByteBuffer()
            #expect(throws: (any Error).self) {
                try ProspectResponse.write(Prospect(id: UUID(), person: JSONDocument(person), company: nil), into: &buffer)
            }
        }
        // A compressed document cut short (a damaged index file) does not decode: refused too.
        let whole = Compressed(#"{"id":"p","firstName":"Ann","lastName":"Lee"}"#)
        let damaged = Compressed(bytes: Array(whole.bytes.dropLast(3)), decodedCount: whole.decodedCount)
        var buffer = ByteBuffer()
        #expect(throws: ProspectResponse.DocumentNotAnObject.self) {
            try ProspectResponse.write(Prospect(id: UUID(), person: damaged.document, company: nil), into: &buffer)
        }
    }

    /// A document compressed as the index compresses them (against a dictionary).
    struct Compressed: EncodedDocument {
        static let dictionary = Array(#"{"id":"p","firstName":"Ann","name":"Acme"}"#.utf8)
        let bytes: [UInt8]
        let decodedCount: Int

        init(_ text: String) {
            var bytes: [UInt8] = []
            Array(text.utf8).withUnsafeBytes { DocumentCompressor(dictionary: Self.dictionary).compress($0, into: &bytes) }
            self.bytes = bytes
            decodedCount = text.utf8.count
        }

        init(bytes: [UInt8], decodedCount: Int) {
            self.bytes = bytes
            self.decodedCount = decodedCount
        }

        var document: JSONDocument { JSONDocument(encoded: self) }

        func decode(into target: UnsafeMutableRawPointer) -> Bool {
            bytes.withUnsafeBytes { bytes in
                Self.dictionary.withUnsafeBytes { DocumentDecompressor.decode(bytes, dictionary: $0, into: target) == decodedCount }
            }
        }
    }
}
