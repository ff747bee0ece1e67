import Foundation

/// How the segments' records of one kind (people, or companies) merge into one id order, worked
/// out once per snapshot rather than per search: a window of the search order walks the largest
/// segment (`primary`) by rank, and places each match of any other segment among the primary's
/// by how many of the primary's records precede its id.
struct MergeOrder: Sendable, Equatable {
    /// The segment with the most records.
    let primary: Int
    /// Per segment (empty for `primary`), per ordinal: how many of the primary's records have a
    /// smaller id.
    let preceding: [[Int32]]

    init(_ records: [RecordIndex]) {
        let primary = records.indices.max { records[$0].count < records[$1].count } ?? 0
        self.primary = primary
        preceding = records.indices.map { $0 == primary ? [] : Self.preceding(records[$0], in: records[primary]) }
    }

    private init(primary: Int, preceding: [[Int32]]) {
        self.primary = primary
        self.preceding = preceding
    }

    /// The order with `newest` (the last of `records`) added: only it is worked out, unless it
    /// is larger than the primary.
    func appending(_ records: [RecordIndex]) -> MergeOrder {
        guard let newest = records.last, records.count == preceding.count + 1 else { return MergeOrder(records) }
        guard !preceding.isEmpty, newest.count <= records[primary].count else { return MergeOrder(records) }
        return MergeOrder(primary: primary, preceding: preceding + [Self.preceding(newest, in: records[primary])])
    }

    /// For each of `records`' ids (ascending), how many of `primary`'s ids are smaller.
    ///
    /// Each answer is searched for from the one before, in steps that double until they pass
    /// it, then by halves: a few steps near the last answer whether `records` is a few people
    /// or as many as `primary` (a binary search over the whole of `primary` takes 24 steps a
    /// record at 10M, far apart in memory).
    private static func preceding(_ records: RecordIndex, in primary: RecordIndex) -> [Int32] {
        var preceding: [Int32] = []
        preceding.reserveCapacity(records.count)
        var low = 0
        for id in records.ids {
            // Every id below `low` is smaller than `id`; the one at `bound`, if any, is not.
            var bound = low
            var step = 1
            while bound < primary.count, primary.ids[bound].precedes(id) {
                low = bound + 1
                bound = low + step
                step *= 2
            }
            low = primary.position(of: id, from: low, to: min(bound, primary.count))
            preceding.append(Int32(low))
        }
        return preceding
    }
}
