import Foundation
import LeadbaseCore

/// Searches over a snapshot: each segment's live matches as a bitset, and windows of the search
/// order (ascending id) across the segments.
extension IndexSnapshot {
    /// The matches of a search: per segment, the records (people or companies) that match.
    struct Matches: Sendable {
        let sets: [Bitset]

        var count: Int { sets.reduce(0) { $0 + $1.count } }
    }

    /// The people matching `filter`: person keys on the person, company keys on the person's
    /// current company.
    ///
    /// Every company key is evaluated over the companies first, and the people of the companies
    /// that pass them all are found once: a person has one current company, so the people
    /// passing each company key are the people of the companies passing all of them. A person
    /// without a company in the directory has no company fields (SQL's LEFT JOIN): they fail an
    /// include and pass an exclude; when every company key is an exclude (or asks for an unknown
    /// number), they are found as everyone but the people of the companies that fail.
    func people(matching filter: SearchFilter) -> Matches {
        var sets = livePeople
        var companies: Bitset?
        var nullPasses = true
        func onCompanies(_ matching: Bitset, passingNull: Bool) {
            if companies == nil { companies = matching } else { companies!.formIntersection(matching) }
            nullPasses = nullPasses && passingNull
        }
        for condition in filter.conditions {
            let all = condition.op == .allInclude || condition.op == .allExclude
            let exclude = condition.op == .anyExclude || condition.op == .allExclude
            if condition.isOnCompany {
                var matching = companySet { $0.records(matching: condition.criteria, of: condition.fields, all: all) }
                if exclude { matching.invert() }
                onCompanies(matching, passingNull: exclude)
                continue
            }
            for index in segments.indices {
                var matching = segments[index].people.records(matching: condition.criteria, of: condition.fields, all: all)
                if exclude { matching.invert() }
                sets[index].formIntersection(matching)
            }
        }
        for range in filter.ranges {
            guard range.field.isCompanyField else {
                for index in segments.indices { sets[index].formIntersection(segments[index].people.records(in: range)) }
                continue
            }
            let known = range.unknown ? RangeCondition(field: range.field, ranges: [NumberRange(start: nil, end: nil)]) : range
            var matching = companySet { $0.records(in: known) }
            if range.unknown { matching.invert() }
            onCompanies(matching, passingNull: range.unknown)
        }
        guard var companies else { return Matches(sets: sets) }
        companies.formIntersection(liveCompanySet)
        if nullPasses {
            // Everyone but the people of the live companies that fail.
            companies.invert()
            companies.formIntersection(liveCompanySet)
        }
        for index in segments.indices where sets[index].capacity > 0 {
            var matching = people(at: companies, in: index)
            if nullPasses { matching.invert() }
            sets[index].formIntersection(matching)
        }
        return Matches(sets: sets)
    }

    /// The companies matching `filter`, and (when `urls` is not empty) whose LinkedIn URL or
    /// domain is one of `urls`.
    func companies(matching filter: SearchFilter, urls: [String]) -> Matches {
        var sets = liveCompanies
        for (index, segment) in segments.enumerated() {
            let companies = segment.companies
            for condition in filter.conditions {
                let all = condition.op == .allInclude || condition.op == .allExclude
                var matching = companies.records(matching: condition.criteria, of: condition.fields, all: all)
                if condition.op == .anyExclude || condition.op == .allExclude { matching.invert() }
                sets[index].formIntersection(matching)
            }
            for range in filter.ranges { sets[index].formIntersection(companies.records(in: range)) }
            if !urls.isEmpty {
                let values = urls.map(Criterion.equals)
                sets[index].formIntersection(companies.records(matching: values, of: [.linkedin, .domain], all: false))
            }
        }
        return Matches(sets: sets)
    }

    /// The people whose current company is `company` (whether or not it is in the directory).
    func people(atCompany company: UUID) -> Matches {
        Matches(
            sets: segments.indices.map { index in
                var people = Bitset(capacity: segments[index].people.count)
                if let link = segments[index].links.index(of: company) {
                    PostingCodec.insert(segments[index].links.people(at: link), into: &people)
                    people.formIntersection(livePeople[index])
                }
                return people
            })
    }

    /// The companies each segment's `records` selects, in the snapshot's numbering (live or not:
    /// `people(matching:)` keeps the live ones).
    private func companySet(_ records: (RecordIndex) -> Bitset) -> Bitset {
        var set = Bitset(capacity: companyCount)
        for (index, segment) in segments.enumerated() where segment.companies.count > 0 {
            set.insert(records(segment.companies), at: companyStarts[index])
        }
        return set
    }

    /// The people of segment `index` whose current company is in `companies`.
    private func people(at companies: Bitset, in index: Int) -> Bitset {
        let segment = segments[index]
        var people = Bitset(capacity: segment.people.count)
        let targets = linkTargets[index]
        if let byCompany = linksByCompany[index], companies.count < targets.count {
            for company in companies.members(offset: 0, limit: Int.max) {
                let link = byCompany[Int(company)]
                if link >= 0 { PostingCodec.insert(segment.links.people(at: Int(link)), into: &people) }
            }
        } else {
            for (link, target) in targets.enumerated() where target >= 0 && companies.contains(Int(target)) {
                PostingCodec.insert(segment.links.people(at: link), into: &people)
            }
        }
        return people
    }

