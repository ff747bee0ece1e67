import Foundation
import LeadbaseCore
import Logging
import Metrics
import SQLKit
import Synchronization

/// `DirectorySearch` answering people searches from an in-memory `DirectoryIndex`, and everything
/// else (and any people search while the index is not current) with `SQLDirectorySearch`.
///
/// Each people search first takes the directory revision (`DirectoryRevision.current(in:)`: from
/// memory while no change is known, else one single-row read). When it equals the index's, the matching ids, the exact total and the window come from the index and
/// only the window's documents are read. When another process (or this one) has imported since,
/// the search is answered by SQL, which is never stale, and a refresh is asked of `run()`: the
/// index is correct whenever it answers, and fast once it has caught up. A refresh reads only the
/// people written since the last full load while they are few and no company changed; otherwise
/// it reloads the whole directory.
public final class IndexedDirectorySearch: DirectorySearch {
    let database: Database
    let sql: SQLDirectorySearch
    private let snapshot = Mutex<DirectorySnapshot?>(nil)
    private let reloads: AsyncStream<Void>
    private let reloadRequests: AsyncStream<Void>.Continuation
    private let metrics = IndexMetrics()

    public init(database: Database) {
        self.database = database
        sql = SQLDirectorySearch(database: database)
        (reloads, reloadRequests) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Reads the whole directory into a new index and swaps it in.
    public func reload() async throws {
        let started = ContinuousClock.now
        let loaded = try await DirectoryIndex.load(from: database)
        snapshot.withLock { $0 = DirectorySnapshot(base: loaded) }
        FreedMemory.release()
        let took = ContinuousClock.now - started
        metrics.loaded(loaded, took: took)
        database.logger.info(
            "Directory index loaded",
            metadata: [
                "people": "\(loaded.personIDs.count)", "revision": "\(loaded.position.revision)", "took": "\(took)",
            ])
    }

    /// Whether an index has been loaded (it may be behind); until then every search uses SQL.
    public var isLoaded: Bool {
        snapshot.withLock { $0 != nil }
    }

    /// Brings the index up to date by reading only the people written since its last full load,
    /// if that is allowed: no company was written since (people are filtered by their company's
    /// fields), and the changed people are at most `limit` (5% of the directory, or 10,000).
    /// Answers whether the index is now current as of the revision it read.
    func applyChanges(limit: ((Int) -> Int) = { max(10_000, $0 / 20) }) async throws -> Bool {
        guard let base = snapshot.withLock({ $0?.base }) else { return false }
        let changed = try await DirectoryIndex.changes(in: database, after: base.position)
        guard changed.companies == 0, changed.people <= limit(base.personIDs.count) else { return false }
        let started = ContinuousClock.now
        let changes = try await DirectoryIndex.loadChanges(from: database, since: base)
        snapshot.withLock { $0 = DirectorySnapshot(base: base, changes: changes) }
        metrics.revision.record(changes.position.revision)
        database.logger.debug(
            "Directory index changes loaded",
            metadata: [
                "people": "\(changes.personIDs.count)", "revision": "\(changes.position.revision)",
                "took": "\(ContinuousClock.now - started)",
            ])
        return true
    }

    /// Loads the index (retrying every `retry` until the database answers), then refreshes it
    /// whenever a search found it behind the database, one refresh at a time, until the task is
    /// cancelled: with the changed people alone when `applyChanges` allows, else by a full
    /// reload. A full reload waits until the revision has stayed the same for `settle`: an import
    /// raises it with every batch, and reloading during one would read the whole directory again
    /// and again while competing with the import for the machine.
    public func run(settle: Duration = .seconds(2), retry: Duration = .seconds(5)) async {
        while !isLoaded {
            do {
                try await reload()
            } catch {
                if Task.isCancelled { return }
                database.logger.error("Directory index load failed; searches use SQL", metadata: ["error": "\(error)"])
                do { try await Task.sleep(for: retry) } catch { return }
            }
        }
        for await _ in reloads {
            do {
                if try await applyChanges() { continue }
                var seen = try await revision()
                while true {
                    try await Task.sleep(for: settle)
                    let now = try await revision()
                    if now == seen { break }
                    seen = now
                }
                if snapshot.withLock({ $0?.revision }) != seen { try await reload() }
            } catch is CancellationError {
                return
            } catch {
                database.logger.error("Directory index reload failed; searches use SQL", metadata: ["error": "\(error)"])
            }
        }
    }

    private func revision() async throws -> Int64 {
        try await database.withSession { try await DirectoryRevision.current($0) }
    }

    /// The index, if it is at the database's revision; otherwise nil, and a refresh is asked for.
    func current() async throws -> DirectorySnapshot? {
        let index = snapshot.withLock { $0 }
        let revision = try await DirectoryRevision.current(in: database)
        guard let index, index.revision == revision else {
            metrics.answeredBySQL.increment()
            reloadRequests.yield()
            return nil
        }
        metrics.answeredByIndex.increment()
        return index
    }

    public func people(matching filter: SearchFilter, window: ResultWindow) async throws -> SearchResult<Prospect> {
        guard let index = try await current() else { return try await sql.people(matching: filter, window: window) }
        let matching = index.people(matching: filter)
        let ids = index.ids(of: matching, window: window)
        return SearchResult(items: try await prospects(ids), total: matching.count)
    }

    public func personIDs(matching filter: SearchFilter, window: ResultWindow) async throws -> [UUID] {
        guard let index = try await current() else { return try await sql.personIDs(matching: filter, window: window) }
        return index.ids(of: index.people(matching: filter), window: window)
    }

    public func companies(matching filter: SearchFilter, urls: [String], window: ResultWindow) async throws -> SearchResult<Company> {
        try await sql.companies(matching: filter, urls: urls, window: window)
    }

    public func people(atCompany companyID: UUID, window: ResultWindow) async throws -> SearchResult<Prospect> {
        try await sql.people(atCompany: companyID, window: window)
    }

    /// The people of `ids` with their current companies, in the order of `ids` (ascending).
    private func prospects(_ ids: [UUID]) async throws -> [Prospect] {
        guard !ids.isEmpty else { return [] }
        return try await database.withSession { sql in
            try await sql.raw(
                """
                SELECT p.id, p.doc AS person, c.doc AS company FROM people p
                LEFT JOIN companies c ON c.id = p.company_id
                WHERE p.id IN (\(binds: ids))
                ORDER BY p.id
                """
            ).all().map(SQLDirectoryStore.prospect)
        }
    }
}

/// What operators watch: how often people searches fall back to SQL (the index behind), the last
/// full load, and the revision the index is at. The labels are Prometheus names (see `/metrics`).
private struct IndexMetrics {
    let answeredByIndex = Counter(label: "leadbase_people_searches_total", dimensions: [("answered_by", "index")])
    let answeredBySQL = Counter(label: "leadbase_people_searches_total", dimensions: [("answered_by", "sql")])
    let people = Gauge(label: "leadbase_search_index_people")
    let revision = Gauge(label: "leadbase_search_index_revision")
    let loadSeconds = Gauge(label: "leadbase_search_index_load_seconds")

    func loaded(_ index: DirectoryIndex, took: Duration) {
        people.record(index.personIDs.count)
        revision.record(index.position.revision)
        loadSeconds.record(took.seconds)
        // Where the index's memory goes: its arrays' contents, by part (a field, or the ids and
        // the company mapping); what malloc keeps beside them is not counted.
        for (part, bytes) in index.memoryBytes {
            Gauge(label: "leadbase_search_index_bytes", dimensions: [("part", part)]).record(bytes)
        }
    }
}
