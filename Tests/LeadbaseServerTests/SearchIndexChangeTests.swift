import Foundation
import LeadbaseCore
import LeadbaseJSON
import LeadbaseSeed
import LeadbaseTestSupport
import SQLKit
import Testing

@testable import LeadbaseServer
@testable import LeadbaseStore

/// The index follows the database: new, changed and removed people and companies are laid over
/// it as segments, which merge, and a search never sees a record as it no longer is.
@Suite("Search index changes")
struct SearchIndexChangeTests {
    typealias Index = SearchIndexTests

    /// People and companies the seed's first load did not hold, and changes to some it did.
    static func change(_ store: SQLDirectoryStore, round: Int) async throws {
        let seed = Index.seed
        _ = try await store.upsert(people: (1_500 + round * 40..<1_540 + round * 40).map(seed.person(at:)))
        _ = try await store.upsert(
            people: stride(from: round, to: 1_500, by: 37).map { index in
                var person = seed.person(at: index)
                person.jobTitle = "Director of Zebras \(round)"
                person.seniority = ["vp", "director", "owner"][round % 3]
                if index % 2 == 0 { person.firstName = "Zoë" }
                return person
            })
        var company = seed.company(at: round % 60)
        company.industry = "Zoology \(round)"
        company.employeeCount = 42 + round
        _ = try await store.upsert(companies: [company])
    }

    @Test("new and changed people and companies are laid over the index; removed ones are hidden; all as SQL answers")
    func changes() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            let indexed = try await Index.loadedIndex(database, folder: configuration.indexDirectory)
            let sql = SQLDirectorySearch(database: database)
            #expect(indexed.snapshot?.segments.count == 1)

            try await Self.change(store, round: 0)
            try await indexed.catchUp()
            #expect(indexed.snapshot?.segments.count == 2, "one segment laid over the base")
            #expect(indexed.snapshot?.peopleCount == 1_545)
            try await Index.compare(indexed, with: sql)

