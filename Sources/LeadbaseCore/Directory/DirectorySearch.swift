import Foundation

/// Which slice of an ordered result to return.
public struct ResultWindow: Sendable, Hashable {
    public let offset: Int
    public let limit: Int

    public init(offset: Int, limit: Int) {
        self.offset = offset
        self.limit = limit
    }
}

/// One window of an ordered search and the exact number of matches.
public struct SearchResult<Item: Sendable>: Sendable {
    public let items: [Item]
    public let total: Int

    public init(items: [Item], total: Int) {
        self.items = items
        self.total = total
    }
}

/// A person with their current company, as searches and get-person answer them: the stored
/// documents, which responses pass through as they are. Decoding a page of 100 people and their
/// companies only to encode them again was most of a search's time.
public struct Prospect: Sendable, Hashable {
    public let id: UUID
    public let person: JSONDocument
    public let company: JSONDocument?

    public init(id: UUID, person: JSONDocument, company: JSONDocument?) {
        self.id = id
        self.person = person
        self.company = company
    }
}

/// The JSON text of a stored directory record (an object, as `Person` or `Company` encode), as
/// its UTF-8 bytes or kept encoded (`EncodedDocument`) until written: responses copy it as it is,
/// without reading it as a `String` first (which checks every byte, ~10% of a page of 100
/// people's time), and an encoded one is decoded straight into the response.
public struct JSONDocument: Sendable, Hashable {
    private enum Storage: Sendable {
        case bytes([UInt8])
        case encoded(any EncodedDocument)
    }

    private let storage: Storage

    public init(_ text: String) {
        storage = .bytes(Array(text.utf8))
    }

    /// Bytes known to be the UTF-8 of a JSON object.
    public init(bytes: [UInt8]) {
        storage = .bytes(bytes)
    }

    public init(encoded: any EncodedDocument) {
        storage = .encoded(encoded)
    }

    /// The document's length in bytes.
    public var count: Int {
        switch storage {
        case .bytes(let bytes): bytes.count
        case .encoded(let encoded): encoded.decodedCount
        }
    }

    /// Writes the document at `target`, which has room for `count` bytes and
    /// `EncodedDocumentSlack.bytes` more; answers false where an encoded document does not decode.
    public func write(to target: UnsafeMutableRawPointer) -> Bool {
        switch storage {
        case .bytes(let bytes):
            bytes.withUnsafeBytes { if let base = $0.baseAddress { target.copyMemory(from: base, byteCount: $0.count) } }
            return true
        case .encoded(let encoded):
            return encoded.decode(into: target)
        }
    }

    /// The document's bytes (empty where an encoded one does not decode).
    public var bytes: [UInt8] {
        switch storage {
        case .bytes(let bytes):
            return bytes
        case .encoded(let encoded):
            var bytes = [UInt8](repeating: 0, count: encoded.decodedCount + EncodedDocumentSlack.bytes)
            let decoded = bytes.withUnsafeMutableBytes { encoded.decode(into: $0.baseAddress!) }
            return decoded ? Array(bytes.prefix(encoded.decodedCount)) : []
        }
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public static func == (left: JSONDocument, right: JSONDocument) -> Bool { left.bytes == right.bytes }

    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}

/// A document kept encoded (the search index keeps its documents compressed), decoded where it
/// is written.
public protocol EncodedDocument: Sendable {
    /// Its length once decoded.
    var decodedCount: Int { get }
    /// Writes it decoded at `target`, which has room for `decodedCount` bytes and
    /// `EncodedDocumentSlack.bytes` more; answers false where it does not decode.
    func decode(into target: UnsafeMutableRawPointer) -> Bool
}

/// How much room past a document's end decoding may use.
public enum EncodedDocumentSlack {
    public static let bytes = 16
}

/// The search of the global directory. Every implementation returns people and companies in one
/// total order, ascending `id`, so that the same filters always give the same sequence and a
/// window at offset `i` is exactly what a page starting at `i` showed. This is the one seam a
/// faster filter index would replace, without touching its callers.
public protocol DirectorySearch: Sendable {
    /// People matching `filter` (person keys on the person, company keys on their current company).
    func people(matching filter: SearchFilter, window: ResultWindow) async throws -> SearchResult<Prospect>
    /// Companies matching `filter`, optionally only those whose LinkedIn URL or domain is in `urls`
    /// (already normalized with `ProfileURL`).
    func companies(matching filter: SearchFilter, urls: [String], window: ResultWindow) async throws -> SearchResult<Company>
    /// The ids of the people `people(matching:window:)` would answer, in the same order: what a
    /// bulk selection of that window picks.
    func personIDs(matching filter: SearchFilter, window: ResultWindow) async throws -> [UUID]
    /// People whose current company is `companyID`.
    func people(atCompany companyID: UUID, window: ResultWindow) async throws -> SearchResult<Prospect>
}

/// Reading single records of the global directory, and writing it (import).
public protocol DirectoryStore: Sendable {
    func person(_ id: UUID) async throws -> Prospect?
    func company(_ id: UUID) async throws -> Company?
    /// Inserts or updates people, matched by id, else by normalized LinkedIn URL, in one
    /// transaction. A record identical to the stored one is left alone.
    func upsert(people: [Person]) async throws -> UpsertOutcome
    /// The same for companies.
    func upsert(companies: [Company]) async throws -> UpsertOutcome
}

/// What an upsert did with each record of its batch.
public struct UpsertOutcome: Sendable, Hashable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Records refused, by their index in the batch, with the reason.
    public var rejected: [Int: String] = [:]

    public init() {}
}
