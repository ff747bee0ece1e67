import Foundation

/// Where a segment's sections go as it is built: an index file (`IndexFile.Writer`), or memory
/// (`MemorySections`) when the index is kept in no folder. A section is begun, given its bytes
/// in as many pieces as suit the builder, and ended.
protocol SectionSink: AnyObject {
    func begin(_ name: String) throws
    func append(_ bytes: UnsafeRawBufferPointer) throws
    func end() throws
}

extension SectionSink {
    func add(_ name: String, _ bytes: UnsafeRawBufferPointer) throws {
        try begin(name)
        try append(bytes)
        try end()
    }

    func add<Element>(_ name: String, _ array: [Element]) throws {
        try array.withUnsafeBytes { try add(name, $0) }
    }

    func append<Element>(_ array: [Element]) throws {
        try array.withUnsafeBytes { try append($0) }
    }
}

extension IndexFile.Writer: SectionSink {}

/// Sections kept in memory, each in an allocation of its own, freed with the last reader.
final class MemorySections: SectionSink, @unchecked Sendable {
    // @unchecked: sections are only added while the segment is built, by its one builder; once
    // `sections(metadata:)` has handed them to readers they are never changed again.
    private var buffers: [String: UnsafeMutableRawBufferPointer] = [:]
    private var current: (name: String, bytes: [UInt8])?

    func begin(_ name: String) throws {
        current = (name, [])
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        current!.bytes.append(contentsOf: bytes)
    }

    func end() throws {
        guard let (name, bytes) = current else { return }
        current = nil
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { if let source = $0.baseAddress { buffer.baseAddress!.copyMemory(from: source, byteCount: $0.count) } }
        // The allocation is kept whole (its base address is what `deallocate` frees), seen at its
        // section's length.
        buffers[name] = UnsafeMutableRawBufferPointer(start: buffer.baseAddress, count: bytes.count)
    }

    /// The sections, for reading.
    func sections(metadata: [String: String]) -> SegmentSections {
        SegmentSections(owner: self, sections: buffers.mapValues { UnsafeRawBufferPointer($0) }, metadata: metadata)
    }

    deinit {
        for buffer in buffers.values { buffer.deallocate() }
    }
}

/// A segment's sections by name, as read from a file or memory, and its metadata; `owner` keeps
/// the memory they point into alive.
struct SegmentSections: @unchecked Sendable {
    // @unchecked: the pointers are read-only views of memory that `owner` (a `MappedFile` or
    // `MemorySections`, both immutable once read) keeps alive for as long as this value lives.
    let owner: AnyObject
    private let sections: [String: UnsafeRawBufferPointer]
    let metadata: [String: String]

    init(owner: AnyObject, sections: [String: UnsafeRawBufferPointer], metadata: [String: String]) {
        self.owner = owner
        self.sections = sections
        self.metadata = metadata
    }

    /// The sections of an index file, `unchecked` those whose checksums its opening left for
    /// later (`checkUnchecked`).
    init(file: MappedFile, footer: IndexFile.Footer, unchecked: [IndexFile.Footer.Section] = []) {
        var sections: [String: UnsafeRawBufferPointer] = [:]
        for section in footer.sections {
            sections[section.name] = UnsafeRawBufferPointer(rebasing: file.bytes[section.offset..<(section.offset + section.length)])
        }
        self.init(owner: file, sections: sections, metadata: footer.metadata)
        self.unchecked = unchecked
    }

    /// The sections of the file whose checksums are still to be checked.
    private var unchecked: [IndexFile.Footer.Section] = []

    /// Checks the sections the file's opening left unchecked (nothing for sections in memory).
    func checkUnchecked() throws {
        guard let file = owner as? MappedFile, !unchecked.isEmpty else { return }
        try IndexFile.verify(unchecked, of: file)
    }

    /// A section or metadata value the reader expected and did not find, or one that is wrong.
    struct Malformed: Error, CustomStringConvertible {
        let reason: String
        var description: String { "malformed index segment: \(reason)" }
    }

    func bytes(_ name: String) throws -> UnsafeRawBufferPointer {
        guard let bytes = sections[name] else { throw Malformed(reason: "no section \(name)") }
        return bytes
    }

    func array<Element>(_ name: String, as type: Element.Type = Element.self) throws -> FlatArray<Element> {
        let bytes = try bytes(name)
        guard bytes.count % MemoryLayout<Element>.stride == 0 else {
            throw Malformed(reason: "section \(name) is not a whole number of \(Element.self)")
        }
        return FlatArray(bytes)
    }

    func has(_ name: String) -> Bool { sections[name] != nil }

    /// Every section, by name.
    var all: [(name: String, bytes: UnsafeRawBufferPointer)] {
        sections.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func integer(_ key: String) throws -> Int {
        guard let text = metadata[key], let value = Int(text) else { throw Malformed(reason: "no metadata \(key)") }
        return value
    }

    /// The bytes of every section (what the segment occupies).
    var byteCount: Int { sections.values.reduce(0) { $0 + $1.count } }
}
