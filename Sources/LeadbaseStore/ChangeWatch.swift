import Foundation
import Metrics
import SQLiteKit
import Synchronization

/// How a process learns that the database changed what it caches (who an API token is, the
/// directory revision), so that it can keep those in memory instead of reading them on every
/// request, and still never use one after the change is known.
///
/// Each topic has a generation, raised whenever a change to it may have committed: a value read
/// from the database is cached under the generation taken before the read, and served only while
/// that is still the current one. A change that commits during the read raises the generation,
/// so the value is dropped even if it is stored after.
///
/// - PostgreSQL: triggers (migration 18) `NOTIFY` on every change to tokens, users and the
///   directory revision, from any process; `Database.watchChanges()` listens. Values are cached
///   only while it listens: from the moment `LISTEN` is in place until its connection fails.
///   A change made elsewhere is known once its notification, sent at its commit, arrives; a
///   change made by this process is known at its commit (`changed(_:)`).
/// - SQLite: `PRAGMA data_version`, read on a connection of its own before every use, changes
///   whenever another connection (of this process or any other) has committed since. Any commit
///   counts, so every topic's generation is raised: caches then hold between writes, and a
///   change is known from the first read after its commit.
final class ChangeWatch: Sendable {
    enum Topic: CaseIterable, Sendable {
        /// API tokens and users: whom a token identifies.
        case identities
        /// The directory's revision (`DirectoryRevision`).
        case directory

        /// The payload of its notifications (migration 18).
        var payload: String {
            switch self {
            case .identities: "identities"
            case .directory: "directory"
            }
        }
    }

    /// The channel the triggers notify on.
    static let channel = "leadbase_changes"

    private struct State {
        /// Whether changes are being watched (PostgreSQL: listened for).
        var watching = false
        var generations: [Topic: UInt64] = [:]
        /// The last `data_version` read (SQLite).
        var dataVersion: Int?
        var listener: Int32?

        mutating func raise(_ topics: [Topic]) {
            for topic in topics { generations[topic, default: 0] += 1 }
        }
    }

    private let state = Mutex(State())
    /// The connection `data_version` is read on (SQLite), opened for nothing else: the value is
    /// per connection, and changes only with other connections' commits. Nil on PostgreSQL.
    private let versions: SQLiteConnection?
    private let closed = Atomic(false)

    init(dataVersionOn versions: SQLiteConnection?) {
        self.versions = versions
    }

    /// The generation of `topic` that a value read from the database from now on belongs to, or
    /// nil when no value may be cached (PostgreSQL's notifications are not being listened for,
    /// or SQLite's `data_version` could not be read).
    func generation(of topic: Topic) async -> UInt64? {
        guard let versions else { return state.withLock { $0.watching ? $0.generations[topic, default: 0] : nil } }
        guard let version = try? await versions.query("PRAGMA data_version").first?.column("data_version")?.integer else { return nil }
        return state.withLock { state in
            if state.dataVersion != version {
                state.dataVersion = version
                state.raise(Topic.allCases)
            }
            return state.generations[topic, default: 0]
        }
    }

    /// Records that `topic` changed: called by this process's writers once their change has
    /// committed, and for each notification.
    func changed(_ topic: Topic) {
        state.withLock { $0.raise([topic]) }
    }

    /// Records whether notifications are being listened for; either way, whatever was cached
    /// before may have missed a change.
    func watching(_ watching: Bool) {
        state.withLock { state in
            state.watching = watching
            state.raise(Topic.allCases)
        }
    }

    /// Records a notification (`schema:topic`, migration 18): of a topic, or of anything else
    /// (from a newer version, say), which counts as a change to everything; unless it is about
    /// another schema than `schema`, the one this process's tables are in.
    func notified(_ payload: String, schema: String) {
        guard let separator = payload.lastIndex(of: ":"), payload[..<separator] == schema else { return }
        let topic = payload[payload.index(after: separator)...]
        let topics = Topic.allCases.filter { $0.payload == topic }
        state.withLock { $0.raise(topics.isEmpty ? Topic.allCases : topics) }
    }

    /// The server process of the connection that listens (PostgreSQL), while one does.
    var listener: Int32? {
        get { state.withLock { $0.listener } }
        set { state.withLock { $0.listener = newValue } }
    }

    /// Closes the `data_version` connection. Through the future-returning close: the async one
    /// gives up, leaving the connection open, when the calling task is cancelled (as a service
    /// group's tasks are at shutdown).
    func close() async {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        try? await versions?.close().get()
    }

    /// A database dropped without `close()` (an application built but never run) still closes
    /// the connection (SQLiteNIO asserts that it was, and a second close would crash). The close
    /// holds on to the connection until it is done.
    deinit {
        if !closed.load(ordering: .relaxed) { _ = versions?.close() }
    }
}

/// Values read from the database and kept while `topic` does not change (see `ChangeWatch`), at
/// most `capacity` of them (when full, the cache starts again empty). Operators see how its
/// lookups were answered in `leadbase_cache_lookups_total{cache, answered_by}`.
final class ChangeCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let watch: ChangeWatch
    private let topic: ChangeWatch.Topic
    private let capacity: Int
    private let entries = Mutex<(generation: UInt64, values: [Key: Value])>((0, [:]))
    private let answeredFromMemory = Atomic<Int>(0)
    private let fromMemory: Counter
    private let fromDatabase: Counter

    /// How many lookups this cache answered without a read.
    var hits: Int { answeredFromMemory.load(ordering: .relaxed) }

    init(_ name: String, on topic: ChangeWatch.Topic, of watch: ChangeWatch, capacity: Int) {
        self.topic = topic
        self.watch = watch
        self.capacity = capacity
        fromMemory = Counter(label: "leadbase_cache_lookups_total", dimensions: [("cache", name), ("answered_by", "memory")])
        fromDatabase = Counter(label: "leadbase_cache_lookups_total", dimensions: [("cache", name), ("answered_by", "database")])
    }

    /// The value of `key`: the cached one while current, else `read()`'s, which is kept when it
    /// is not nil (absence is not cached: it is read again each time).
    func value(_ key: Key, read: () async throws -> Value?) async throws -> Value? {
        guard let generation = await watch.generation(of: topic) else { return try await read() }
        if let cached = entries.withLock({ $0.generation == generation ? $0.values[key] : nil }) {
            answeredFromMemory.add(1, ordering: .relaxed)
            fromMemory.increment()
            return cached
        }
        fromDatabase.increment()
        guard let value = try await read() else { return nil }
        entries.withLock { entries in
            if entries.generation < generation { entries = (generation, [:]) }
            // A newer generation's values are there already: this one may be older than them.
            guard entries.generation == generation else { return }
            if entries.values.count >= capacity { entries.values.removeAll(keepingCapacity: true) }
            entries.values[key] = value
        }
        return value
    }
}
