import Foundation
import LeadbaseCore
import Logging
import NIOPosix

/// Keeps the search index in step with the database, and its files in step with the index:
/// opens it from its folder (or builds it), catches up with every change since the position it
/// is at, and merges segments in the background. Only `IndexedDirectorySearch.run` drives it.
///
/// - Open: the folder of the database's directory instance (`<root>/<instance>`); its manifest
///   names the segments and the position. Every segment file is checked, all but its documents
///   before the index is published and those right after (`Segment.checkedAfterOpening`); any
///   failure (a missing, cut short or changed file, another format) clears the folder and
///   rebuilds, with searches answered by SQL meanwhile.
/// - Build: every company, then every person, a page at a time, into segments of `chunkSize`
///   people, merged into one base.
/// - Catch up: the rows written and the ids removed since the position, read in one snapshot
///   of the database, become a segment laid over the others; beyond `maxCatchUp` rows a full
///   build is cheaper, and is done instead (the old index answers meanwhile).
/// - Merge: when segments pile up, the newest ones are merged into one (`mergePlan`), in the
///   background, on the index's own thread; catching up goes on meanwhile.
/// - Tell: each index opened or built, and each catch-up, is told (`IndexChange`) to what
///   follows the directory record by record (the autocomplete vocabulary, `IndexVocabulary`).
actor IndexMaintainer {
    let database: Database
    let logger: Logger
    private let store: SegmentStore
    /// Puts a snapshot in front of searches; nil takes the index away (SQL answers).
    private let publish: @Sendable (IndexSnapshot?) -> Void
    /// Tells how the index moved on, in order (before the snapshot is published).
    private let tell: @Sendable (IndexChange) -> Void
    /// The snapshot last published.
    private(set) var snapshot: IndexSnapshot
    /// What new segments' documents are compressed with: the base's dictionary, which merges of
    /// segments sharing it copy documents under without decompressing them.
    private var compressor: DocumentCompressor
    private let instance: String
    private let threads: NIOThreadPool
    private var merging: Task<Void, Never>?
    /// The check of the opened files' documents (`checkOpenedFiles`).
    private var checking: Task<Void, Never>?
    /// Set when a file turned out damaged after it was opened: the next catch-up rebuilds.
    private var damaged = false
    private var rebuilding = false
    let settings: Settings
    /// Whether the index was opened from its files or built.
    nonisolated let loaded: Loaded

    enum Loaded: Sendable, Equatable {
        case opened, built
    }

    struct Settings: Sendable {
        var chunkSize = 262_144
        var pageSize = 20_000
        var maxCatchUp = 300_000
        /// Merge when there are more segments than this.
        var maxSegments = 4
    }

    private init(
        database: Database, store: SegmentStore, instance: String, snapshot: IndexSnapshot, threads: NIOThreadPool,
        settings: Settings, loaded: Loaded, publish: @escaping @Sendable (IndexSnapshot?) -> Void,
        tell: @escaping @Sendable (IndexChange) -> Void
    ) {
        self.loaded = loaded
        self.database = database
        self.logger = database.logger
        self.store = store
        self.instance = instance
        self.snapshot = snapshot
        compressor = Self.compressor(of: snapshot)
        self.threads = threads
        self.settings = settings
        self.publish = publish
        self.tell = tell
    }

    /// Opens or builds the index, caught up with the database, and publishes it; `tell` hears of
    /// every change from the index opened or built on.
    static func start(
        database: Database, root: String?, threads: NIOThreadPool, settings: Settings = Settings(),
        publish: @escaping @Sendable (IndexSnapshot?) -> Void, tell: @escaping @Sendable (IndexChange) -> Void = { _ in }
    ) async throws -> IndexMaintainer {
        let started = ContinuousClock.now
        let instance = try await database.withSession { try await DirectoryRevision.instance($0) }
        let path = root.map { ($0 as NSString).appendingPathComponent(instance) }
        let folder = try path.flatMap { try IndexFolder.claim($0) }
        if let path, folder == nil {
            database.logger.notice(
                "Another process writes the search index folder; this one keeps its changes in memory", metadata: ["folder": "\(path)"])
        }
        let store = SegmentStore(folder: folder)
        var opened = path.flatMap { Self.open(path: $0, instance: instance, logger: database.logger) }
        if opened == nil, let folder { folder.clear() }
        var loaded = Loaded.opened
        if opened == nil {
            loaded = .built
            opened = try await build(database: database, store: store, threads: threads, settings: settings)
        }
        let maintainer = IndexMaintainer(
            database: database, store: store, instance: instance, snapshot: opened!, threads: threads, settings: settings,
            loaded: loaded, publish: publish, tell: tell)
        tell(.whole(opened!, folder: folder))
        try await maintainer.catchUp()
        await maintainer.persist()
        let current = await maintainer.snapshot
        publish(current)
        await maintainer.removeUnusedFiles()
        await maintainer.checkOpenedFiles()
        database.logger.info(
            "Search index ready",
            metadata: [
                "how": "\(loaded)", "people": "\(current.peopleCount)", "segments": "\(current.segments.count)",
                "revision": "\(current.revision)", "took": "\(ContinuousClock.now - started)",
            ])
        return maintainer
    }

    /// The index the folder at `path` holds, checked whole; nil (and why, logged) when there is
    /// none to trust.
    private static func open(path: String, instance: String, logger: Logger) -> IndexSnapshot? {
        do {
            guard let manifest = try IndexFolder.manifest(in: path) else { return nil }
            guard manifest.format == Segment.format, manifest.instance == instance else {
                logger.notice("The search index folder is of another format or database; rebuilding", metadata: ["folder": "\(path)"])
                return nil
            }
            let segments = try manifest.segments.map { try SegmentStore.open($0, in: path) }
            return IndexSnapshot(position: manifest.position, segments: segments)
        } catch {
            logger.warning("The search index files cannot be used; rebuilding", metadata: ["folder": "\(path)", "error": "\(error)"])
            return nil
        }
    }

    /// The compressor of `snapshot`'s base dictionary.
    private static func compressor(of snapshot: IndexSnapshot) -> DocumentCompressor {
        DocumentCompressor(dictionary: snapshot.segments.first.map { Array($0.dictionary) } ?? [])
    }

    /// Reads the whole directory into one segment.
    static func build(database: Database, store: SegmentStore, threads: NIOThreadPool, settings: Settings) async throws -> IndexSnapshot {
        let position = try await database.withSession { try await DirectoryRevision.position($0, database.dialect) }
        let compressor = DocumentCompressor(dictionary: try await DocumentCompressor.sampleDictionary(from: database))
        let chunks = ChunkedBuild(store: store, chunkSize: settings.chunkSize, compressor: compressor)
        try await DirectoryRows.companies.forEachPage(in: database, pageSize: settings.pageSize) { page in
            try chunks.addCompanies(page)
        }
        try await DirectoryRows.people.forEachPage(in: database, pageSize: settings.pageSize) { page in
            try chunks.addPeople(page)
        }
        let segments = try chunks.finish()
        // What building allocated and freed (rows, builders), given back (see `FreedMemory`).
        defer { FreedMemory.release() }
        let parts = IndexSnapshot(position: position, segments: segments)
        guard segments.count > 1 else { return parts }
        let base = try await threads.runIfActive {
            try store.make { try SegmentMerger(snapshot: parts, range: 0..<segments.count).merge(into: $0) }
        }
        store.folder?.removeSegments(except: [base.file].compactMap { $0 })
        return IndexSnapshot(position: position, segments: [base])
    }

    /// Lays the changes since the snapshot's position over it (or rebuilds, past `maxCatchUp`),
    /// and publishes the result. Nothing happens when the snapshot is current.
    func catchUp() async throws {
        // A rebuild under way catches up when it ends (this actor's methods interleave at
        // their awaits).
        guard !rebuilding else { return }
        if damaged {
            try await rebuild(reason: "a damaged file")
            return
        }
        let known = try await DirectoryRevision.current(in: database)
        guard known != snapshot.revision || snapshot.segments.isEmpty else { return }
        let started = ContinuousClock.now
        let pending = try await DirectoryChanges.count(in: database, since: snapshot.position)
        if pending > settings.maxCatchUp {
            try await rebuild(reason: "\(pending) rows changed")
            return
        }
        let changes = try await DirectoryChanges.read(from: database, since: snapshot.position)
        if changes.truncated {
            try await rebuild(reason: "a directory table was emptied")
            return
        }
        if changes.isEmpty {
            snapshot = snapshot.moved(to: changes.position)
            tell(.moved(to: changes.position))
        } else {
            // Made in memory and searched at once; written to the folder next (`persist`).
            let segment = try await threads.runIfActive { [compressor] in
                try SegmentStore(folder: nil).make { try changes.write(into: $0, compressor: compressor) }
            }
            let laidOver = snapshot.appending(segment, at: changes.position)
            tell(.appended(segment, hiding: snapshot.rowsHidden(in: laidOver), at: changes.position))
            snapshot = laidOver
        }
        publish(snapshot)
        persist()
        logger.debug(
            "Search index caught up",
            metadata: ["changes": "\(changes.count)", "revision": "\(snapshot.revision)", "took": "\(ContinuousClock.now - started)"])
        mergeIfNeeded()
    }

    private func rebuild(reason: String) async throws {
        logger.notice("Rebuilding the search index", metadata: ["reason": "\(reason)"])
        rebuilding = true
        defer { rebuilding = false }
        await merging?.value
        snapshot = try await Self.build(database: database, store: store, threads: threads, settings: settings)
        tell(.whole(snapshot, folder: store.folder))
        damaged = false
        compressor = Self.compressor(of: snapshot)
        rebuilding = false  // for its own catch-up, next
        try await catchUp()
        publish(snapshot)
        persist()
        removeUnusedFiles()
    }

    /// Records the snapshot in the folder's manifest (if this process writes the folder).
    /// Segments made in memory (catch-ups') are written to files first, and searched from memory
    /// until a merge replaces them.
    private func persist() {
        guard let folder = store.folder else { return }
        do {
            var names: [ObjectIdentifier: String] = [:]
            for segment in snapshot.segments {
                let key = ObjectIdentifier(segment)
                if let name = segment.file ?? written[key] {
                    names[key] = name
                } else {
                    names[key] = try folder.write(segment.sections)
                }
            }
            written = names.filter { key, _ in snapshot.segments.contains { ObjectIdentifier($0) == key && $0.file == nil } }
            let manifest = IndexFolder.Manifest(
                format: Segment.format, instance: instance, revision: snapshot.position.revision, snapshot: snapshot.position.snapshot,
                segments: snapshot.segments.map { names[ObjectIdentifier($0)]! })
            try folder.write(manifest)
        } catch {
            logger.error("Writing the search index's files failed", metadata: ["error": "\(error)"])
        }
    }

    /// Removes the folder's segment files that no segment of the snapshot is in (left by an
    /// earlier process, or replaced by a merge).
    func removeUnusedFiles() {
        store.folder?.removeSegments(except: files)
    }

    /// The files of the segments `persist` wrote from memory, by segment.
    private var written: [ObjectIdentifier: String] = [:]

    /// Every file a snapshot of this maintainer's is in (what the folder keeps).
    private var files: [String] {
        snapshot.segments.compactMap { $0.file ?? written[ObjectIdentifier($0)] }
    }

    /// Starts a merge if the segments call for one (`mergePlan`) and none runs.
    private func mergeIfNeeded() {
        guard merging == nil,
            var range = Self.mergePlan(snapshot.segments.map { $0.people.count + $0.companies.count }, max: settings.maxSegments)
        else { return }
        // A process that reads another's folder keeps its base in that folder's file, mapped:
        // merging it would make a copy of it in memory. It merges only its own segments.
        if range.lowerBound == 0, store.folder == nil, snapshot.segments[0].file != nil {
            guard range.count > 2 else { return }
            range = 1..<range.upperBound
        }
        let inputs = snapshot
        let merged = range
        merging = Task {
            do {
                let started = ContinuousClock.now
                let segment = try await threads.runIfActive { [store] in
                    try store.make { try SegmentMerger(snapshot: inputs, range: merged).merge(into: $0) }
                }
                finishMerge(segment, replacing: merged, of: inputs, took: ContinuousClock.now - started)
            } catch {
                endMerge(failed: error)
            }
        }
    }

    private func finishMerge(_ merged: Segment, replacing range: Range<Int>, of inputs: IndexSnapshot, took: Duration) {
        merging = nil
        // Only appends happen during a merge: the inputs are still where they were.
        let current = snapshot
        guard !damaged, current.segments.count >= range.upperBound,
            zip(current.segments[range], inputs.segments[range]).allSatisfy({ $0 === $1 })
        else { return }
        let segments = Array(current.segments[..<range.lowerBound]) + [merged] + Array(current.segments[range.upperBound...])
        snapshot = IndexSnapshot(position: current.position, segments: segments)
        publish(snapshot)
        persist()
        removeUnusedFiles()
        FreedMemory.release()
        logger.info(
            "Search index segments merged",
            metadata: ["merged": "\(range.count)", "records": "\(merged.people.count + merged.companies.count)", "took": "\(took)"])
        mergeIfNeeded()
    }

    private func endMerge(failed error: any Error) {
        merging = nil
        logger.error("Merging search index segments failed", metadata: ["error": "\(error)"])
    }

    /// Waits for a merge under way (tests, shutdown).
    func waitForMerges() async {
        while let merging { await merging.value }
    }

    /// Checks, in the background, what opening the snapshot's files left unchecked (their
    /// documents). A damaged file takes the index away (searches use SQL, `/ready` answers
    /// 503, as at a start that finds one) and clears the folder; the next catch-up rebuilds.
    private func checkOpenedFiles() {
        guard loaded == .opened else { return }
        let segments = snapshot.segments
        checking = Task { [weak self, threads] in
            do {
                try await threads.runIfActive { for segment in segments { try segment.checkUnchecked() } }
            } catch let error as IndexFile.Damaged {
                await self?.takeDown(error)
            } catch {
                // The thread pool stopped: the server is shutting down.
            }
        }
    }

    /// What a damaged file found after the start comes to (`checkOpenedFiles`).
    private func takeDown(_ error: IndexFile.Damaged) {
        logger.error("A search index file is damaged; searches use SQL until it is rebuilt", metadata: ["error": "\(error)"])
        publish(nil)
        damaged = true
        written = [:]
        store.folder?.clear()
    }

    /// Waits for the check of the opened files (tests).
    func waitForChecks() async {
        await checking?.value
    }

    /// Which segments to merge, given their sizes (oldest first), when there are more than
    /// `max`: the newest ones, back to (not including) the first segment that outweighs all of
    /// them four times; all of them when none does. Segments so stay in tiers of growing size,
    /// and a record is merged again only a few times over its life.
    static func mergePlan(_ sizes: [Int], max: Int) -> Range<Int>? {
        guard sizes.count > max else { return nil }
        var total = sizes.last!
        var start = sizes.count - 1
        while start > 0 {
            if sizes[start - 1] >= 4 * total, sizes.count - start >= 2 { break }
            start -= 1
            total += sizes[start]
        }
        return start..<sizes.count
    }
}
