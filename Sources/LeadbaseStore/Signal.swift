import Synchronization

/// Something that happens once, for good or with an error: `wait()` returns (or throws) from
/// then on, and until then waits.
public final class Signal: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Void, any Error>])
        case finished(Result<Void, any Error>)
    }

    private let state = Mutex(State.waiting([]))

    public init() {}

    /// Ends the wait of every waiter, now and later; a second call changes nothing.
    public func finish(_ result: Result<Void, any Error>) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            guard case .waiting(let waiters) = state else { return [] }
            state = .finished(result)
            return waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    public func wait() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let result = state.withLock { state -> Result<Void, any Error>? in
                switch state {
                case .waiting(let waiters):
                    state = .waiting(waiters + [continuation])
                    return nil
                case .finished(let result):
                    return result
                }
            }
            if let result { continuation.resume(with: result) }
        }
    }
}
