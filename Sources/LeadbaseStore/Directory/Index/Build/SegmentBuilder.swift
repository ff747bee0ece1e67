import Foundation
import LeadbaseCore

/// Builds a segment (`Segment`) from rows of search columns, records in ascending id order: for
/// each field the dictionaries its kind needs (`Segment` lists the sections), the ids, the
/// documents (compressed with `compressor`), the people's links to their companies, and the ids
/// the segment removes from older ones.
struct SegmentBuilder {
    let compressor: DocumentCompressor
    private var people: RecordBuilder
    private var companies: RecordBuilder
    private var links: [(company: UUID, person: UInt32)] = []
    private var removedPeople: [UUID] = []
    private var removedCompanies: [UUID] = []

    init(compressor: DocumentCompressor) {
        self.compressor = compressor
        people = RecordBuilder(prefix: "p", fields: Segment.personFields, compressor: compressor)
        companies = RecordBuilder(prefix: "c", fields: Segment.companyFields, compressor: compressor)
    }

    var peopleCount: Int { people.count }
    var companyCount: Int { companies.count }

    /// Adds a person; ids must ascend.
    mutating func addPerson(_ row: DirectoryRows.Row) {
        if let company = row.companyID { links.append((company, UInt32(people.count))) }
        people.add(row)
    }

    /// Adds a company; ids must ascend.
    mutating func addCompany(_ row: DirectoryRows.Row) {
        companies.add(row)
    }

    /// Records that the segment removes these ids from the segments before it.
    mutating func remove(people: [UUID], companies: [UUID]) {
        removedPeople += people
        removedCompanies += companies
    }

    /// Writes every section and answers the segment's metadata.
    consuming func finish(into sink: some SectionSink) throws -> [String: String] {
        var metadata = ["format": String(Segment.format), "people": String(people.count), "companies": String(companies.count)]
        try people.finish(into: sink, metadata: &metadata)
        try companies.finish(into: sink, metadata: &metadata)
        // The links: each company id, in id order, and its people, ascending; and each person's link.
        links.sort { $0.company == $1.company ? $0.person < $1.person : $0.company.precedes($1.company) }
        var personLinks = [UInt32](repeating: Segment.noLink, count: people.count)
        var ids: [UUID] = []
        var starts: [UInt64] = [0]
        var counts: [UInt32] = []
        var postings = ByteSink()
        var start = 0
        while start < links.count {
            var end = start
            while end < links.count, links[end].company == links[start].company { end += 1 }
            postings.append(PostingCodec.encode(links[start..<end].lazy.map(\.person)).bytes)
            for link in links[start..<end] { personLinks[Int(link.person)] = UInt32(ids.count) }
            ids.append(links[start].company)
            starts.append(UInt64(postings.count))
            counts.append(UInt32(end - start))
            start = end
        }
        try sink.add("p.links.ids", ids)
        try sink.add("p.links.starts", starts)
        try sink.add("p.links.counts", counts)
        try sink.add("p.links.postings", postings.bytes)
        try sink.add("p.link", personLinks)
        try sink.add("documents.dictionary", compressor.dictionary)
        try sink.add("removed.p", Self.sortedUnique(removedPeople))
        try sink.add("removed.c", Self.sortedUnique(removedCompanies))
        return metadata
    }

    static func sortedUnique(_ ids: [UUID]) -> [UUID] {
        var ids = ids.sorted { $0.precedes($1) }
        ids.removeDuplicates()
        return ids
    }
}

extension Array where Element: Equatable {
    /// Drops each element equal to the one before it.
    mutating func removeDuplicates() {
        var kept = 0
        for index in indices where kept == 0 || self[index] != self[kept - 1] {
            swapAt(kept, index)
            kept += 1
        }
        removeSubrange(kept...)
    }
}

/// The ids, documents and fields of one kind of record, as they are added.
private struct RecordBuilder {
    let prefix: String
    let fields: [SearchField]
    let compressor: DocumentCompressor
    private var ids: [UUID] = []
    private var documents = DocumentStore.Builder()
    private let builders: [FieldBuilder]

    init(prefix: String, fields: [SearchField], compressor: DocumentCompressor) {
        self.prefix = prefix
        self.fields = fields
        self.compressor = compressor
        builders = fields.map(FieldBuilder.init)
    }

    var count: Int { ids.count }

    mutating func add(_ row: DirectoryRows.Row) {
        precondition(ids.last.map { $0.precedes(row.id) } ?? true, "records in ascending id order")
        let record = ids.count
        ids.append(row.id)
        documents.add(row.document, compressor: compressor)
        for (builder, value) in zip(builders, row.values) { builder.add(value, record: record) }
    }

