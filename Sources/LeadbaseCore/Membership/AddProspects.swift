import Foundation

/// Which people an add-prospects request picks from the directory.
public enum ProspectSelection: Sendable, Hashable {
    /// Hand-picked ids (global people, or people the organization already has), minus `excluded`.
    case manual(included: [UUID], excluded: Set<UUID>)
    /// The people at positions `start ..< start + count` of the search with `filter`, in the search
    /// order, minus `excluded` (not backfilled).
    case bulk(start: Int, count: Int, excluded: Set<UUID>, filter: SearchFilter)
    /// Full person data sent by the client, matched to the organization's records.
    case direct([DirectProspect])
}

/// One person of a direct add: the fields as sent (to update a matched record with exactly
/// those), the person they decode to, and whether the client gave the id.
public struct DirectProspect: Sendable, Hashable {
    public let fields: [String: JSONValue]
    public let person: Person
    public let hasID: Bool

    public init(fields: [String: JSONValue], person: Person, hasID: Bool) {
        self.fields = fields
        self.person = person
        self.hasID = hasID
    }
}

/// What an add-prospects request did with every input.
public struct AddProspectsResult: Sendable, Hashable {
    /// People newly linked to the list, in the order the request named them.
    public var addedIDs: [UUID] = []
    /// Chosen people who were in the list already.
    public var alreadyInList = 0
    /// Chosen ids left out because `excludedIds` named them.
    public var excluded = 0
    /// Chosen ids that exist neither in the directory nor among the records the caller may see.
    public var notFoundIDs: [UUID] = []
    /// Chosen directory people whom the organization holds in lists the caller may not use
    /// (`RecordVisibility` in the store): not linked.
    public var inaccessibleIDs: [UUID] = []
    /// Direct data only: each prospect's record, in input order (nil for a selection).
    public var prospectIDs: [UUID]?

    public init() {}

    public var added: Int { addedIDs.count }
}

/// What linking the chosen people did: those it linked anew, those it found usable (linked now
/// or before), and directory people held in lists the caller may not use.
public struct LinkOutcome: Sendable, Hashable {
    public var added: Set<UUID>
    public var found: Set<UUID>
    public var inaccessible: Set<UUID>

    public init(added: Set<UUID> = [], found: Set<UUID> = [], inaccessible: Set<UUID> = []) {
        self.added = added
        self.found = found
        self.inaccessible = inaccessible
    }
}

/// Links people to lists, copying them (and their current companies) from the directory into the
/// organization's records first. Implementations do all of it in one transaction. A caller
/// reads, changes and links only the person records it may see: an admin all of them; anyone
/// else those in a list they may use and those in no list.
public protocol MembershipStore: Sendable {
    /// Copies `ids` from the directory into the organization's records (records it already has
    /// are left as they are), then links every id whose record the caller may see. Throws
    /// `notFound` if the list disappeared meanwhile. With `dryRun`, every write of it is rolled
    /// back at the end: the outcome is what it would do now.
    func syncAndLink(people ids: [UUID], toList list: UUID, for identity: Identity, dryRun: Bool) async throws -> LinkOutcome

    /// Direct data: each person is matched to the records the caller may see by id (when given),
    /// else normalized LinkedIn URL, else a lower-cased email; a match is updated with the sent
    /// fields, anyone else is created (with a new id when the sent one is a record the caller
    /// may not see). All are then linked. Returns the ids linked anew and every person's final
    /// id, in input order.
    func upsertAndLink(
        people: [DirectProspect], toList list: UUID, for identity: Identity, dryRun: Bool
    ) async throws -> (added: Set<UUID>, ids: [UUID])

    /// The same for companies: copied from the directory, then linked; also answers the list's
    /// companies afterwards, in the order they were added (read before a dry run rolls back).
    func syncAndLink(
        companies ids: [UUID], toList list: UUID, in organization: OrganizationID, dryRun: Bool
    ) async throws -> (added: Set<UUID>, found: Set<UUID>, members: [Company])

    /// Unlinks `ids` from the list (people or companies, by the list's type); returns how many were
    /// members. The organization's records stay.
    func remove(_ ids: [UUID], fromList list: UUID, of type: LeadListType, in organization: OrganizationID) async throws -> Int

