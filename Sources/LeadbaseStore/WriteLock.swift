/// A first-come, first-served async lock.
///
/// SQLite admits one writer at a time, and SQLiteNIO runs statements on a small thread pool (one
/// thread per core). Without this lock, writers waiting for SQLite's lock occupy those threads
/// while the writer holding it needs one to finish: a deadlock. With it, at most one write
/// transaction per process is inside SQLite at a time; other processes (a CLI command) still
/// queue on SQLite's own lock, bounded by `busy_timeout`.
actor WriteLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        guard locked else {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            locked = false
        } else {
            // Ownership passes straight to the next waiter; `locked` stays true.
            waiters.removeFirst().resume()
        }
    }
}
