import Foundation

/// A list member: the organization's copy of a person, with its company, what the organization
/// records about the lead itself (`LeadAttributes`), and when the copy was made, last changed,
/// synced from the directory, and added to the list.
public struct Lead: Sendable, Hashable {
    /// The person, without its stored timestamps (`createdAt` and `updatedAt` are the copy's).
    public let person: Person
    /// The company's stored document (complete, as every stored company is), which answers embed
    /// as it is; `company` decodes it.
    public let companyDocument: String?
    public let attributes: LeadAttributes
    public let createdAt: Date
    public let updatedAt: Date
    public let syncedAt: Date?
    public let addedAt: Date

    public init(
        person: Person, companyDocument: String?, attributes: LeadAttributes, createdAt: Date, updatedAt: Date, syncedAt: Date?,
        addedAt: Date
    ) {
        self.person = person
        self.companyDocument = companyDocument
        self.attributes = attributes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.syncedAt = syncedAt
        self.addedAt = addedAt
    }
}

extension Lead {
    /// The company, decoded from its document; nil without one (or for a document that is not a
    /// company, which no writer stores).
    public var company: Company? {
        companyDocument.flatMap { try? JSONDecoder().decode(Company.self, from: Data($0.utf8)) }
    }
}

/// What the organization records about a lead beyond the person's data: who owns it, and its
/// consent to be contacted.
public struct LeadAttributes: Sendable, Hashable {
    /// The user the lead is assigned to: on a new record the user whose request made it, unless
    /// direct data names another (or `null`, unassigned).
    public var ownerID: UserID?
    public var consentStatus: ConsentStatus
    /// Where the consent status comes from (a form, a call, an import): free text.
    public var consentSource: String?
    public var consentUpdatedAt: Date?

    public init(ownerID: UserID?, consentStatus: ConsentStatus = .unknown, consentSource: String? = nil, consentUpdatedAt: Date? = nil) {
        self.ownerID = ownerID
        self.consentStatus = consentStatus
        self.consentSource = consentSource
        self.consentUpdatedAt = consentUpdatedAt
    }
}

/// A lead's consent to be contacted. `unknown` until someone records otherwise.
public enum ConsentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case unknown = "UNKNOWN"
    case granted = "GRANTED"
    case denied = "DENIED"
    case withdrawn = "WITHDRAWN"
}

/// The lead attributes that one direct-data prospect sets: nil for a field it did not send,
/// `.some(nil)` for one it sent as `null`.
public struct LeadAttributeChanges: Sendable, Hashable {
    public var ownerID: UserID??
    public var consentStatus: ConsentStatus?
    public var consentSource: String??
    public var consentUpdatedAt: Date??

    public init(ownerID: UserID?? = nil, consentStatus: ConsentStatus? = nil, consentSource: String?? = nil, consentUpdatedAt: Date?? = nil)
    {
        self.ownerID = ownerID
        self.consentStatus = consentStatus
        self.consentSource = consentSource
        self.consentUpdatedAt = consentUpdatedAt
    }

    /// These changes, then `later`'s over them (two prospects of one request that are one record).
    public func followed(by later: LeadAttributeChanges) -> LeadAttributeChanges {
        LeadAttributeChanges(
            ownerID: later.ownerID ?? ownerID, consentStatus: later.consentStatus ?? consentStatus,
            consentSource: later.consentSource ?? consentSource, consentUpdatedAt: later.consentUpdatedAt ?? consentUpdatedAt)
    }

    /// `current` with these changes. A consent status or source that changes without a
    /// `consentUpdatedAt` sent beside it is dated `now`.
    public func applied(to current: LeadAttributes, now: Date) -> LeadAttributes {
        var next = current
        if let ownerID { next.ownerID = ownerID }
        if let consentStatus { next.consentStatus = consentStatus }
        if let consentSource { next.consentSource = consentSource }
        if let consentUpdatedAt {
            next.consentUpdatedAt = consentUpdatedAt
        } else if next.consentStatus != current.consentStatus || next.consentSource != current.consentSource {
            next.consentUpdatedAt = now
        }
        return next
    }
}

/// A list's members, of the list's kind.
public enum ListMembers: Sendable {
    case people([Lead])
    case companies([Company])

    public var count: Int {
        switch self {
        case .people(let leads): leads.count
        case .companies(let companies): companies.count
        }
    }

    /// The last member's id: where a keyset read goes on from.
    public var lastID: UUID? {
        switch self {
        case .people(let leads): leads.last?.person.id
        case .companies(let companies): companies.last?.id
        }
    }
}
