import Foundation

/// The rules of adding people to a list: access, list type, selection, dedup.
public struct MembershipService: Sendable {
    let lists: LeadListService
    let search: any DirectorySearch
    let store: any MembershipStore

    public init(lists: LeadListService, search: any DirectorySearch, store: any MembershipStore) {
        self.lists = lists
        self.search = search
        self.store = store
    }

    /// The list with its members, for a caller who may use it.
    public func listWithMembers(_ id: UUID, for identity: Identity) async throws -> (LeadList, ListMembers) {
        let list = try await lists.list(id, for: identity)
        return (list, try await members(of: list))
    }

    /// A list's members (the list must already be access-checked).
    public func members(of list: LeadList) async throws -> ListMembers {
        switch list.type {
        case .person: .people(try await store.people(inList: list.id, of: list.organizationID))
        case .company: .companies(try await store.companies(inList: list.id, of: list.organizationID))
        }
    }

    /// At most `limit` of a list's members (already access-checked), in member id order, after
    /// the member `after`: a page of a keyset read, exact whatever is added or removed meanwhile.
    public func members(of list: LeadList, after: UUID?, limit: Int) async throws -> ListMembers {
        switch list.type {
        case .person: .people(try await store.people(inList: list.id, of: list.organizationID, after: after, limit: limit))
        case .company: .companies(try await store.companies(inList: list.id, of: list.organizationID, after: after, limit: limit))
        }
    }

    /// A list's members in member id order, handed to `body` a page of `pageSize` at a time, so
    /// that reading any list size takes constant memory (the CSV export).
    public func forEachPage(
        of list: LeadList, pageSize: Int = 1000, _ body: (ListMembers) async throws -> Void
    ) async throws {
        var cursor: UUID?
        while true {
            let page = try await members(of: list, after: cursor, limit: pageSize)
            guard let last = page.lastID else { return }
            try await body(page)
            cursor = last
        }
    }

    /// The list, access-checked (404, 403), if it holds people: a company list is a 400 here,
    /// before the request's selection is read.
    public func personList(_ id: UUID, for identity: Identity) async throws -> UsableList {
        try Self.require(.person, try await lists.usableList(id, for: identity, includingMembers: false))
    }

    /// The list, access-checked (404, 403), if it holds companies: a person list is a 400 here.
    public func companyList(_ id: UUID, for identity: Identity) async throws -> UsableList {
        try Self.require(.company, try await lists.usableList(id, for: identity, includingMembers: false))
    }

    private static func require(_ type: LeadListType, _ usable: UsableList) throws(LeadbaseError) -> UsableList {
        if usable.list.type == type { return usable }
        let message =
            switch type {
            case .person: "add-prospects works on person lists only; use add-companies for company lists"
            case .company: "add-companies works on company lists only; use add-prospects for person lists"
            }
        throw LeadbaseError.invalid(message: "Invalid request", issues: [ValidationIssue(path: [], message: message)])
    }

    /// Adds companies to a company list; repeated and already-present ids are skipped. Returns the
    /// updated list with its companies and how many were added.
    public func addCompanies(
        _ ids: [UUID], to usable: UsableList, dryRun: Bool = false
    ) async throws -> (list: LeadList, companies: [Company], added: Int, notFoundIDs: [UUID]) {
        let list = try Self.require(.company, usable).list
        var seen = Set<UUID>()
        let ids = ids.filter { seen.insert($0).inserted }
        let (added, found, companies) = try await store.syncAndLink(
            companies: ids, toList: list.id, in: list.organizationID, dryRun: dryRun)
        var updated = list
        updated.companyIDs = companies.map(\.id)
        return (updated, companies, added.count, ids.filter { !found.contains($0) })
    }

    /// Removes members by id; ids that are not members are counted, not refused.
    public func removeMembers(_ ids: [UUID], from usable: UsableList) async throws -> (removed: Int, notInList: Int) {
        let list = usable.list
        var seen = Set<UUID>()
        let ids = ids.filter { seen.insert($0).inserted }
        let removed = try await store.remove(ids, fromList: list.id, of: list.type, in: list.organizationID)
        return (removed, ids.count - removed)
    }

    /// Adds the selected people to a person list. With `dryRun`, answers exactly what the add
    /// would do now, and writes nothing.
    public func addProspects(
        _ selection: ProspectSelection, to usable: UsableList, dryRun: Bool = false
    ) async throws -> AddProspectsResult {
        let list = try Self.require(.person, usable).list
        let (id, identity) = (list.id, usable.identity)
        var result = AddProspectsResult()
        let chosen: [UUID]
        switch selection {
        case .manual(let included, let excluded):
            var seen = Set<UUID>()
            let distinct = included.filter { seen.insert($0).inserted }
            chosen = distinct.filter { !excluded.contains($0) }
            result.excluded = distinct.count - chosen.count
        case .bulk(let start, let count, let excluded, let filter):
            let window = try await search.personIDs(matching: filter, window: ResultWindow(offset: start, limit: count))
            chosen = window.filter { !excluded.contains($0) }
            result.excluded = window.count - chosen.count
        case .direct(let people):
            let (added, ids) = try await store.upsertAndLink(people: people, toList: id, for: identity, dryRun: dryRun)
            var seen = Set<UUID>()
            result.addedIDs = ids.filter { added.contains($0) && seen.insert($0).inserted }
            result.alreadyInList = Set(ids).count - added.count
            result.prospectIDs = ids
            return result
        }
        guard !chosen.isEmpty else { return result }
        let outcome = try await store.syncAndLink(people: chosen, toList: id, for: identity, dryRun: dryRun)
        result.addedIDs = chosen.filter(outcome.added.contains)
        result.alreadyInList = outcome.found.count - outcome.added.count
        result.inaccessibleIDs = chosen.filter(outcome.inaccessible.contains)
        result.notFoundIDs = chosen.filter { !outcome.found.contains($0) && !outcome.inaccessible.contains($0) }
        return result
    }
}