    consuming func finish(into sink: some SectionSink, metadata: inout [String: String]) throws {
        try sink.add("\(prefix).ids", ids)
        try documents.finish(name: "\(prefix).documents", into: sink)
        for (field, builder) in zip(fields, builders) {
            try builder.finish(name: "\(prefix).\(field.rawValue)", count: ids.count, into: sink, metadata: &metadata)
        }
    }
}

/// One field's index as records are added (see `Segment.FieldIndex` for what each kind holds).
/// A class, so that its arrays grow in place.
private final class FieldBuilder {
    private var keys: TermPostingsBuilder?
    private var text: TextFieldBuilder?
    private var numbers: [Int64]?

    init(_ field: SearchField) {
        switch FilterCompiler.column(field) {
        case .key, .keys: keys = TermPostingsBuilder()
        case .text: text = TextFieldBuilder(list: false)
        case .texts: text = TextFieldBuilder(list: true)
        case .number: numbers = []
        }
    }

    func add(_ value: ColumnValue, record: Int) {
        switch value {
        case .key(let key): keys!.add(key, ordinal: record)
        case .keys(let values): for key in values { keys!.add(key, ordinal: record) }
        case .text(let words, let smart): text!.add(words: [words], smart: [smart], record: record)
        case .texts(let words, let smart): text!.add(words: words, smart: smart, record: record)
        case .number(let value): numbers!.append(value.map(Int64.init) ?? Segment.unknownNumber)
        }
    }

    func finish(name: String, count: Int, into sink: some SectionSink, metadata: inout [String: String]) throws {
        if let keys {
            metadata["\(name).count"] = String(keys.count)
            try keys.finish(name: name, into: sink)
        } else if let text {
            try text.finish(name: name, into: sink, metadata: &metadata)
        } else if let numbers {
            try sink.add("\(name).values", numbers)
            try sink.add("\(name).order", Segment.order(of: numbers))
        }
    }
}

/// A text field: the words of each record's texts and the texts whole, in their case-folded
/// form; and for the records whose accent-folded (SMART) form differs, that form too.
struct TextFieldBuilder {
    let list: Bool
    private var words: TermPostingsBuilder
    private var wholes = TermPostingsBuilder()
    private var smartWords: TermPostingsBuilder
    private var smartWholes = TermPostingsBuilder()
    private var folded: [UInt32] = []

    init(list: Bool) {
        self.list = list
        words = TermPostingsBuilder(channels: list ? 2 : 1)
        smartWords = TermPostingsBuilder(channels: list ? 2 : 1)
    }

    mutating func add(words texts: [String], smart smartTexts: [String], record: Int) {
        Self.add(texts, record: record, list: list, words: &words, wholes: &wholes)
        // As bytes, as the databases compare them (see `ByteString`).
        guard !smartTexts.elementsEqual(texts, by: { $0.utf8.elementsEqual($1.utf8) }) else { return }
        folded.append(UInt32(record))
        Self.add(smartTexts, record: record, list: list, words: &smartWords, wholes: &smartWholes)
    }

    /// Each text whole, and each of its words; for a list field, the first time a text is seen,
    /// each of its words also notes the text (channel 2), so that words can be asked to hold
    /// within one entry.
    private static func add(
        _ texts: [String], record: Int, list: Bool, words: inout TermPostingsBuilder, wholes: inout TermPostingsBuilder
    ) {
        for text in texts {
            let known = wholes.count
            let whole = wholes.number(of: text)
            wholes.add(number: whole, ordinal: record)
            let firstSeen = wholes.count > known
            for word in text.utf8.split(separator: 0x20) {
                let number = words.number(of: Substring(word))
                words.add(number: number, ordinal: record)
                if list, firstSeen { words.addSecond(number: number, ordinal: Int(whole)) }
            }
        }
    }

    consuming func finish(name: String, into sink: some SectionSink, metadata: inout [String: String]) throws {
        let wholeCount = wholes.count
        let wholeRanks = try wholes.finish(name: "\(name).wholes", into: sink)
        metadata["\(name).wholes.count"] = String(wholeCount)
        metadata["\(name).words.count"] = String(words.count)
        try words.finish(name: "\(name).words", into: sink, remapSecond: list ? wholeRanks : nil)
        let smartWholeCount = smartWholes.count
        let smartRanks = try smartWholes.finish(name: "\(name).smart.wholes", into: sink)
        metadata["\(name).smart.wholes.count"] = String(smartWholeCount)
        metadata["\(name).smart.words.count"] = String(smartWords.count)
        try smartWords.finish(name: "\(name).smart.words", into: sink, remapSecond: list ? smartRanks : nil)
        let encoded = PostingCodec.encode(folded)
        try sink.add("\(name).folded", encoded.bytes)
        metadata["\(name).folded.count"] = String(folded.count)
    }
}
