import Foundation
import LeadbaseCore
import LeadbaseTestSupport
import SQLKit
import Testing

@testable import LeadbaseServer
@testable import LeadbaseStore

/// The index's files: opened at start instead of a build, caught up with what changed while no
/// server ran, and rebuilt, never trusted, when anything about them is wrong.
@Suite("Search index files")
struct SearchIndexFileTests {
    typealias Index = SearchIndexTests

    /// A new index on the same database and folder, as a restarted server opens it.
    static func restarted(_ database: Database, _ configuration: AppConfiguration) async throws -> IndexedDirectorySearch {
        let indexed = IndexedDirectorySearch(database: database, folder: configuration.indexDirectory)
        try await indexed.load()
        return indexed
    }

    /// The segment files of the folder, by full path.
    static func segmentFiles(_ configuration: AppConfiguration, _ database: Database) async throws -> [String] {
        let folder = try await SearchIndexChangeTests.folder(configuration, database)
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("segment-") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    @Test("a restart opens the files (no build), and catches up with what changed while it was down")
    func restart() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            do {
                let first = try await Index.loadedIndex(database, folder: configuration.indexDirectory)
                #expect(first.loaded == .built)
            }
            let reopened = try await Self.restarted(database, configuration)
            #expect(reopened.loaded == .opened)
            await reopened.waitForChecks()
            #expect(reopened.isLoaded, "the documents, checked after the start, are whole")
            try await Index.compare(reopened, with: SQLDirectorySearch(database: database))

            try await SearchIndexChangeTests.change(SQLDirectoryStore(database: database), round: 1)
            try await database.transaction { try await $0.raw("DELETE FROM people WHERE id = \(bind: Index.seed.person(at: 8).id)").run() }
            let caughtUp = try await Self.restarted(database, configuration)
            #expect(caughtUp.loaded == .opened)
            #expect(caughtUp.snapshot?.revision == (try await DirectoryRevision.current(in: database)))
            #expect(caughtUp.snapshot?.peopleCount == 1_505 + 40 - 1)
            try await Index.compare(caughtUp, with: SQLDirectorySearch(database: database))
        }
    }

    /// Damages to the files, each of which must be caught.
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        /// A byte changed in a section checked before the file is opened, and in one checked after.
        case changedByte, changedDocumentByte
        case cutShort, unfinishedOnly, garbledManifest, otherDatabase, missingSegment
        var testDescription: String { rawValue }
    }

    @Test("damaged or foreign files are caught and rebuilt, never trusted", arguments: Damage.allCases)
    func damaged(damage: Damage) async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            do { _ = try await Index.loadedIndex(database, folder: configuration.indexDirectory) }
            let folder = try await SearchIndexChangeTests.folder(configuration, database)
            let manifest = (folder as NSString).appendingPathComponent("manifest.json")
            let segment = try #require(try await Self.segmentFiles(configuration, database).first)
            switch damage {
            case .changedByte, .changedDocumentByte:
                let name = damage == .changedByte ? "p.ids" : "p.documents"
                let section = try #require(try IndexFile.open(segment, checking: .none).1.sections.first { $0.name == name })
                let offset = UInt64(section.offset + section.length / 2)
                let handle = try #require(FileHandle(forUpdatingAtPath: segment))
                try handle.seek(toOffset: offset)
                let byte = try #require(try handle.read(upToCount: 1)).first!
                try handle.seek(toOffset: offset)
                try handle.write(contentsOf: [byte ^ 0x20])
                try handle.close()
            case .cutShort:
                let handle = try #require(FileHandle(forUpdatingAtPath: segment))
                try handle.truncate(atOffset: try handle.seekToEnd() - 100)
                try handle.close()
            case .unfinishedOnly:
                // A crash while the segment was written: only its unfinished copy is there.
                try FileManager.default.moveItem(atPath: segment, toPath: segment + ".partial")
            case .garbledManifest:
                try Data("{\"format\": 1, \"segm".utf8).write(to: URL(fileURLWithPath: manifest))
            case .otherDatabase:
                var read = try JSONDecoder().decode(IndexFolder.Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: manifest)))
                read.instance = "another"
                try JSONEncoder().encode(read).write(to: URL(fileURLWithPath: manifest))
            case .missingSegment:
                try FileManager.default.removeItem(atPath: segment)
            }
            let rebuilt = try await Self.restarted(database, configuration)
            if damage == .changedDocumentByte {
                #expect(rebuilt.loaded == .opened, "the documents are checked after the start")
                await rebuilt.waitForChecks()
                #expect(!rebuilt.isLoaded, "the damaged index is taken away: SQL answers")
                try await rebuilt.catchUp()
                #expect(rebuilt.isLoaded)
            } else {
                #expect(rebuilt.loaded == .built)
            }
            try await Index.compare(rebuilt, with: SQLDirectorySearch(database: database))
            // The rebuilt index's files are whole, and the next start opens them.
            let files = try await Self.segmentFiles(configuration, database)
            #expect(files.count == 1 && files.allSatisfy { !$0.hasSuffix(".partial") })
            let reopened = try await Self.restarted(database, configuration)
            #expect(reopened.loaded == .opened)
            await reopened.waitForChecks()
            #expect(reopened.isLoaded)
        }
    }

    @Test("a second server on the same folder reads the files and keeps its own changes in memory")
    func secondProcess() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let first = try await Index.loadedIndex(database, folder: configuration.indexDirectory)
            let second = try await Self.restarted(database, configuration)
            #expect(second.loaded == .opened)
            try await SearchIndexChangeTests.change(SQLDirectoryStore(database: database), round: 2)
            try await first.catchUp()
            try await second.catchUp()
            // The folder's writer writes its changes; the other keeps them in memory.
            let manifest = try #require(try IndexFolder.manifest(in: try await SearchIndexChangeTests.folder(configuration, database)))
            #expect(manifest.segments.count == first.snapshot?.segments.count)
            #expect(manifest.segments.count == 2)
            #expect(try await Self.segmentFiles(configuration, database).count == 2, "no file of the other's")
            #expect(second.snapshot?.segments.count == 2)
            try await Index.compare(second, with: SQLDirectorySearch(database: database))
        }
    }
}
