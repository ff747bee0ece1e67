import Foundation

extension UUID {
    /// Byte order: the order of the databases' `ORDER BY id` (PostgreSQL's `uuid`, and SQLite's
    /// upper-case hex text), so of the search, and the order in which every write path takes
    /// rows (links in `SQLMembershipStore.link`, e-mail keys in `TenantSync`, direct prospects).
    /// One `memcmp`: `UUID`'s own `<`, the same order, made sorting the 1000 ids of a bulk add
    /// take ~1 ms (perf).
    func precedes(_ other: UUID) -> Bool {
        withUnsafeBytes(of: uuid) { left in
            withUnsafeBytes(of: other.uuid) { right in memcmp(left.baseAddress!, right.baseAddress!, 16) < 0 }
        }
    }
}
