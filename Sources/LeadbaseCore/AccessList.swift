/// The access rule that lead lists and ICPs share: a record of one organization is used by the
/// users on its access list (the creator always among them) and by the organization's admins.
public protocol AccessListed {
    var organizationID: OrganizationID { get }
    var createdBy: UserID { get }
    /// Sorted, without repeats, the creator among them (`AccessList.normalized`).
    var userIDs: [UserID] { get }
}

extension AccessListed {
    /// Whether `identity` may use the record: someone on its access list, or an admin, of its
    /// organization.
    public func isUsable(by identity: Identity) -> Bool {
        identity.organizationID == organizationID && (identity.isAdmin || userIDs.contains(identity.userID))
    }
}

enum AccessList {
    /// `ids` plus the creator, sorted and without repeats.
    static func normalized(_ ids: [UserID], creator: UserID) -> [UserID] {
        Array(Set(ids + [creator])).sorted()
    }
}