    /// Where a record is: its segment and its ordinal there.
    struct Location: Sendable {
        let segment: Int
        let ordinal: Int
    }

    /// The ids of people at `window` of the search order.
    func personIDs(_ matches: Matches, window: ResultWindow) -> [UUID] {
        locations(matches, window: window, in: personOrder) { segments[$0].people.ids }.map { segments[$0.segment].people.ids[$0.ordinal] }
    }

    /// The people at `window` of the search order, with their current companies, from the
    /// documents of this snapshot.
    func prospects(_ matches: Matches, window: ResultWindow) throws -> [Prospect] {
        try locations(matches, window: window, in: personOrder) { segments[$0].people.ids }.map { location in
            let segment = segments[location.segment]
            let person = try segment.people.documents.encoded(at: location.ordinal, in: segment)
            var company: JSONDocument?
            let link = segment.personLinks[location.ordinal]
            if link != Segment.noLink, case let target = Int(linkTargets[location.segment][Int(link)]), target >= 0 {
                let (companySegment, ordinal) = companyLocation(of: target)
                company = JSONDocument(
                    encoded: try segments[companySegment].companies.documents.encoded(at: ordinal, in: segments[companySegment]))
            }
            return Prospect(id: segment.people.ids[location.ordinal], person: JSONDocument(encoded: person), company: company)
        }
    }

    /// The documents of the companies at `window` of the search order.
    func companyDocuments(_ matches: Matches, window: ResultWindow) throws -> [[UInt8]] {
        try locations(matches, window: window, in: companyOrder) { segments[$0].companies.ids }.map { location in
            let segment = segments[location.segment]
            return try segment.companies.documents.document(at: location.ordinal, dictionary: segment.dictionary)
        }
    }

    /// The segment and ordinal of the company numbered `number`.
    func companyLocation(of number: Int) -> (segment: Int, ordinal: Int) {
        let segment = companyStarts.partitioningIndex { $0 > number } - 1
        return (segment, number - companyStarts[segment])
    }

    /// The records at `window` of the matches merged in id order across segments (`order`): the
    /// largest segment's matches are walked by rank; every other segment's matches (few, the
    /// segments written since the last merge) are placed among them by their `order.preceding`.
    private func locations(
        _ matches: Matches, window: ResultWindow, in order: MergeOrder, of idsOf: (Int) -> FlatArray<UUID>
    ) -> [Location] {
        guard window.limit > 0, !segments.isEmpty else { return [] }
        let primary = order.primary
        var others: [(preceding: Int, id: UUID, location: Location, position: Int)] = []
        for index in matches.sets.indices where index != primary && matches.sets[index].count > 0 {
            let ids = idsOf(index)
            let preceding = order.preceding[index]
            others += matches.sets[index].members(offset: 0, limit: Int.max).map {
                (Int(preceding[Int($0)]), ids[Int($0)], Location(segment: index, ordinal: Int($0)), 0)
            }
        }
        guard !others.isEmpty else {
            return matches.sets[primary].members(offset: window.offset, limit: window.limit).map {
                Location(segment: primary, ordinal: Int($0))
            }
        }
        others.sort { $0.preceding != $1.preceding ? $0.preceding < $1.preceding : $0.id.precedes($1.id) }
        // Where each other match falls in the merged order: the primary's matches before it, plus
        // the other matches before it.
        let ranks = matches.sets[primary].ranks(below: others.map(\.preceding))
        for index in others.indices { others[index].position = ranks[index] + index }
        var next = others.partitioningIndex { $0.position >= window.offset }
        let fromPrimary = matches.sets[primary].members(offset: window.offset - next, limit: window.limit)
        var locations: [Location] = []
        var position = window.offset
        var primaryNext = 0
        while locations.count < window.limit {
            if next < others.count, others[next].position == position {
                locations.append(others[next].location)
                next += 1
            } else if primaryNext < fromPrimary.count {
                locations.append(Location(segment: primary, ordinal: Int(fromPrimary[primaryNext])))
                primaryNext += 1
            } else {
                break
            }
            position += 1
        }
        return locations
    }
}

extension Bitset {
    /// Adds `other`'s members, each moved up by `offset`.
    mutating func insert(_ other: Bitset, at offset: Int) {
        guard other.capacity > 0 else { return }
        precondition(offset + other.capacity <= capacity, "the bitset to insert does not fit")
        let shift = offset & 63
        let first = offset >> 6
        withWords { words in
            for (index, word) in other.words.enumerated() where word != 0 {
                words[first + index] |= word << UInt64(shift)
                if shift > 0, first + index + 1 < words.count { words[first + index + 1] |= word >> UInt64(64 - shift) }
            }
        }
    }
}
