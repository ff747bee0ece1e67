import Foundation
import LeadbaseCore

/// The documents of one kind of record of a segment, in ordinal order, each compressed on its own
/// (`DocumentCompressor`, against the segment's dictionary): what a search answers with, read
/// from the same snapshot as its matches. Sections (under `name`): the compressed documents end to
/// end, and `name.starts`, where each begins (UInt64, one more at the end).
struct DocumentStore: Sendable {
    private let starts: FlatArray<UInt64>
    private let bytes: FlatArray<UInt8>

    init(_ name: String, count: Int, in sections: SegmentSections) throws {
        starts = try sections.array("\(name).starts")
        bytes = try sections.array(name)
        guard starts.count == count + 1, starts.last.map({ Int($0) == bytes.count }) ?? false else {
            throw SegmentSections.Malformed(reason: "\(name) does not hold \(count) documents")
        }
    }

    /// The compressed document at `ordinal`.
    func compressed(at ordinal: Int) -> UnsafeRawBufferPointer {
        let start = Int(starts[ordinal])
        return UnsafeRawBufferPointer(start: bytes.base.map { $0 + start }, count: Int(starts[ordinal + 1]) - start)
    }

    /// The document at `ordinal`.
    func document(at ordinal: Int, dictionary: FlatArray<UInt8>) throws -> [UInt8] {
        try DocumentDecompressor.decompress(compressed(at: ordinal), dictionary: dictionary.bytes)
    }

    /// The document at `ordinal`, kept compressed until it is written; `segment` holds the memory.
    func encoded(at ordinal: Int, in segment: Segment) throws -> IndexedDocument {
        let compressed = compressed(at: ordinal)
        return IndexedDocument(
            compressed: compressed, dictionary: segment.dictionary.bytes, decodedCount: try DocumentDecompressor.header(compressed).size,
            segment: segment)
    }

    /// Collects documents in ordinal order.
    struct Builder {
        private var bytes: [UInt8] = []
        private var starts: [UInt64] = [0]

        mutating func add(_ document: String, compressor: DocumentCompressor) {
            var document = document
            document.withUTF8 { compressor.compress(UnsafeRawBufferPointer($0), into: &bytes) }
            starts.append(UInt64(bytes.count))
        }

        /// Adds a document already compressed against the same dictionary.
        mutating func add(compressed: UnsafeRawBufferPointer) {
            bytes.append(contentsOf: compressed)
            starts.append(UInt64(bytes.count))
        }

        consuming func finish(name: String, into sink: some SectionSink) throws {
            try sink.add(name, bytes)
            try sink.add("\(name).starts", starts)
        }
    }
}

/// A document of the index, decoded where it is written (`JSONDocument`).
struct IndexedDocument: EncodedDocument, @unchecked Sendable {
    // @unchecked: the pointers are read-only views of `segment`'s memory, which this value keeps.
    let compressed: UnsafeRawBufferPointer
    let dictionary: UnsafeRawBufferPointer
    let decodedCount: Int
    let segment: Segment

    func decode(into target: UnsafeMutableRawPointer) -> Bool {
        DocumentDecompressor.decode(compressed, dictionary: dictionary, into: target) == decodedCount
    }
}
