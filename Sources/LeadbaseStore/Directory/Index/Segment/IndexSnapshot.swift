import Foundation
import LeadbaseCore

/// The search index at one directory position: segments, oldest first, a record in a later one
/// replacing its row in an earlier one, and a removal in a later one hiding it there. Immutable:
/// a search takes the snapshot current when it starts and sees that one directory position
/// throughout, its total, its page and its bulk selection alike.
///
/// What ties the segments together is worked out when a snapshot is made:
/// - per segment, the people and the companies no later segment replaces or removes (`live…`);
/// - one numbering of every company row, segment after segment (`companyStarts`), and per
///   segment, for each company its people link to, the number of that company's live row
///   (`linkTargets`): a filter on companies is evaluated over the companies, and then mapped to
///   the people of each segment through their links;
/// - per kind of record, how the segments' id orders merge (`MergeOrder`).
final class IndexSnapshot: Sendable {
    let position: DirectoryPosition
    let segments: [Segment]
    let livePeople: [Bitset]
    let liveCompanies: [Bitset]
    /// `liveCompanies` in the snapshot's numbering of companies.
    let liveCompanySet: Bitset
    /// Where each segment's companies start in the snapshot's numbering, and (last) their count.
    let companyStarts: [Int]
    /// Per segment and link, the number of the linked company's live row, or -1 (not in the
    /// directory: as SQL's LEFT JOIN, its people have no company fields).
    let linkTargets: [[Int32]]
    /// Per segment with many links: for each company number, the link to it, or -1.
    let linksByCompany: [[Int32]?]
    let personOrder: MergeOrder
    let companyOrder: MergeOrder

    /// A segment with at least this many links keeps `linksByCompany`.
    static let mappedLinks = 4096

    var revision: Int64 { position.revision }
    var companyCount: Int { companyStarts.last ?? 0 }
    var peopleCount: Int { livePeople.reduce(0) { $0 + $1.count } }

    private init(
        position: DirectoryPosition, segments: [Segment], livePeople: [Bitset], liveCompanies: [Bitset], companyStarts: [Int],
        linkTargets: [[Int32]], linksByCompany: [[Int32]?], personOrder: MergeOrder, companyOrder: MergeOrder
    ) {
        self.position = position
        self.segments = segments
        self.livePeople = livePeople
        self.liveCompanies = liveCompanies
        var liveCompanySet = Bitset(capacity: companyStarts.last ?? 0)
        for (index, live) in liveCompanies.enumerated() { liveCompanySet.insert(live, at: companyStarts[index]) }
        self.liveCompanySet = liveCompanySet
        self.companyStarts = companyStarts
        self.linkTargets = linkTargets
        self.linksByCompany = linksByCompany
        self.personOrder = personOrder
        self.companyOrder = companyOrder
    }

    /// A snapshot of `segments`, oldest first, everything worked out afresh.
    convenience init(position: DirectoryPosition, segments: [Segment]) {
        var livePeople = segments.map { Bitset(capacity: $0.people.count, filled: true) }
        var liveCompanies = segments.map { Bitset(capacity: $0.companies.count, filled: true) }
        for (newer, segment) in segments.enumerated() {
            for older in 0..<newer {
                Self.hide(segment.people.ids, segment.removedPeople, in: segments[older].people, live: &livePeople[older])
                Self.hide(segment.companies.ids, segment.removedCompanies, in: segments[older].companies, live: &liveCompanies[older])
            }
        }
        var companyStarts = [0]
        for segment in segments { companyStarts.append(companyStarts.last! + segment.companies.count) }
        let targets = segments.map { segment in
            Self.targets(of: segment.links, segments: segments, liveCompanies: liveCompanies, companyStarts: companyStarts)
        }
        self.init(
            position: position, segments: segments, livePeople: livePeople, liveCompanies: liveCompanies,
            companyStarts: companyStarts, linkTargets: targets,
            linksByCompany: targets.map { Self.inverse($0, companyCount: companyStarts.last!) },
            personOrder: MergeOrder(segments.map(\.people)), companyOrder: MergeOrder(segments.map(\.companies)))
    }

