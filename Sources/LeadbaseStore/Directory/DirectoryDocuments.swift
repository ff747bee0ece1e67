import Foundation
import LeadbaseCore
import LeadbaseJSON

/// How directory records are kept: one JSON document each, and a hash of its content (without
/// timestamps) so that re-importing an unchanged record writes nothing.
enum DirectoryDocuments {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[.withoutTimestamps] = true
        return encoder
    }()

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from document: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(document.utf8))
    }

    /// A stored person, read by the import's fast reader when it takes the document (it leaves
    /// the timestamps out), else by `JSONDecoder`.
    static func person(_ document: String) throws -> Person {
        var document = document
        if let person = document.withUTF8({ Person.importing(UnsafeRawBufferPointer($0)) }) { return person }
        var person = try DirectoryDocuments.decode(Person.self, from: document)
        person.createdAt = nil
        person.updatedAt = nil
        return person
    }

    /// Lower-case hex, without `String(format:)`, which is slow on Linux.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