            // Removed by any SQL at all: a person, a company (whose people keep their link to it,
            // as SQL's LEFT JOIN finds no company for them), a person just changed.
            let removedPerson = Index.seed.person(at: 3).id
            let removedCompany = Index.seed.company(at: 1).id
            try await database.transaction { sql in
                try await sql.raw("DELETE FROM people WHERE id IN (\(bind: removedPerson), \(bind: Index.seed.person(at: 37).id))").run()
                try await sql.raw("DELETE FROM companies WHERE id = \(bind: removedCompany)").run()
            }
            try await indexed.catchUp()
            #expect(indexed.snapshot?.peopleCount == 1_543)
            try await Index.compare(indexed, with: sql)
            let everyone = try await indexed.personIDs(matching: SearchFilter(), window: ResultWindow(offset: 0, limit: 10_000))
            #expect(!everyone.contains(removedPerson), "a removed person never comes back in a page")
            #expect(
                try await indexed.companies(matching: SearchFilter(), urls: [], window: ResultWindow(offset: 0, limit: 100)).items
                    .map(\.id).contains(removedCompany) == false)

            // A removed person written again is back.
            _ = try await store.upsert(people: [Index.seed.person(at: 3)])
            try await indexed.catchUp()
            #expect(indexed.snapshot?.peopleCount == 1_544)
            try await Index.compare(indexed, with: sql)
        }
    }

    @Test("a segment laid over the index with more people than the base: the search order still merges the segments by id")
    func largerThanBase() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            let indexed = try await Index.loadedIndex(database, folder: nil)
            let base = try #require(indexed.snapshot?.segments.first?.people.count)
            _ = try await store.upsert(people: (2_000..<(2_000 + base + 300)).map(Index.seed.person(at:)))
            try await indexed.catchUp()
            let snapshot = try #require(indexed.snapshot)
            #expect(snapshot.segments.count == 2)
            #expect(snapshot.personOrder.primary == 1, "the newer, larger segment is walked by rank")
            try await Index.compare(indexed, with: SQLDirectorySearch(database: database))
            try await Self.change(store, round: 0)
            try await indexed.catchUp()
            let laidOver = try #require(indexed.snapshot)
            #expect(laidOver.personOrder.primary == 1)
            // Worked out for the new segment only, the same as worked out afresh.
            #expect(laidOver.personOrder == MergeOrder(laidOver.segments.map(\.people)))
            #expect(laidOver.companyOrder == MergeOrder(laidOver.segments.map(\.companies)))
            try await Index.compare(indexed, with: SQLDirectorySearch(database: database))
        }
    }

    @Test("segments merge as they pile up, and searches running meanwhile see one whole revision each")
    func merges() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            _ = try await Index.loadedIndex(database)
            let indexed = Self.mergingIndex(database, configuration, catchUpWait: .seconds(10))
            try await indexed.load()
            // Searchers, side by side with the changes and merges: every answer's total agrees
            // with its own page (the page of everyone is everyone), and a bulk selection is whole.
            let searching = Task {
                var answers = 0
                while !Task.isCancelled {
                    do {
                        let found = try await indexed.personIDs(matching: SearchFilter(), window: ResultWindow(offset: 0, limit: 100_000))
                        let page = try await indexed.people(matching: SearchFilter(), window: ResultWindow(offset: 0, limit: 100_000))
                        #expect(page.items.count == page.total, "the total is the page's")
                        #expect(Set(found).count == found.count, "no person twice")
                        #expect(found == found.sorted { $0.precedes($1) }, "in the search order")
                        #expect(found.count >= 1_505 && page.total >= 1_505)
                        answers += 1
                    } catch is CancellationError {
                        break
                    }
                }
                return answers
            }
            for round in 0..<6 {
                try await Self.change(store, round: round)
                try await indexed.catchUp()
            }
            await indexed.waitForMerges()
            searching.cancel()
            #expect(try await searching.value > 0)
            let segments = try #require(indexed.snapshot?.segments)
            #expect(segments.count <= 2, "merged: \(segments.count) segments")
            #expect(indexed.snapshot?.peopleCount == 1_505 + 6 * 40)
            try await Index.compare(indexed, with: SQLDirectorySearch(database: database))
            // The manifest names a file for each segment, and only those files are left.
            let folder = try await Self.folder(configuration, database)
            let manifest = try #require(try IndexFolder.manifest(in: folder))
            #expect(manifest.segments.count == segments.count)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(Set(files.filter { $0.hasPrefix("segment-") }) == Set(manifest.segments))
        }
    }

    @Test("a write is visible to the searches that follow it: a search that finds the index behind waits for the catch-up")
    func visibleAtOnce() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            try await DirectoryFixture.load(into: database)
            // A catch-up is waited for as long as it takes (the suites load the machine).
            let indexed = IndexedDirectorySearch(database: database, folder: nil, catchUpWait: .seconds(60), settings: .init())
            try await indexed.load()
            let service = Task { await indexed.run(poll: .seconds(60)) }
            defer { service.cancel() }
            let vps = try SearchRequests.people(from: JSONValue.parse(#"{"contact": {"seniority": {"any": {"include": ["vp"]}}}}"#.utf8))
                .filter
            let window = ResultWindow(offset: 0, limit: 100)
            #expect(try await indexed.people(matching: vps, window: window).total == 1)
            for round in 0..<5 {
                var newcomer = Person(id: UUID(), firstName: "Nova", lastName: "Newcomer \(round)")
                newcomer.seniority = "vp"
                // Another process imports (here, the same database through another store).
                _ = try await SQLDirectoryStore(database: database).upsert(people: [newcomer])
                let found = try await indexed.people(matching: vps, window: window)
                #expect(found.total == 2 + round, "the search after the write sees it (round \(round))")
                #expect(found.items.map(\.id).contains(newcomer.id))
            }
            // Writing a record identical to the stored one changes nothing.
            let revision = indexed.snapshot?.revision
            _ = try await SQLDirectoryStore(database: database).upsert(people: [F.people[0]])
            #expect(try await DirectoryRevision.current(in: database) == revision, "an unchanged record does not raise the revision")
        }
    }

    @Test(
        "a write still open while the index loads is among the changes once it commits (PostgreSQL, whose writers run side by side)",
        .enabled(if: TestEnvironment.postgresURL != nil))
    func writeOpenDuringLoad() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            try await DirectoryFixture.load(into: database)
            // Holding the revision row stops the write below just before it commits, its person
            // written.
            let lock = try await RevisionRowLock.take(in: database)
            var person = Person(id: UUID(), firstName: "Nova", lastName: "Open")
            person.seniority = "vp"
            let newcomer = person
            let (write, waiting) = try await lock.write([newcomer], in: database)
            #expect(waiting, "the write waits for the revision row")
            // A transaction that began after the write ends before it (as any other write may), so
            // that the write is neither the newest transaction nor the oldest finished one.
            try await database.transaction { sql in try await sql.raw("SELECT pg_current_xact_id()").run() }

            let indexed = IndexedDirectorySearch(database: database)
            try await indexed.load()
            let loaded = try #require(indexed.snapshot)
            #expect(loaded.segments.allSatisfy { $0.people.ordinal(of: newcomer.id) == nil }, "current, without the open write")
            try await lock.release()
            #expect(try await write.value.inserted == 1)

            try await indexed.catchUp()
            let current = try #require(indexed.snapshot)
            #expect(current.segments.last?.people.ordinal(of: newcomer.id) == 0)
            let vps = try SearchRequests.people(from: JSONValue.parse(#"{"contact": {"seniority": {"any": {"include": ["vp"]}}}}"#.utf8))
                .filter
            let found = try await indexed.people(matching: vps, window: ResultWindow(offset: 0, limit: 100))
            #expect(found.items.map(\.id).contains(newcomer.id))
        }
    }

    @Test("the autocomplete vocabulary follows the index through changes, removals, merges and a restart: it counts what SQL counts")
    func vocabulary() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            _ = try await Index.loadedIndex(database)
            func started() async throws -> (IndexedDirectorySearch, VocabularyAutocomplete, Task<Void, Never>) {
                let indexed = Self.mergingIndex(database, configuration, catchUpWait: .seconds(60))
                let service = Task { await indexed.run(poll: .seconds(60)) }
                while !indexed.isLoaded { try await Task.sleep(for: .milliseconds(5)) }
                // Any wait allowed: the answer is the vocabulary of the current revision.
                return (indexed, VocabularyAutocomplete(database: database, search: indexed, waitLimit: .seconds(3600)), service)
            }
            var (indexed, autocomplete, service) = try await started()
            try await Self.expectSameVocabulary(autocomplete, database)
            for round in 0..<4 {
                try await Self.change(store, round: round)
                try await database.transaction { sql in
                    try await sql.raw("DELETE FROM people WHERE id = \(bind: Index.seed.person(at: 100 + round).id)").run()
                    try await sql.raw("DELETE FROM companies WHERE id = \(bind: Index.seed.company(at: 10 + round).id)").run()
                }
                try await Self.expectSameVocabulary(autocomplete, database)
            }
            await indexed.waitForMerges()
            #expect(try #require(indexed.snapshot).segments.count <= 2, "merged")
            try await Self.change(store, round: 4)
            try await Self.expectSameVocabulary(autocomplete, database)
            // A value whose one holder changes is gone; the one it changed to is there.
            var brewer = Person(id: UUID(), firstName: "Bea", lastName: "Brewer")
            brewer.skills = ["Zymurgy"]
            _ = try await store.upsert(people: [brewer])
            let window = ResultWindow(offset: 0, limit: 10)
            #expect(try await autocomplete.counts(of: .skill, matching: "zymurgy", window: window).map(\.value) == [1])
            brewer.skills = ["Yodeling"]
            _ = try await store.upsert(people: [brewer])
            #expect(try await autocomplete.counts(of: .skill, matching: "zymurgy", window: window).isEmpty)
            #expect(try await autocomplete.counts(of: .skill, matching: "yodel", window: window).map(\.key) == ["Yodeling"])
            // Changes of people alone, then of companies alone (what the other holds is not ranked again).
            try await Self.expectSameVocabulary(autocomplete, database)
            var company = Index.seed.company(at: 20)
            company.industry = "Quantum Beekeeping"
            company.employeeCount = 123_456
            _ = try await store.upsert(companies: [company])
            try await Self.expectSameVocabulary(autocomplete, database)
            #expect(try await autocomplete.companies(matching: "", window: window).items.first?.id == company.id, "the largest now")

            // A shutdown saves the counts beside the index; a restart at that position takes them up.
            func restarted() async throws {
                service.cancel()
                await service.value
                (indexed, autocomplete, service) = try await started()
                #expect(indexed.loaded == .opened)
            }
            let folder = try await Self.folder(configuration, database)
            try await restarted()
            let position = try #require(try IndexFolder.manifest(in: folder)).position
            var saved = try #require(try SavedVocabulary.read(at: position, in: folder), "saved at the index's position")
            try await Self.expectSameVocabulary(autocomplete, database)
            // What the restart answers from is the saved file, not a new count: one with a value no
            // record holds shows it.
            var ghost = Person(id: UUID(), firstName: "Gus", lastName: "Ghost")
            ghost.skills = ["Ghostwriting"]
            saved.add(ghost)
            try SavedVocabulary.write(saved, companies: saved.companyChanges.values.compactMap { $0 }, at: position, in: folder)
            try await restarted()
            #expect(try await autocomplete.counts(of: .skill, matching: "ghostwr", window: window).map(\.value) == [1])
            // A damaged file is not used: the vocabulary is counted again.
            let file = (folder as NSString).appendingPathComponent(SavedVocabulary.fileName)
            var bytes = try #require(FileManager.default.contents(atPath: file))
            bytes[20] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: file))
            try await restarted()
            defer { service.cancel() }
            #expect(try await autocomplete.counts(of: .skill, matching: "ghostwr", window: window).isEmpty)
            try await Self.expectSameVocabulary(autocomplete, database)
        }
    }

    @Test("saved vocabulary counts read back as written, and only at the position they were saved at")
    func savedVocabulary() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            _ = try await Index.loadedIndex(database)
            let (revision, counts) = try await VocabularyCounts.read(from: database)
            let folder = configuration.indexDirectory
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let position = DirectoryPosition(revision: revision, snapshot: "12:14:12")
            #expect(try SavedVocabulary.read(at: position, in: folder) == nil, "none saved")
            let written = DirectoryVocabulary(revision: revision, counts: counts)
            try SavedVocabulary.write(counts, companies: written.companies.payloads, at: position, in: folder)
            let read = try #require(try SavedVocabulary.read(at: position, in: folder))
            let readBack = DirectoryVocabulary(revision: revision, counts: read)
            #expect(readBack.companies.payloads == written.companies.payloads)
            #expect(
                readBack.companies.payloads.contains { $0.employeeCount == nil }
                    && readBack.companies.count == Array(Index.seed.companies).count + DirectoryFixture.companies.count)
            #expect("\(readBack.locations.payloads)" == "\(written.locations.payloads)")
            #expect(readBack.locations.payloads.contains { $0.extra.position != nil }, "positions are saved")
            #expect("\(readBack.schools.payloads)" == "\(written.schools.payloads)")
            for kind in DirectoryVocabulary.ValueKind.allCases {
                #expect("\(readBack.values[kind]!.payloads)" == "\(written.values[kind]!.payloads)", "\(kind)")
            }
            #expect(try SavedVocabulary.read(at: DirectoryPosition(revision: revision + 1, snapshot: "12:14:12"), in: folder) == nil)
            #expect(try SavedVocabulary.read(at: DirectoryPosition(revision: revision, snapshot: "12:15:12"), in: folder) == nil)
        }
    }

    /// `autocomplete`'s vocabulary holds every company, place, school and value that one read
    /// from SQL holds, with the same counts, in the same order.
    static func expectSameVocabulary(_ autocomplete: VocabularyAutocomplete, _ database: Database) async throws {
        let counted = try await autocomplete.vocabulary()
        let read = try await DirectoryVocabulary.load(from: database)
        #expect(counted.revision == read.revision)
        #expect(counted.companies.payloads == read.companies.payloads)
        func counts<Extra>(_ values: RankedValues<DirectoryVocabulary.Counted<Extra>>) -> [String] {
            values.payloads.map { "\($0.key) \($0.count)" }
        }
        #expect(counts(counted.locations) == counts(read.locations))
        #expect(counts(counted.schools) == counts(read.schools))
        for kind in DirectoryVocabulary.ValueKind.allCases {
            #expect(counts(counted.values[kind]!) == counts(read.values[kind]!), "\(kind)")
        }
        #expect(counted.locations.count > 0 && counted.values[.jobTitle]!.count > 0, "something counted")
    }

    /// An index of `database` in the configuration's folder that merges when it holds more than
    /// two segments.
    static func mergingIndex(_ database: Database, _ configuration: AppConfiguration, catchUpWait: Duration) -> IndexedDirectorySearch {
        var settings = IndexMaintainer.Settings()
        settings.maxSegments = 2
        return IndexedDirectorySearch(
            database: database, folder: configuration.indexDirectory, catchUpWait: catchUpWait, settings: settings)
    }

    /// The folder of the index files of `database`.
    static func folder(_ configuration: AppConfiguration, _ database: Database) async throws -> String {
        let instance = try await database.withSession { try await DirectoryRevision.instance($0) }
        return (configuration.indexDirectory as NSString).appendingPathComponent(instance)
    }
}
