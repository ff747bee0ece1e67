import Foundation
import LeadbaseCore
import Logging
import Metrics
import NIOPosix
import Synchronization

/// The autocomplete vocabulary kept in step with the search index from the index's own
/// documents: counted whole when an index is built (or opened at another position than its
/// counts were saved at, `SavedVocabulary`), then changed by each segment laid
/// over it — the rows it hides taken off, its own records added — so that an import costs what it
/// changed, not a read of the whole directory (`IndexChange`, told by `IndexMaintainer`).
///
/// `run` counts the changes in order on the index's thread pool and ranks the counts into a
/// `DirectoryVocabulary` after each batch of them (what only companies hold is ranked again only
/// when companies changed, and what only people hold when people did); a ranking that took more
/// than a second is followed by a pause as long, so that during a long import ranking takes at
/// most half a core.
final class IndexVocabulary: Sendable {
    private let state = Mutex(State())
    private let loadSeconds = Gauge(label: "leadbase_autocomplete_vocabulary_load_seconds")
    private let revisionGauge = Gauge(label: "leadbase_autocomplete_vocabulary_revision")

    private struct State {
        /// Told and not yet taken by `run`.
        var pending: [IndexChange] = []
        var waiting: CheckedContinuation<[IndexChange], Never>?
        var vocabulary: DirectoryVocabulary?
        /// How long the last batch of changes took to count and rank.
        var lastCounting: Duration = .zero

        mutating func takePending() -> [IndexChange] {
            defer { pending = [] }
            return pending
        }
    }

    /// Records a change of the index, for `run` to count. A whole index makes the changes before
    /// it moot.
    func record(_ change: IndexChange) {
        let woken = state.withLock { state -> (CheckedContinuation<[IndexChange], Never>, [IndexChange])? in
            if case .whole = change { state.pending.removeAll() }
            state.pending.append(change)
            guard let waiting = state.waiting.take() else { return nil }
            return (waiting, state.takePending())
        }
        if let (waiting, changes) = woken { waiting.resume(returning: changes) }
    }

