import Foundation
import HTTPTypes
import Synchronization

/// Per-minute request budgets, in this process: one per credential (an API token, or a JWT's
/// organization and subject, so that refreshing a JWT does not reset it), one per organization,
/// and one of failed authentications per client address. Windows are whole minutes of the
/// clock, the same for every key, so each answer can say exactly when its budget resets.
/// A limit of 0 turns that budget off. Several server processes each keep their own.
final class RateLimiter: Sendable {
    /// What a budget holds after a request: the `RateLimit-*` headers of the answer.
    struct Quota: Sendable {
        let limit: Int
        let remaining: Int
        let resetSeconds: Int
        let exceeded: Bool

        var headers: HTTPFields {
            var headers = HTTPFields()
            headers[.rateLimitLimit] = String(limit)
            headers[.rateLimitRemaining] = String(remaining)
            headers[.rateLimitReset] = String(resetSeconds)
            if exceeded { headers[.retryAfter] = String(resetSeconds) }
            return headers
        }
    }

    private struct Window {
        var minute: Int = 0
        var counts: [String: Int] = [:]
    }

    let limits: RateLimitSettings
    private let window = Mutex(Window())
    private let clock: @Sendable () -> Date

    init(limits: RateLimitSettings, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.limits = limits
        self.clock = clock
    }

    /// Counts one request of `credential` in `organization`; the quota of the tighter budget.
    /// A request over either budget is not counted.
    func take(credential: String, organization: String) -> Quota? {
        let budgets = [("c:" + credential, limits.perCredential), ("o:" + organization, limits.perOrganization)].filter { $0.1 > 0 }
        guard !budgets.isEmpty else { return nil }
        return withWindow { counts, reset in
            let exceeded = budgets.contains { counts[$0.0, default: 0] >= $0.1 }
            if !exceeded { for (key, _) in budgets { counts[key, default: 0] += 1 } }
            let tightest = budgets.min { $0.1 - counts[$0.0, default: 0] < $1.1 - counts[$1.0, default: 0] }!
            return Quota(
                limit: tightest.1, remaining: max(tightest.1 - counts[tightest.0, default: 0], 0), resetSeconds: reset, exceeded: exceeded)
        }
    }

    /// The failure budget of `address`; with `failed`, counts one failure first.
    func failures(from address: String, failed: Bool) -> Quota? {
        let limit = limits.authenticationFailures
        guard limit > 0 else { return nil }
        let key = "f:" + address
        return withWindow { counts, reset in
            if failed { counts[key, default: 0] += 1 }
            let used = counts[key, default: 0]
            return Quota(limit: limit, remaining: max(limit - used, 0), resetSeconds: reset, exceeded: used >= limit && !failed)
        }
    }

    /// Runs `body` on the counts of the current minute (earlier minutes' counts are dropped).
    private func withWindow<T>(_ body: (inout [String: Int], _ resetSeconds: Int) -> T) -> T {
        let now = clock().timeIntervalSince1970
        let minute = Int(now / 60)
        let reset = max(Int(((Double(minute + 1) * 60) - now).rounded(.up)), 1)
        return window.withLock { window in
            if window.minute != minute { window = Window(minute: minute) }
            return body(&window.counts, reset)
        }
    }
}

extension HTTPField.Name {
    public static let rateLimitLimit = Self("RateLimit-Limit")!
    public static let rateLimitRemaining = Self("RateLimit-Remaining")!
    public static let rateLimitReset = Self("RateLimit-Reset")!
}
