import Foundation
import LeadbaseCore

/// The autocomplete vocabulary's counts saved in the search index's folder at a directory
/// position (`IndexVocabulary`), so that a restart takes them up instead of counting every
/// document again. An index file (`IndexFile`: checked whole before it is read); its metadata
/// holds the format and the position, and a file at another position than the index opened is
/// not used.
///
/// Sections: `companies` (each company's suggestion), `locations`, `schools`,
/// and `values.<kind>` for each `DirectoryVocabulary.ValueKind`: each value's key, name, extras
/// and count. Strings are a varint length and UTF-8; an optional is a varint 0 for none, else 1
/// and the value.
enum SavedVocabulary {
    static let fileName = "vocabulary.lbi"
    static let format = 2

    /// Writes `counts` and `companies` (every company, as the ranking of `counts` has them), as at
    /// `position`, over the folder's saved vocabulary.
    static func write(
        _ counts: VocabularyCounts, companies suggestions: [CompanySuggestion], at position: DirectoryPosition, in folder: String
    ) throws {
        let writer = try IndexFile.Writer(path: (folder as NSString).appendingPathComponent(fileName))
        do {
            var companies = ByteSink()
            companies.varint(suggestions.count)
            for suggestion in suggestions {
                withUnsafeBytes(of: suggestion.id.uuid) { companies.append($0) }
                companies.string(suggestion.name)
                for text in [suggestion.logo, suggestion.url, suggestion.domain, suggestion.domainLtd, suggestion.website] {
                    companies.optional(text) { $0.string($1) }
                }
                companies.optional(suggestion.employeeCount) { $0.integer($1) }
            }
            try writer.add("companies", companies.bytes)
            try writer.add(
                "locations",
                entries(counts.locations) { sink, place in
                    sink.string(place.type.rawValue)
                    sink.optional(place.state) { $0.string($1) }
                    sink.optional(place.country) { $0.string($1) }
                    sink.optional(place.position) { sink, position in
                        sink.optional(position.lat) { $0.uint64($1.bitPattern) }
                        sink.optional(position.lng) { $0.uint64($1.bitPattern) }
                    }
                })
            try writer.add(
                "schools",
                entries(counts.schools) { sink, school in
                    sink.optional(school.id) { $0.string($1) }
                    sink.optional(school.logo) { $0.string($1) }
                    sink.optional(school.url) { $0.string($1) }
                })
            for (kind, counter) in counts.values { try writer.add("values.\(kind.rawValue)", entries(counter) { _, _ in }) }
            try writer.finish(metadata: [
                "format": String(format), "revision": String(position.revision), "snapshot": position.snapshot ?? "",
            ])
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// The counts saved in `folder` at `position`, the companies among their changes; nil when
    /// there are none at that position. Throws when the file is damaged or does not read.
    static func read(at position: DirectoryPosition, in folder: String) throws -> VocabularyCounts? {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let (file, footer) = try IndexFile.open(path, checking: .all)
        let sections = SegmentSections(file: file, footer: footer)
        guard footer.metadata["format"] == String(format), footer.metadata["revision"] == String(position.revision),
            footer.metadata["snapshot"] == position.snapshot ?? ""
        else { return nil }
        var counts = VocabularyCounts()
        var companies = ByteSource(try sections.bytes("companies"))
        for _ in 0..<(try companies.varint()) {
            let id = UUID(uuid: try companies.bytes(16).withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) })
            let name = try companies.string()
            let texts = try (0..<5).map { _ in try companies.optional { try $0.string() } }
            let suggestion = CompanySuggestion(
                id: id, name: name, logo: texts[0], url: texts[1], domain: texts[2], domainLtd: texts[3], website: texts[4],
                employeeCount: try companies.optional { try $0.integer() })
            counts.companyChanges[id] = suggestion
        }
        try companies.expectEnd()
        counts.locations = ValueCounter(
            counted: try entries(try sections.bytes("locations")) { source in
                guard let type = LocationSuggestion.Kind(rawValue: try source.string()) else { throw ByteSource.Malformed() }
                let (state, country) = (try source.optional { try $0.string() }, try source.optional { try $0.string() })
                let position = try source.optional { source in
                    Company.Coordinates(
                        lat: try source.optional { Double(bitPattern: try $0.uint64()) },
                        lng: try source.optional { Double(bitPattern: try $0.uint64()) })
                }
                return DirectoryVocabulary.Place(type: type, state: state, country: country, position: position)
            })
        counts.schools = ValueCounter(
            counted: try entries(try sections.bytes("schools")) { source in
                DirectoryVocabulary.School(
                    id: try source.optional { try $0.string() }, logo: try source.optional { try $0.string() },
                    url: try source.optional { try $0.string() })
            })
        for kind in DirectoryVocabulary.ValueKind.allCases {
            counts.values[kind] = ValueCounter(counted: try entries(try sections.bytes("values.\(kind.rawValue)")) { _ in () })
        }
        return counts
    }

    private static func entries<Extra>(_ counter: ValueCounter<Extra>, _ extra: (inout ByteSink, Extra) -> Void) -> [UInt8] {
        var sink = ByteSink()
        sink.varint(counter.counted.count)
        for entry in counter.counted {
            sink.string(entry.key)
            sink.string(entry.name)
            extra(&sink, entry.extra)
            sink.varint(entry.count)
        }
        return sink.bytes
    }

    private static func entries<Extra>(
        _ bytes: UnsafeRawBufferPointer, _ extra: (inout ByteSource) throws -> Extra
    ) throws -> [(key: String, name: String, extra: Extra, count: Int)] {
        var source = ByteSource(bytes)
        let entries = try (0..<(try source.varint())).map { _ in
            (key: try source.string(), name: try source.string(), extra: try extra(&source), count: try source.varint())
        }
        try source.expectEnd()
        return entries
    }
}

extension ByteSink {
    fileprivate mutating func string(_ text: String) {
        varint(text.utf8.count)
        append(text.utf8)
    }

    fileprivate mutating func integer(_ value: Int) {
        uint64(UInt64(bitPattern: Int64(value)))
    }

    fileprivate mutating func optional<Value>(_ value: Value?, _ write: (inout ByteSink, Value) -> Void) {
        guard let value else { return varint(0) }
        varint(1)
        write(&self, value)
    }
}

/// Reads what `ByteSink` wrote, every read checked against the end: a file that passed its
/// checksums but reads wrong (another writer's) is an error, never a crash.
private struct ByteSource {
    struct Malformed: Error {}

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func bytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - offset else { throw Malformed() }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    mutating func varint() throws -> Int {
        var value = 0
        for shift in stride(from: 0, to: 63, by: 7) {
            let byte = try bytes(1)[0]
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
        }
        throw Malformed()
    }

    mutating func uint64() throws -> UInt64 {
        UInt64(littleEndian: try bytes(8).loadUnaligned(as: UInt64.self))
    }

    mutating func integer() throws -> Int {
        Int(Int64(bitPattern: try uint64()))
    }

    mutating func string() throws -> String {
        String(decoding: try bytes(try varint()), as: UTF8.self)
    }

    mutating func optional<Value>(_ read: (inout ByteSource) throws -> Value) throws -> Value? {
        switch try varint() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw Malformed()
        }
    }

    func expectEnd() throws {
        guard offset == bytes.count else { throw Malformed() }
    }
}