    /// The vocabulary counted through `revision` (that of the index a search would answer from).
    /// While that is still being counted: the previous one if counting and ranking the last
    /// changes took longer than `waitLimit` (a large directory), else, and before the first,
    /// waits for it.
    func vocabulary(through revision: Int64, waitLimit: Duration) async throws -> DirectoryVocabulary {
        var pause = Duration.milliseconds(1)
        while true {
            let (vocabulary, lastCounting) = state.withLock { ($0.vocabulary, $0.lastCounting) }
            if let vocabulary, vocabulary.revision >= revision || lastCounting > waitLimit { return vocabulary }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(50))
        }
    }

    /// The last ranking, if any.
    var latest: DirectoryVocabulary? {
        state.withLock { $0.vocabulary }
    }

    /// Counts the changes as they are told and ranks them, until the task is cancelled; keeps
    /// the counts saved in the index's folder (`SavedVocabulary`), when this process writes it:
    /// after counting a whole index, at most every `saveEvery` while changes come, and when
    /// cancelled (a shutdown).
    func run(threads: NIOThreadPool, logger: Logger, saveEvery: Duration = .seconds(600)) async {
        let counts = CountsBox()
        // Where the counts stand, and whether they are settled there: ranked (`previous`), not
        // halfway through a change.
        var position: DirectoryPosition?
        var settled = false
        var folder: IndexFolder?
        // The last ranking of these counts, whose parts no change touched are taken as they are.
        var previous: DirectoryVocabulary?
        var savedPosition: DirectoryPosition?
        var lastSave = ContinuousClock.now
        var saveDue = false
        func save() async {
            guard settled, let folder, let position, let companies = previous?.companies.payloads, savedPosition != position else { return }
            lastSave = .now
            do {
                // In a task of its own: the last save comes after `run` is cancelled, and a
                // cancelled task's thread-pool work is refused.
                try await Task {
                    try await threads.runIfActive {
                        try SavedVocabulary.write(counts.value, companies: companies, at: position, in: folder.path)
                    }
                }.value
                savedPosition = position
            } catch {
                logger.warning("Saving the autocomplete vocabulary failed", metadata: ["error": "\(error)"])
            }
        }
        while true {
            var changes = await next()
            guard !changes.isEmpty else { break }  // cancelled
            do {
                let started = ContinuousClock.now
                // Only the last whole index counts, and what came after it.
                if let last = changes.lastIndex(where: { if case .whole = $0 { true } else { false } }),
                    case .whole(let snapshot, let itsFolder) = changes[last]
                {
                    changes.removeFirst(last + 1)
                    settled = false
                    previous = nil
                    folder = itsFolder
                    let restored = try await start(from: snapshot, folder: itsFolder, into: counts, threads: threads, logger: logger)
                    position = snapshot.position
                    savedPosition = restored ? position : nil
                    saveDue = !restored
                }
                // After a failure the counts are of no index: changes wait for a whole one.
                guard position != nil else { continue }
                settled = false
                for change in changes {
                    try await count(change, into: counts, threads: threads)
                    position = change.position
                }
                let revision = position!.revision
                let ranking = ContinuousClock.now
                let vocabulary = try await threads.runIfActive { [previous] in
                    defer { counts.value.ranked() }
                    return DirectoryVocabulary(revision: revision, counts: counts.value, reusing: previous)
                }
                previous = vocabulary
                settled = true
                FreedMemory.release()
                let ranked = ContinuousClock.now - ranking
                let took = ContinuousClock.now - started
                state.withLock { state in
                    state.vocabulary = vocabulary
                    state.lastCounting = took
                }
                loadSeconds.record(took.seconds)
                revisionGauge.record(revision)
                logger.debug(
                    "Autocomplete vocabulary counted",
                    metadata: ["changes": "\(changes.count)", "revision": "\(revision)", "took": "\(took)"])
                if saveDue || ContinuousClock.now - lastSave >= saveEvery {
                    saveDue = false
                    await save()
                }
                if ranked > .seconds(1) { try await Task.sleep(for: ranked) }
            } catch is CancellationError {
                break
            } catch {
                // A document the index holds that does not decode: the index is damaged, and
                // its rebuild will be told as a whole index. Lookups answer from the last ranking.
                logger.error("Counting the autocomplete vocabulary failed", metadata: ["error": "\(error)"])
                position = nil
                previous = nil
                settled = false
            }
        }
        await save()
    }

    /// Puts in `counts` those saved in `folder` at the snapshot's position (answering true), or
    /// else counts every live row of the snapshot.
    private func start(
        from snapshot: IndexSnapshot, folder: IndexFolder?, into counts: CountsBox, threads: NIOThreadPool, logger: Logger
    ) async throws -> Bool {
        if let folder {
            do {
                if let saved = try await threads.runIfActive({ try SavedVocabulary.read(at: snapshot.position, in: folder.path) }) {
                    counts.value = saved
                    return true
                }
            } catch {
                logger.warning("The saved autocomplete vocabulary cannot be used; counting it again", metadata: ["error": "\(error)"])
            }
        }
        counts.value = VocabularyCounts()
        try await count(.whole(snapshot, folder: folder), into: counts, threads: threads)
        return false
    }

    /// The changes told since the last call, waiting for one; none once the task is cancelled.
    private func next() async -> [IndexChange] {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[IndexChange], Never>) in
                let ready = state.withLock { state -> [IndexChange]? in
                    if Task.isCancelled { return [] }
                    guard state.pending.isEmpty else { return state.takePending() }
                    state.waiting = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            state.withLock { $0.waiting.take() }?.resume(returning: [])
        }
    }

    /// Counts one change: the rows it hides off, then its records (a whole index's live rows,
    /// companies first) on, a chunk at a time on `threads`.
    private func count(_ change: IndexChange, into counts: CountsBox, threads: NIOThreadPool) async throws {
        switch change {
        case .moved:
            return
        case .whole(let snapshot, _):
            for (segment, live) in zip(snapshot.segments, snapshot.liveCompanies) {
                try await count(segment, companies: live.members(offset: 0, limit: live.capacity), by: 1, into: counts, threads: threads)
            }
            for (segment, live) in zip(snapshot.segments, snapshot.livePeople) {
                try await count(segment, people: live.members(offset: 0, limit: live.capacity), by: 1, into: counts, threads: threads)
            }
        case .appended(let segment, let hidden, _):
            for rows in hidden {
                try await count(rows.segment, companies: rows.companies, by: -1, into: counts, threads: threads)
                try await count(rows.segment, people: rows.people, by: -1, into: counts, threads: threads)
            }
            try await count(segment, companies: (0..<Int32(segment.companies.count)).map { $0 }, by: 1, into: counts, threads: threads)
            try await count(segment, people: (0..<Int32(segment.people.count)).map { $0 }, by: 1, into: counts, threads: threads)
        }
    }

    private func count(
        _ segment: Segment, companies: [Int32] = [], people: [Int32] = [], by change: Int, into counts: CountsBox,
        threads: NIOThreadPool
    ) async throws {
        // Chunks of some tens of milliseconds: a shutdown does not wait for a whole directory.
        let chunk = 20_000
        for start in stride(from: 0, to: companies.count, by: chunk) {
            let ordinals = companies[start..<min(start + chunk, companies.count)]
            try await threads.runIfActive {
                for ordinal in ordinals {
                    let company = try DirectoryDocuments.decode(Company.self, from: try segment.document(company: Int(ordinal)))
                    if change > 0 { counts.value.add(company) } else { counts.value.remove(company) }
                }
                segment.forgetDocumentPages()
            }
            try Task.checkCancellation()
        }
        for start in stride(from: 0, to: people.count, by: chunk) {
            let ordinals = people[start..<min(start + chunk, people.count)]
            try await threads.runIfActive {
                for ordinal in ordinals {
                    let person = try DirectoryDocuments.person(try segment.document(person: Int(ordinal)))
                    if change > 0 { counts.value.add(person) } else { counts.value.remove(person) }
                }
                segment.forgetDocumentPages()
            }
            try Task.checkCancellation()
        }
    }
}

/// The counts `IndexVocabulary.run` keeps between changes, handed to one thread-pool job at a time.
private final class CountsBox: @unchecked Sendable {
    // @unchecked: only `run`'s task uses it, and it awaits each job before the next.
    var value = VocabularyCounts()
}

extension Segment {
    /// The document of the person at `ordinal`.
    func document(person ordinal: Int) throws -> String {
        String(decoding: try people.documents.document(at: ordinal, dictionary: dictionary), as: UTF8.self)
    }

    /// The document of the company at `ordinal`.
    func document(company ordinal: Int) throws -> String {
        String(decoding: try companies.documents.document(at: ordinal, dictionary: dictionary), as: UTF8.self)
    }
}
