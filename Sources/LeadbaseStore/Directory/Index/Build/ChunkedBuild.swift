import Foundation

/// A full build's segments: companies in the first, people `chunkSize` a segment, so that what
/// a build holds in memory is bounded whatever the directory's size.
final class ChunkedBuild {
    let store: SegmentStore
    let chunkSize: Int
    let compressor: DocumentCompressor
    private var builder: SegmentBuilder
    private var segments: [Segment] = []

    init(store: SegmentStore, chunkSize: Int, compressor: DocumentCompressor) {
        self.store = store
        self.chunkSize = chunkSize
        self.compressor = compressor
        builder = SegmentBuilder(compressor: compressor)
    }

    func addCompanies(_ rows: [DirectoryRows.Row]) throws {
        for row in rows { builder.addCompany(row) }
    }

    func addPeople(_ rows: [DirectoryRows.Row]) throws {
        for row in rows {
            builder.addPerson(row)
            if builder.peopleCount == chunkSize { try flush() }
        }
    }

    private func flush() throws {
        let finished = builder
        builder = SegmentBuilder(compressor: compressor)
        segments.append(try store.make { try finished.finish(into: $0) })
    }

    func finish() throws -> [Segment] {
        if builder.peopleCount > 0 || builder.companyCount > 0 || segments.isEmpty { try flush() }
        return segments
    }
}
