import Foundation
import LeadbaseCore
import Logging
import Metrics
import NIOPosix
import Synchronization

/// `DirectorySearch` answered by the search index (`IndexSnapshot`): people searches, bulk
/// selections, company searches and people at a company, with the window's documents from the
/// same snapshot as its matches. Until an index has been opened or built, SQL answers
/// (`SQLDirectorySearch`).
///
/// The index follows the database (`IndexMaintainer`, driven by `run`): every change, by this
/// process or another, is laid over it as a segment within moments of its commit. A search
/// first takes the directory revision (`DirectoryRevision.current(in:)`: from memory while no
/// change is known); when the index is behind it, the search asks for a catch-up and waits for
/// it (up to `catchUpWait`, then answers from the newest index there is), so that a change is
/// visible to the searches that follow it. Each search answers from one snapshot throughout: its
/// total, its page and a bulk selection agree.
public final class IndexedDirectorySearch: DirectorySearch {
    let database: Database
    let sql: SQLDirectorySearch
    /// Where index folders live (one per database, by its directory instance id); nil keeps the
    /// index in memory only.
    let root: String?
    let catchUpWait: Duration
    let settings: IndexMaintainer.Settings
    private let current = Mutex<IndexSnapshot?>(nil)
    private let maintainer = Mutex<IndexMaintainer?>(nil)
    private let wakes: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let metrics = IndexMetrics()
    /// The autocomplete vocabulary, counted from the index as it moves on (`run` keeps it).
    let vocabulary = IndexVocabulary()

    public convenience init(database: Database, folder: String? = nil) {
        self.init(database: database, folder: folder, catchUpWait: .seconds(5), settings: IndexMaintainer.Settings())
    }

    init(database: Database, folder: String?, catchUpWait: Duration, settings: IndexMaintainer.Settings) {
        self.database = database
        sql = SQLDirectorySearch(database: database)
        root = folder
        self.catchUpWait = catchUpWait
        self.settings = settings
        (wakes, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Whether an index is in use: false until one has been opened or built, and while a file
    /// found damaged after the start is rebuilt; meanwhile every search uses SQL.
    public var isLoaded: Bool {
        current.withLock { $0 != nil }
    }

    /// The index now, whether or not it is current.
    var snapshot: IndexSnapshot? {
        current.withLock { $0 }
    }

    /// Opens or builds the index, caught up with the database, and publishes it.
    public func load() async throws {
        let maintainer = try await IndexMaintainer.start(
            database: database, root: root, threads: .singleton, settings: settings, publish: { [weak self] in self?.publish($0) },
            tell: { [weak self] in self?.vocabulary.record($0) })
        self.maintainer.withLock { $0 = maintainer }
    }

    /// Whether the index was opened from its files or built; nil before `load`.
    var loaded: IndexMaintainer.Loaded? {
        maintainer.withLock { $0 }?.loaded
    }

    /// Lays every change since the index's position over it; nothing before `load`.
    func catchUp() async throws {
        try await maintainer.withLock { $0 }?.catchUp()
    }

    /// Waits for the merges under way.
    func waitForMerges() async {
        await maintainer.withLock { $0 }?.waitForMerges()
    }

    /// Waits for the check of the files opened at start.
    func waitForChecks() async {
        await maintainer.withLock { $0 }?.waitForChecks()
    }

    /// Opens or builds the index (retrying every `retry` until the database answers), then keeps
    /// it caught up until the task is cancelled: whenever a search finds it behind, and at least
    /// every `poll` (the revision is known from memory until a change is: see `ChangeWatch`);
    /// and the autocomplete vocabulary with it.
    public func run(poll: Duration = .milliseconds(100), retry: Duration = .seconds(5)) async {
        while maintainer.withLock({ $0 }) == nil {
            do {
                try await load()
            } catch {
                if Task.isCancelled { return }
                database.logger.error("Opening the search index failed; searches use SQL", metadata: ["error": "\(error)"])
                do { try await Task.sleep(for: retry) } catch { return }
            }
        }
        await withTaskGroup(of: Void.self) { group in
            // Wakes the loop below at least every `poll`.
            group.addTask { [wake] in
                while (try? await Task.sleep(for: poll)) != nil { wake.yield() }
            }
            group.addTask { [vocabulary, database] in await vocabulary.run(threads: .singleton, logger: database.logger) }
            for await _ in wakes {
                if Task.isCancelled { break }
                do {
                    try await catchUp()
                } catch is CancellationError {
                    break
                } catch {
                    database.logger.error("Catching the search index up failed", metadata: ["error": "\(error)"])
                }
            }
            group.cancelAll()
        }
        await waitForMerges()
    }

    private func publish(_ snapshot: IndexSnapshot?) {
        current.withLock { $0 = snapshot }
        if let snapshot { metrics.published(snapshot) }
    }

    /// The snapshot to answer from: one at least as new as the revision the database is known to
    /// be at, waiting up to `catchUpWait` for a catch-up when the index is behind; nil while
    /// there is no index.
    func answering() async throws -> IndexSnapshot? {
        let snapshot = try await caughtUp()
        (snapshot == nil ? metrics.answeredBySQL : metrics.answeredByIndex).increment()
        return snapshot
    }

    /// `answering`'s snapshot, for what is not a search (not counted in the metrics).
    func caughtUp() async throws -> IndexSnapshot? {
        guard let snapshot = snapshot else { return nil }
        let revision = try await DirectoryRevision.current(in: database)
        guard snapshot.revision < revision else { return snapshot }
        wake.yield()
        let deadline = ContinuousClock.now + catchUpWait
        var pause = Duration.microseconds(500)
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: pause)
            if let newer = self.snapshot, newer.revision >= revision { return newer }
            pause = min(pause * 2, .milliseconds(20))
        }
        metrics.behind.increment()
        return self.snapshot
    }

