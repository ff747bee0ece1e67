import Foundation

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
