import Foundation

/// Whether a list holds people or companies; fixed when the list is created.
public enum LeadListType: String, Sendable, Codable, CaseIterable {
    case person
    case company
}

/// A lead list of one organization, with its access list and members.
public struct LeadList: Sendable, Hashable, AccessListed {
    public let id: UUID
    public let organizationID: OrganizationID
    public var name: String
    public let type: LeadListType
    public var icpID: UUID?
    public var startDate: Date?
    public var endDate: Date?
    /// The user who created the list; always kept in `userIDs`.
    public let createdBy: UserID
    /// Who may use the list (admins of the organization may too). Sorted, without repeats.
    public var userIDs: [UserID]
    /// The members, in the order they were added (empty for a list read without its members).
    public var personIDs: [UUID]
    public var companyIDs: [UUID]
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, organizationID: OrganizationID, name: String, type: LeadListType, icpID: UUID?,
        startDate: Date?, endDate: Date?, createdBy: UserID, userIDs: [UserID],
        personIDs: [UUID] = [], companyIDs: [UUID] = [], createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.type = type
        self.icpID = icpID
        self.startDate = startDate
        self.endDate = endDate
        self.createdBy = createdBy
        self.userIDs = AccessList.normalized(userIDs, creator: createdBy)
        self.personIDs = personIDs
        self.companyIDs = companyIDs
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The campaign window's rule: it may be open on either side, but must not end before it starts.
    public static func dateOrderIssue(start: Date?, end: Date?) -> ValidationIssue? {
        guard let start, let end, end < start else { return nil }
        return ValidationIssue(path: ["endDate"], message: "Must not be before startDate")
    }

    /// The members of the list's kind.
    public var memberIDs: [UUID] {
        get { type == .person ? personIDs : companyIDs }
        set {
            var seen = Set<UUID>()
            let distinct = newValue.filter { seen.insert($0).inserted }
            if type == .person { personIDs = distinct } else { companyIDs = distinct }
        }
    }
}

/// A validated request to create a list.
public struct LeadListDraft: Sendable, Hashable {
    public var name: String
    public var type: LeadListType
    public var icpID: UUID?
    public var startDate: Date?
    public var endDate: Date?
    public var userIDs: [UserID]
    /// Initial members, of the list's kind, synced like an add.
    public var memberIDs: [UUID]

    public init(
        name: String, type: LeadListType = .person, icpID: UUID? = nil,
        startDate: Date? = nil, endDate: Date? = nil, userIDs: [UserID] = [], memberIDs: [UUID] = []
    ) {
        self.name = name
        self.type = type
        self.icpID = icpID
        self.startDate = startDate
        self.endDate = endDate
        self.userIDs = userIDs
        self.memberIDs = memberIDs
    }
}

/// A validated PATCH: nil leaves a field unchanged; `.some(nil)` clears an optional one.
public struct LeadListChanges: Sendable, Hashable {
    public var name: String?
    public var icpID: UUID??
    public var startDate: Date??
    public var endDate: Date??
    public var userIDs: [UserID]?
    /// Replaces the members (of the list's kind) when given.
    public var memberIDs: [UUID]?

    public init(
        name: String? = nil, icpID: UUID?? = nil, startDate: Date?? = nil,
        endDate: Date?? = nil, userIDs: [UserID]? = nil, memberIDs: [UUID]? = nil
    ) {
        self.name = name
        self.icpID = icpID
        self.startDate = startDate
        self.endDate = endDate
        self.userIDs = userIDs
        self.memberIDs = memberIDs
    }
}
