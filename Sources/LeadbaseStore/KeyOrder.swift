import Foundation

extension Collection<UUID> {
    /// The ids in the order of their bytes: PostgreSQL's `uuid` order, and that of their text on
    /// SQLite, so the order in which write paths take rows (`TenantSync`). Each id is compared as
    /// two integers: with `UUID`'s own `<`, sorting the 1000 ids of a bulk add took ~1 ms (perf).
    func inKeyOrder() -> [UUID] {
        map { id in
            withUnsafeBytes(of: id.uuid) { bytes in
                let high = bytes.loadUnaligned(as: UInt64.self)
                let low = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                return (id, UInt64(bigEndian: high), UInt64(bigEndian: low))
            }
        }
        .sorted { ($0.1, $0.2) < ($1.1, $1.2) }
        .map(\.0)
    }
}