    public func people(matching filter: SearchFilter, window: ResultWindow) async throws -> SearchResult<Prospect> {
        guard let index = try await answering() else { return try await sql.people(matching: filter, window: window) }
        let matches = index.people(matching: filter)
        return SearchResult(items: try index.prospects(matches, window: window), total: matches.count)
    }

    public func personIDs(matching filter: SearchFilter, window: ResultWindow) async throws -> [UUID] {
        guard let index = try await answering() else { return try await sql.personIDs(matching: filter, window: window) }
        return index.personIDs(index.people(matching: filter), window: window)
    }

    public func companies(matching filter: SearchFilter, urls: [String], window: ResultWindow) async throws -> SearchResult<Company> {
        guard let index = try await answering() else { return try await sql.companies(matching: filter, urls: urls, window: window) }
        let matches = index.companies(matching: filter, urls: urls)
        let companies = try index.companyDocuments(matches, window: window).map {
            try DirectoryDocuments.decode(Company.self, from: String(decoding: $0, as: UTF8.self))
        }
        return SearchResult(items: companies, total: matches.count)
    }

    public func people(atCompany companyID: UUID, window: ResultWindow) async throws -> SearchResult<Prospect> {
        guard let index = try await answering() else { return try await sql.people(atCompany: companyID, window: window) }
        let matches = index.people(atCompany: companyID)
        return SearchResult(items: try index.prospects(matches, window: window), total: matches.count)
    }

}

/// What operators watch: how searches were answered, and the index's size and revision. The
/// labels are Prometheus names (see `/metrics`).
private struct IndexMetrics {
    let answeredByIndex = Counter(label: "leadbase_directory_searches_total", dimensions: [("answered_by", "index")])
    let answeredBySQL = Counter(label: "leadbase_directory_searches_total", dimensions: [("answered_by", "sql")])
    /// Searches that waited `catchUpWait` for a catch-up in vain and answered from an older index.
    let behind = Counter(label: "leadbase_search_index_behind_total")
    let people = Gauge(label: "leadbase_search_index_people")
    let companies = Gauge(label: "leadbase_search_index_companies")
    let segments = Gauge(label: "leadbase_search_index_segments")
    let bytes = Gauge(label: "leadbase_search_index_bytes")
    let revision = Gauge(label: "leadbase_search_index_revision")

    func published(_ snapshot: IndexSnapshot) {
        people.record(snapshot.peopleCount)
        companies.record(snapshot.liveCompanies.reduce(0) { $0 + $1.count })
        segments.record(snapshot.segments.count)
        bytes.record(snapshot.segments.reduce(0) { $0 + $1.byteCount })
        revision.record(snapshot.revision)
    }
}
