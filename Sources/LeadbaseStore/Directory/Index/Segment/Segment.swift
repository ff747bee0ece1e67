import Foundation
import LeadbaseCore

/// One immutable part of the search index: some people and companies (each numbered by
/// ascending id, the search order), an index of each of their search fields, the people's links
/// to their current companies, and the ids it removes from the segments before it. The index of
/// the directory is a base segment and the segments written since (`IndexSnapshot`); a record
/// in a later segment replaces its row in an earlier one.
///
/// A segment lives in an index file, mapped into memory (`IndexFile`), or in memory alone. Its
/// sections, for a record kind `k` (`p` people, `c` companies) and field `f`:
///
/// - `k.ids`: the ids, ascending (16 bytes each).
/// - `k.documents`: the records' documents, each compressed on its own (`DocumentStore`), against
///   `documents.dictionary`.
/// - a key field (one or several normalized values a record): the dictionary `k.f` of values,
///   each with its records.
/// - a text field: `k.f.words`, each word with its records (and for a list of texts, in a second
///   channel, the whole texts holding it, so that several words can be asked to hold within one
///   text), `k.f.wholes`, each whole padded text with its records (STRICT and list values), and
///   the same two over the accent-folded (SMART) form of the records whose forms differ
///   (`k.f.smart.…`), those records being `k.f.folded` (a posting list).
/// - a number field: `k.f.values` (Int64 each, `unknownNumber` where unknown) and `k.f.order`,
///   the records that have a value, by value then ordinal.
/// - `p.links.…`: the company ids people have as their current company (`ids`, ascending), and
///   for each, its people (a posting list: `starts`, `counts`, `postings`); `p.link`: each
///   person's link (UInt32, `noLink` for none).
/// - `removed.p`, `removed.c`: ids removed from the directory, ascending.
final class Segment: Sendable {
    /// The version of the layout above; a file of another version is rebuilt.
    static let format = 2
    static let unknownNumber = Int64.min
    static let noLink = UInt32.max
    static let personFields = SearchField.allCases.filter { !$0.isCompanyField }
    static let companyFields = SearchField.allCases.filter(\.isCompanyField)

    let sections: SegmentSections
    /// Its file's name in the index folder; nil when it lives in memory.
    let file: String?
    let people: RecordIndex
    let companies: RecordIndex
    let links: CompanyLinks
    /// Each person's link, or `noLink`.
    let personLinks: FlatArray<UInt32>
    /// What the documents are compressed against.
    let dictionary: FlatArray<UInt8>
    let removedPeople: FlatArray<UUID>
    let removedCompanies: FlatArray<UUID>

    init(_ sections: SegmentSections, file: String?) throws {
        self.file = file
        guard try sections.integer("format") == Self.format else {
            throw SegmentSections.Malformed(reason: "format \(sections.metadata["format"] ?? "?"), not \(Self.format)")
        }
        self.sections = sections
        people = try RecordIndex(prefix: "p", fields: Self.personFields, count: try sections.integer("people"), in: sections)
        companies = try RecordIndex(prefix: "c", fields: Self.companyFields, count: try sections.integer("companies"), in: sections)
        links = try CompanyLinks(in: sections)
        personLinks = try sections.array("p.link")
        dictionary = try sections.array("documents.dictionary")
        guard personLinks.count == people.count else { throw SegmentSections.Malformed(reason: "\(personLinks.count) links of people") }
        removedPeople = try sections.array("removed.p")
        removedCompanies = try sections.array("removed.c")
    }

    /// The bytes of its sections.
    var byteCount: Int { sections.byteCount }

    /// The sections a start does not check before it opens a file: the documents, three
    /// quarters of a file's bytes, which would otherwise be read whole before the server is
    /// ready. Their offsets (`k.documents.starts`) are checked, and decoding a document checks
    /// every length and distance, so damaged bytes there cannot reach outside the section;
    /// `checkUnchecked` checks them right after the start.
    static let checkedAfterOpening: Set<String> = ["p.documents", "c.documents"]

    /// Checks the sections its file's opening left unchecked (`IndexFile.Damaged` if one
    /// differs); nothing for a segment in memory or one this process wrote.
    func checkUnchecked() throws {
        try sections.checkUnchecked()
    }

    /// Drops the pages of its file read so far from the process's memory (they stay in the file
    /// cache, where the next read finds them): what a merge calls as it goes through its inputs,
    /// so that reading them whole does not hold them all.
    func forgetPages() {
        (sections.owner as? MappedFile)?.forgetPages()
    }

    /// Drops the pages of its documents read so far, as `forgetPages` does: what a reading of
    /// every document calls as it goes (`IndexVocabulary`), so that the process does not keep
    /// the file's largest sections it will not read again soon.
    func forgetDocumentPages() {
        guard let file = sections.owner as? MappedFile, let base = file.bytes.baseAddress else { return }
        for name in ["p.documents", "c.documents"] {
            guard let documents = try? sections.bytes(name), let start = documents.baseAddress else { continue }
            let offset = start - base
            file.forgetPages(in: offset..<offset + documents.count)
        }
    }

