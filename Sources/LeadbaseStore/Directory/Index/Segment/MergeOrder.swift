import Foundation

/// How the segments' records of one kind (people, or companies) merge into one id order, worked
/// out once per snapshot rather than per search: a window of the search order walks the largest
/// segment (`primary`) by rank, and places each match of any other segment among the primary's
/// by how many of the primary's records precede its id.
struct MergeOrder: Sendable {
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
    private static func preceding(_ records: RecordIndex, in primary: RecordIndex) -> [Int32] {
        var preceding: [Int32] = []
        preceding.reserveCapacity(records.count)
        var low = 0
        for id in records.ids {
            low = primary.position(of: id, from: low)
            preceding.append(Int32(low))
        }
        return preceding
    }
}
