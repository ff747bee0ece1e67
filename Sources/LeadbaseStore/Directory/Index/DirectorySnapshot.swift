import Foundation
import LeadbaseCore

/// What the search index answers from: a full `DirectoryIndex` (`base`) and, after imports, the
/// people written since (`changes`, indexed with `base`'s companies). A person in `changes`
/// replaces their row in `base`; both are in id order, and the search order merges them.
struct DirectorySnapshot: Sendable {
    let base: DirectoryIndex
    let changes: DirectoryIndex?
    /// The people of `base` that `changes` holds newer rows of.
    private let replaced: Bitset?

    /// The revision the snapshot is current at.
    var revision: Int64 { (changes ?? base).position.revision }

    init(base: DirectoryIndex, changes: DirectoryIndex? = nil) {
        self.base = base
        self.changes = changes
        replaced = changes.map { changes in
            var replaced = Bitset(capacity: base.personIDs.count)
            for id in changes.personIDs {
                let position = base.position(of: id)
                if position < base.personIDs.count, base.personIDs[position] == id { replaced.insert(Int32(position)) }
            }
            return replaced
        }
    }

    /// The people matching a filter: in `base` (without those replaced) and in `changes`.
    struct Matches {
        let base: Bitset
        let changes: Bitset?

        var count: Int { base.count + (changes?.count ?? 0) }
    }

    func people(matching filter: SearchFilter) -> Matches {
        var inBase = base.people(matching: filter)
        if let replaced { inBase.subtract(replaced) }
        return Matches(base: inBase, changes: changes?.people(matching: filter))
    }

    /// The ids at `window` of the search order: `base`'s and `changes`' matches merged by id.
    func ids(of matches: Matches, window: ResultWindow) -> [UUID] {
        guard let changes, let changed = matches.changes, changed.count > 0 else {
            return base.ids(of: matches.base, window: window)
        }
        // Where each changed match falls in the merged order: the base matches before it, plus
        // the changed matches before it.
        let ranks = matches.base.rankIndex()
        let changedMatches = changed.members(offset: 0, limit: Int.max)
        let merged = changedMatches.enumerated().map { index, person in
            ranks.rank(before: base.position(of: changes.personIDs[Int(person)])) + index
        }
        // Changed matches before the window; the base matches before it are the rest.
        var next = merged.partitioningIndex { $0 >= window.offset }
        let fromBase = matches.base.members(offset: window.offset - next, limit: window.limit)
        var ids: [UUID] = []
        var position = window.offset
        var baseNext = 0
        while ids.count < window.limit {
            if next < merged.count, merged[next] == position {
                ids.append(changes.personIDs[Int(changedMatches[next])])
                next += 1
            } else if baseNext < fromBase.count {
                ids.append(base.personIDs[Int(fromBase[baseNext])])
                baseNext += 1
            } else {
                break
            }
            position += 1
        }
        return ids
    }
}

extension DirectoryIndex {
    /// The first person number whose id is not below `id` in the search order (the databases
    /// order UUIDs by their bytes: PostgreSQL's `uuid`, and SQLite's upper-case hex text).
    func position(of id: UUID) -> Int {
        var low = 0
        var high = personIDs.count
        while low < high {
            let middle = (low + high) / 2
            if personIDs[middle].precedes(id) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension UUID {
    /// Byte order, the order of the databases' `ORDER BY id`.
    func precedes(_ other: UUID) -> Bool {
        withUnsafeBytes(of: uuid) { left in
            withUnsafeBytes(of: other.uuid) { right in left.lexicographicallyPrecedes(right) }
        }
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, which must be false then true along
    /// the array (a binary search).
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
