import Foundation

/// The rules of ICPs: the access rule of lists (another organization's ICP does not exist for the
/// caller, 404; one of the organization that the caller is not on is 403; admins may use all),
/// the creator always on its access list, and lists kept (unlinked) when their ICP goes.
public struct ICPService: Sendable {
    let store: any ICPStore
    let now: @Sendable () -> Date

    public init(store: any ICPStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// The ICPs the caller may use: every ICP of the organization for an admin; newest first.
    public func icps(for identity: Identity) async throws -> [ICP] {
        try await store.icps(in: identity.organizationID, usableBy: identity.isAdmin ? nil : identity.userID)
    }

    public func create(_ draft: ICPDraft, by identity: Identity) async throws -> ICP {
        let timestamp = now()
        let icp = ICP(
            id: UUID(), organizationID: identity.organizationID, name: draft.name, description: draft.description,
            leadProviderCriteria: draft.leadProviderCriteria, customFilterCriteria: draft.customFilterCriteria,
            crmFilters: draft.crmFilters, createdBy: identity.userID, userIDs: draft.userIDs, leadsPerList: draft.leadsPerList,
            activeUntil: draft.activeUntil, createdAt: timestamp, updatedAt: timestamp)
        try await store.insert(icp)
        return icp
    }

    /// The ICP, if it exists in the caller's organization (404) and the caller may use it (403).
    public func icp(_ id: UUID, for identity: Identity) async throws -> ICP {
        guard let icp = try await store.icp(id, in: identity.organizationID) else { throw LeadbaseError.icpNotFound(id) }
        guard icp.isUsable(by: identity) else { throw LeadbaseError.noICPAccess }
        return icp
    }

    /// Applies a PATCH to `icp`, which the caller got from `icp(_:for:)` (access-checked).
    public func update(_ icp: ICP, with changes: ICPChanges) async throws -> ICP {
        var icp = icp
        if let name = changes.name { icp.name = name }
        if let description = changes.description { icp.description = description }
        if let criteria = changes.leadProviderCriteria { icp.leadProviderCriteria = criteria }
        if let criteria = changes.customFilterCriteria { icp.customFilterCriteria = criteria }
        if let filters = changes.crmFilters { icp.crmFilters = filters }
        if let userIDs = changes.userIDs { icp.userIDs = AccessList.normalized(userIDs, creator: icp.createdBy) }
        if let leadsPerList = changes.leadsPerList { icp.leadsPerList = leadsPerList }
        if let activeUntil = changes.activeUntil { icp.activeUntil = activeUntil }
        icp.updatedAt = max(now(), icp.updatedAt)
        guard try await store.update(icp) else { throw LeadbaseError.icpNotFound(icp.id) }
        return icp
    }

    /// Deletes the ICP; the lists made from it stay, with `icpId` null.
    public func delete(_ id: UUID, by identity: Identity) async throws {
        _ = try await icp(id, for: identity)
        guard try await store.delete(id, in: identity.organizationID) else { throw LeadbaseError.icpNotFound(id) }
    }
}