    /// The records with a value, ordered by value then ordinal.
    static func order(of values: [Int64]) -> [UInt32] {
        values.indices.filter { values[$0] != unknownNumber }.sorted { values[$0] == values[$1] ? $0 < $1 : values[$0] < values[$1] }
            .map { UInt32($0) }
    }
}

/// One kind of record of a segment: its ids, documents and the index of each field.
struct RecordIndex: Sendable {
    let count: Int
    let ids: FlatArray<UUID>
    let documents: DocumentStore
    let fields: [SearchField: FieldIndex]

    init(prefix: String, fields: [SearchField], count: Int, in sections: SegmentSections) throws {
        self.count = count
        ids = try sections.array("\(prefix).ids")
        guard ids.count == count else { throw SegmentSections.Malformed(reason: "\(ids.count) ids for \(count) records") }
        documents = try DocumentStore("\(prefix).documents", count: count, in: sections)
        var indexes: [SearchField: FieldIndex] = [:]
        for field in fields {
            indexes[field] = try FieldIndex(name: "\(prefix).\(field.rawValue)", field: field, count: count, in: sections)
        }
        self.fields = indexes
    }

    /// The first ordinal of `start ..< end` (the whole segment unless told) whose id is not below
    /// `id`, or `end` (the databases order UUIDs by their bytes).
    func position(of id: UUID, from start: Int = 0, to end: Int? = nil) -> Int {
        var low = start
        var high = end ?? count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle].precedes(id) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The ordinal of `id`, if the segment holds it.
    func ordinal(of id: UUID) -> Int? {
        let position = position(of: id)
        return position < count && ids[position] == id ? position : nil
    }
}

/// The index of one field of one kind of record.
enum FieldIndex: Sendable {
    case keys(TermDictionary)
    case text(TextFieldIndex)
    case number(values: FlatArray<Int64>, order: FlatArray<UInt32>)

    init(name: String, field: SearchField, count: Int, in sections: SegmentSections) throws {
        switch FilterCompiler.column(field) {
        case .key, .keys:
            self = .keys(try TermDictionary(name, channels: 1, count: try sections.integer("\(name).count"), in: sections))
        case .text:
            self = .text(try TextFieldIndex(name: name, list: false, in: sections))
        case .texts:
            self = .text(try TextFieldIndex(name: name, list: true, in: sections))
        case .number:
            let values: FlatArray<Int64> = try sections.array("\(name).values")
            let order: FlatArray<UInt32> = try sections.array("\(name).order")
            guard values.count == count, order.count <= count else {
                throw SegmentSections.Malformed(reason: "\(name) has \(values.count) values")
            }
            self = .number(values: values, order: order)
        }
    }
}

/// A text field's dictionaries (see `Segment`).
struct TextFieldIndex: Sendable {
    let list: Bool
    let words: TermDictionary
    let wholes: TermDictionary
    let smartWords: TermDictionary
    let smartWholes: TermDictionary
    /// The records whose accent-folded form differs: SMART answers them from `smartWords` (and
    /// `smartWholes`), every other record from `words`.
    let folded: StoredPostings

    init(name: String, list: Bool, in sections: SegmentSections) throws {
        self.list = list
        let channels = list ? 2 : 1
        words = try TermDictionary("\(name).words", channels: channels, count: try sections.integer("\(name).words.count"), in: sections)
        wholes = try TermDictionary("\(name).wholes", channels: 1, count: try sections.integer("\(name).wholes.count"), in: sections)
        smartWords = try TermDictionary(
            "\(name).smart.words", channels: channels, count: try sections.integer("\(name).smart.words.count"), in: sections)
        smartWholes = try TermDictionary(
            "\(name).smart.wholes", channels: 1, count: try sections.integer("\(name).smart.wholes.count"), in: sections)
        folded = StoredPostings(bytes: try sections.bytes("\(name).folded"), count: try sections.integer("\(name).folded.count"))
    }
}

/// Each company id that people of a segment have as their current company, and those people.
struct CompanyLinks: Sendable {
    let ids: FlatArray<UUID>
    private let starts: FlatArray<UInt64>
    private let counts: FlatArray<UInt32>
    private let postings: FlatArray<UInt8>

    init(in sections: SegmentSections) throws {
        ids = try sections.array("p.links.ids")
        starts = try sections.array("p.links.starts")
        counts = try sections.array("p.links.counts")
        postings = try sections.array("p.links.postings")
        guard starts.count == ids.count + 1, counts.count == ids.count, starts.last.map({ Int($0) == postings.count }) ?? false else {
            throw SegmentSections.Malformed(reason: "links of \(ids.count) companies are not whole")
        }
    }

    var count: Int { ids.count }

    /// The people of the link at `index`.
    func people(at index: Int) -> StoredPostings {
        let start = Int(starts[index])
        return StoredPostings(start: postings.base, offset: start, length: Int(starts[index + 1]) - start, count: Int(counts[index]))
    }

    /// The index of `company`'s link, if any person of the segment has it.
    func index(of company: UUID) -> Int? {
        let position = ids.partitioningIndex { !$0.precedes(company) }
        return position < ids.count && ids[position] == company ? position : nil
    }
}
