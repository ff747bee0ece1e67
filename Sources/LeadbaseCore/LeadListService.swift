import Foundation

/// The rules of lead lists: who may see and change which list, and what a valid list is.
/// Controllers call one method per request; storage is reached only through `LeadListStore`.
public struct LeadListService: Sendable {
    let store: any LeadListStore
    let now: @Sendable () -> Date

    public init(store: any LeadListStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// The lists the caller may use: every list of the organization for an admin. Without
    /// `includingMembers`, their member ids are left empty (see `memberCounts`).
    public func lists(for identity: Identity, includingMembers: Bool = true) async throws -> [LeadList] {
        try await store.leadLists(
            in: identity.organizationID, usableBy: identity.isAdmin ? nil : identity.userID, includingMembers: includingMembers)
    }

    /// How many members each of `lists` (already access-checked) has.
    public func memberCounts(of lists: [LeadList]) async throws -> [UUID: Int] {
        guard let organization = lists.first?.organizationID else { return [:] }
        return try await store.memberCounts(of: lists.map(\.id), in: organization)
    }

    /// Creates a list; the creator is always in its access list.
    public func create(_ draft: LeadListDraft, by identity: Identity) async throws -> LeadList {
        try Self.checkDateOrder(start: draft.startDate, end: draft.endDate)
        let timestamp = now()
        var list = LeadList(
            id: UUID(), organizationID: identity.organizationID, name: draft.name, type: draft.type,
            icpID: draft.icpID, startDate: draft.startDate, endDate: draft.endDate,
            createdBy: identity.userID, userIDs: draft.userIDs, createdAt: timestamp, updatedAt: timestamp
        )
        list.memberIDs = draft.memberIDs
        try await store.insert(list, by: identity)
        return list
    }

    /// The list, if it exists in the caller's organization (404) and the caller may use it (403).
    /// Without `includingMembers`, its member ids are left empty: enough for access and type checks.
    public func usableList(_ id: UUID, for identity: Identity, includingMembers: Bool = true) async throws -> UsableList {
        guard let list = try await store.leadList(id, in: identity.organizationID, includingMembers: includingMembers) else {
            throw LeadbaseError.leadListNotFound(id)
        }
        guard list.isUsable(by: identity) else { throw LeadbaseError.noLeadListAccess }
        return UsableList(list, checkedFor: identity)
    }

    /// The list itself, access-checked as `usableList` does, for reading.
    public func list(_ id: UUID, for identity: Identity, includingMembers: Bool = true) async throws -> LeadList {
        try await usableList(id, for: identity, includingMembers: includingMembers).list
    }

    /// Applies a PATCH, read for the list's type. `usable` must hold its members (`usableList`
    /// with `includingMembers`), which the answer carries. The creator stays in the access list
    /// whatever `userIDs` says.
    public func update(_ usable: UsableList, with changes: LeadListChanges) async throws -> LeadList {
        var list = usable.list
        if let name = changes.name { list.name = name }
        if let icpID = changes.icpID { list.icpID = icpID }
        if let startDate = changes.startDate { list.startDate = startDate }
        if let endDate = changes.endDate { list.endDate = endDate }
        if let userIDs = changes.userIDs { list.userIDs = AccessList.normalized(userIDs, creator: list.createdBy) }
        if let members = changes.memberIDs { list.memberIDs = members }
        try Self.checkDateOrder(start: list.startDate, end: list.endDate)
        list.updatedAt = max(now(), list.updatedAt)
        try await store.update(list, replacingMembers: changes.memberIDs != nil, by: usable.identity)
        return list
    }

    /// Deletes a list; its members' records stay.
    public func delete(_ id: UUID, by identity: Identity) async throws {
        _ = try await list(id, for: identity, includingMembers: false)
        guard try await store.delete(id, in: identity.organizationID) else {
            throw LeadbaseError.leadListNotFound(id)
        }
    }

    static func checkDateOrder(start: Date?, end: Date?) throws(LeadbaseError) {
        if let issue = LeadList.dateOrderIssue(start: start, end: end) { throw LeadbaseError.invalidBody([issue]) }
    }
}