    /// The organization's records of a list's people, with their companies, in the order they were added.
    func people(inList list: UUID, of organization: OrganizationID) async throws -> [Lead]
    /// Up to `limit` of them with ids above `after`, in id order: exact keyset pages for exports.
    func people(inList list: UUID, of organization: OrganizationID, after: UUID?, limit: Int) async throws -> [Lead]
    /// The organization's records of a list's companies, in the order they were added.
    func companies(inList list: UUID, of organization: OrganizationID) async throws -> [Company]
    /// Up to `limit` of them with ids above `after`, in id order.
    func companies(inList list: UUID, of organization: OrganizationID, after: UUID?, limit: Int) async throws -> [Company]
}

/// A list member: the organization's copy of a person, with its company and when it was synced
/// and added.
public struct Lead: Sendable, Hashable {
    public let person: Person
    public let company: Company?
    public let syncedAt: Date?
    public let addedAt: Date

    public init(person: Person, company: Company?, syncedAt: Date?, addedAt: Date) {
        self.person = person
        self.company = company
        self.syncedAt = syncedAt
        self.addedAt = addedAt
    }
}

/// A list's members, of the list's kind.
public enum ListMembers: Sendable {
    case people([Lead])
    case companies([Company])
}

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

    /// Writes a list as CSV (header row, one row per member, in member id order) in pages of
    /// `pageSize`, calling `write` with each chunk, so that any list size takes constant memory.
    public func exportCSV(
        _ list: LeadList, pageSize: Int = 1000, write: (String) async throws -> Void
    ) async throws {
        switch list.type {
        case .person:
            try await write(CSV.row(CSV.leadHeader))
            var cursor: UUID?
            while true {
                let page = try await store.people(inList: list.id, of: list.organizationID, after: cursor, limit: pageSize)
                guard let last = page.last else { return }
                try await write(page.map { CSV.row(CSV.leadRow($0)) }.joined())
                cursor = last.person.id
            }
        case .company:
            try await write(CSV.row(CSV.companyHeader))
            var cursor: UUID?
            while true {
                let page = try await store.companies(inList: list.id, of: list.organizationID, after: cursor, limit: pageSize)
                guard let last = page.last else { return }
                try await write(page.map { CSV.row(CSV.companyRow($0)) }.joined())
                cursor = last.id
            }
        }
    }

    /// Adds companies to a company list; repeated and already-present ids are skipped. Returns the
    /// updated list with its companies and how many were added.
    public func addCompanies(
        to id: UUID, by identity: Identity, dryRun: Bool = false, ids read: () throws -> [UUID]
    ) async throws -> (list: LeadList, companies: [Company], added: Int, notFoundIDs: [UUID]) {
        let list = try await lists.list(id, for: identity, includingMembers: false)
        guard list.type == .company else {
            throw LeadbaseError.invalid(
                message: "Invalid request",
                issues: [
                    ValidationIssue(
                        path: [], message: "add-companies works on company lists only; use add-prospects for person lists")
                ])
        }
        var seen = Set<UUID>()
        let ids = try read().filter { seen.insert($0).inserted }
        let (added, found, companies) = try await store.syncAndLink(
            companies: ids, toList: id, in: identity.organizationID, dryRun: dryRun)
        var updated = list
        updated.companyIDs = companies.map(\.id)
        return (updated, companies, added.count, ids.filter { !found.contains($0) })
    }

    /// Removes members by id; ids that are not members are counted, not refused.
    public func removeMembers(
        from id: UUID, by identity: Identity, ids read: () throws -> [UUID]
    ) async throws -> (removed: Int, notInList: Int) {
        let list = try await lists.list(id, for: identity, includingMembers: false)
        var seen = Set<UUID>()
        let ids = try read().filter { seen.insert($0).inserted }
        let removed = try await store.remove(ids, fromList: id, of: list.type, in: identity.organizationID)
        return (removed, ids.count - removed)
    }

    /// Adds the selected people to a person list. `selection` reads the request body; it runs
    /// after the access check (404/403) and the list-type check (400). With `dryRun`, answers
    /// exactly what the add would do now, and writes nothing.
    public func addProspects(
        to id: UUID, by identity: Identity, dryRun: Bool = false, selection read: () throws -> ProspectSelection
    ) async throws -> AddProspectsResult {
        let list = try await lists.list(id, for: identity, includingMembers: false)
        guard list.type == .person else {
            throw LeadbaseError.invalid(
                message: "Invalid request",
                issues: [
                    ValidationIssue(
                        path: [], message: "add-prospects works on person lists only; use add-companies for company lists")
                ])
        }
        let selection = try read()
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
