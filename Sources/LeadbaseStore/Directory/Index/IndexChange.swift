/// How the search index moved on, told in order to what follows it record by record
/// (`IndexVocabulary`): a whole new index, a segment laid over it, or a later position with no
/// row changed. Merges are not told: they change how the records are kept, not which.
enum IndexChange: Sendable {
    /// An index opened or built: everything it holds; and the folder it is kept in, when this
    /// process writes it.
    case whole(IndexSnapshot, folder: IndexFolder?)
    /// `segment` laid over the index at `position`, and the rows it hides in the older segments
    /// (the records it replaces or removes).
    case appended(Segment, hiding: [HiddenRows], at: DirectoryPosition)
    case moved(to: DirectoryPosition)

    /// Rows of one segment, by ordinal.
    struct HiddenRows: Sendable {
        let segment: Segment
        let people: [Int32]
        let companies: [Int32]
    }

    var position: DirectoryPosition {
        switch self {
        case .whole(let snapshot, _): snapshot.position
        case .appended(_, _, let position), .moved(let position): position
        }
    }
}

extension IndexSnapshot {
    /// The rows of this snapshot's segments that `newer` (this snapshot with segments laid over
    /// it) no longer shows.
    func rowsHidden(in newer: IndexSnapshot) -> [IndexChange.HiddenRows] {
        segments.indices.compactMap { index in
            precondition(newer.segments[index] === segments[index], "a snapshot laid over this one")
            func hidden(_ before: Bitset, _ after: Bitset) -> [Int32] {
                var hidden = before
                hidden.subtract(after)
                return hidden.members(offset: 0, limit: hidden.capacity)
            }
            let people = hidden(livePeople[index], newer.livePeople[index])
            let companies = hidden(liveCompanies[index], newer.liveCompanies[index])
            guard !people.isEmpty || !companies.isEmpty else { return nil }
            return IndexChange.HiddenRows(segment: segments[index], people: people, companies: companies)
        }
    }
}