    /// This snapshot with `segment` laid over it, at `position`: only what `segment` touches is
    /// worked out again.
    func appending(_ segment: Segment, at position: DirectoryPosition) -> IndexSnapshot {
        var livePeople = livePeople
        var liveCompanies = liveCompanies
        for older in segments.indices {
            Self.hide(segment.people.ids, segment.removedPeople, in: segments[older].people, live: &livePeople[older])
            Self.hide(segment.companies.ids, segment.removedCompanies, in: segments[older].companies, live: &liveCompanies[older])
        }
        livePeople.append(Bitset(capacity: segment.people.count, filled: true))
        liveCompanies.append(Bitset(capacity: segment.companies.count, filled: true))
        let segments = segments + [segment]
        let companyStarts = companyStarts + [companyCount + segment.companies.count]
        let newCount = companyStarts.last!
        var linkTargets = linkTargets
        var linksByCompany = linksByCompany.map { $0.map { $0 + [Int32](repeating: -1, count: segment.companies.count) } }
        // The companies the segment writes or removes now link elsewhere, or nowhere.
        let base = companyStarts[segments.count - 1]
        let changed =
            (0..<segment.companies.count).map { (segment.companies.ids[$0], Int32(base + $0)) }
            + segment.removedCompanies.map { ($0, Int32(-1)) }
        for older in 0..<(segments.count - 1) {
            let links = segments[older].links
            guard links.count > 0 else { continue }
            for (company, target) in changed {
                guard let link = links.index(of: company) else { continue }
                let previous = linkTargets[older][link]
                linkTargets[older][link] = target
                if linksByCompany[older] != nil {
                    if previous >= 0 { linksByCompany[older]![Int(previous)] = -1 }
                    if target >= 0 { linksByCompany[older]![Int(target)] = Int32(link) }
                }
            }
        }
        let targets = Self.targets(of: segment.links, segments: segments, liveCompanies: liveCompanies, companyStarts: companyStarts)
        linkTargets.append(targets)
        linksByCompany.append(Self.inverse(targets, companyCount: newCount))
        return IndexSnapshot(
            position: position, segments: segments, livePeople: livePeople, liveCompanies: liveCompanies,
            companyStarts: companyStarts, linkTargets: linkTargets, linksByCompany: linksByCompany,
            personOrder: personOrder.appending(segments.map(\.people)),
            companyOrder: companyOrder.appending(segments.map(\.companies)))
    }

    /// The same segments at a later position (nothing changed in between but the revision).
    func moved(to position: DirectoryPosition) -> IndexSnapshot {
        IndexSnapshot(
            position: position, segments: segments, livePeople: livePeople, liveCompanies: liveCompanies,
            companyStarts: companyStarts, linkTargets: linkTargets, linksByCompany: linksByCompany,
            personOrder: personOrder, companyOrder: companyOrder)
    }

    /// Hides in `records` (an older segment's) every id of `ids` and `removed`.
    private static func hide(_ ids: FlatArray<UUID>, _ removed: FlatArray<UUID>, in records: RecordIndex, live: inout Bitset) {
        guard records.count > 0 else { return }
        for list in [ids, removed] {
            for id in list {
                if let ordinal = records.ordinal(of: id) { live.remove(ordinal) }
            }
        }
    }

    /// For each link, the number of its company's live row: the newest segment that holds the
    /// company decides (a removal hides it there, so a company is in at most one live row).
    private static func targets(of links: CompanyLinks, segments: [Segment], liveCompanies: [Bitset], companyStarts: [Int]) -> [Int32] {
        var targets = [Int32](repeating: -1, count: links.count)
        var found = Bitset(capacity: links.count)
        for (index, segment) in segments.enumerated().reversed() where segment.companies.count > 0 {
            let companies = segment.companies
            if companies.count > links.count * 8 {
                // Few links: each looked up.
                for link in 0..<links.count where !found.contains(link) {
                    guard let ordinal = companies.ordinal(of: links.ids[link]) else { continue }
                    found.insert(Int32(link))
                    if liveCompanies[index].contains(ordinal) { targets[link] = Int32(companyStarts[index] + ordinal) }
                }
            } else {
                // Both in id order: walked side by side.
                var ordinal = 0
                for link in 0..<links.count {
                    let id = links.ids[link]
                    while ordinal < companies.count, companies.ids[ordinal].precedes(id) { ordinal += 1 }
                    guard ordinal < companies.count, companies.ids[ordinal] == id, !found.contains(link) else { continue }
                    found.insert(Int32(link))
                    if liveCompanies[index].contains(ordinal) { targets[link] = Int32(companyStarts[index] + ordinal) }
                }
            }
        }
        return targets
    }

    private static func inverse(_ targets: [Int32], companyCount: Int) -> [Int32]? {
        guard targets.count >= mappedLinks else { return nil }
        var inverse = [Int32](repeating: -1, count: companyCount)
        for (link, target) in targets.enumerated() where target >= 0 { inverse[Int(target)] = Int32(link) }
        return inverse
    }
}
