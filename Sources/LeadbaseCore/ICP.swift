import Foundation

/// An ideal customer profile of one organization: what lists made from it look for. Its
/// criteria are kept as the client sent them, once validated (`ICPRequests`): Leadbase stores
/// and returns them, and a list names the ICP it was made from (`LeadList.icpID`).
public struct ICP: Sendable, Hashable, AccessListed {
    public let id: UUID
    public let organizationID: OrganizationID
    public var name: String
    public var description: String?
    /// `[{provider, type, filters}]`, the "baseProvider" dialect of filters.
    public var leadProviderCriteria: JSONValue
    /// `[{type, value}]`: `maxPeoplePerCompany`, `minDaysUntilReuse`.
    public var customFilterCriteria: JSONValue
    /// `{provider, textSearch, query, filters}` or null.
    public var crmFilters: JSONValue
    /// The user who created the ICP; always kept in `userIDs`.
    public let createdBy: UserID
    /// Who may use the ICP (admins of the organization may too). Sorted, without repeats.
    public var userIDs: [UserID]
    public var leadsPerList: Int
    public var activeUntil: Date?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, organizationID: OrganizationID, name: String, description: String?, leadProviderCriteria: JSONValue,
        customFilterCriteria: JSONValue, crmFilters: JSONValue, createdBy: UserID, userIDs: [UserID], leadsPerList: Int,
        activeUntil: Date?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.description = description
        self.leadProviderCriteria = leadProviderCriteria
        self.customFilterCriteria = customFilterCriteria
        self.crmFilters = crmFilters
        self.createdBy = createdBy
        self.userIDs = AccessList.normalized(userIDs, creator: createdBy)
        self.leadsPerList = leadsPerList
        self.activeUntil = activeUntil
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// How many leads a list made from an ICP gets when the ICP does not say.
    public static let defaultLeadsPerList = 10
}

/// A validated request to create an ICP.
public struct ICPDraft: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var leadProviderCriteria: JSONValue
    public var customFilterCriteria: JSONValue
    public var crmFilters: JSONValue
    public var userIDs: [UserID]
    public var leadsPerList: Int
    public var activeUntil: Date?

    public init(
        name: String, description: String? = nil, leadProviderCriteria: JSONValue = .array([]),
        customFilterCriteria: JSONValue = .array([]), crmFilters: JSONValue = .null, userIDs: [UserID] = [],
        leadsPerList: Int = ICP.defaultLeadsPerList, activeUntil: Date? = nil
    ) {
        self.name = name
        self.description = description
        self.leadProviderCriteria = leadProviderCriteria
        self.customFilterCriteria = customFilterCriteria
        self.crmFilters = crmFilters
        self.userIDs = userIDs
        self.leadsPerList = leadsPerList
        self.activeUntil = activeUntil
    }
}

/// A validated PATCH of an ICP: nil leaves a field unchanged; `.some(nil)` clears an optional one.
public struct ICPChanges: Sendable, Hashable {
    public var name: String?
    public var description: String??
    public var leadProviderCriteria: JSONValue?
    public var customFilterCriteria: JSONValue?
    public var crmFilters: JSONValue?
    public var userIDs: [UserID]?
    public var leadsPerList: Int?
    public var activeUntil: Date??

    public init(
        name: String? = nil, description: String?? = nil, leadProviderCriteria: JSONValue? = nil,
        customFilterCriteria: JSONValue? = nil, crmFilters: JSONValue? = nil, userIDs: [UserID]? = nil, leadsPerList: Int? = nil,
        activeUntil: Date?? = nil
    ) {
        self.name = name
        self.description = description
        self.leadProviderCriteria = leadProviderCriteria
        self.customFilterCriteria = customFilterCriteria
        self.crmFilters = crmFilters
        self.userIDs = userIDs
        self.leadsPerList = leadsPerList
        self.activeUntil = activeUntil
    }
}
