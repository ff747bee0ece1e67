import Foundation

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
