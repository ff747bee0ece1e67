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
/// those), the person they decode to, whether the client gave the id, and the lead attributes
/// (owner, consent) it sets.
public struct DirectProspect: Sendable, Hashable {
    public let fields: [String: JSONValue]
    public let person: Person
    public let hasID: Bool
    public let attributeChanges: LeadAttributeChanges

    public init(fields: [String: JSONValue], person: Person, hasID: Bool, attributeChanges: LeadAttributeChanges = LeadAttributeChanges()) {
        self.fields = fields
        self.person = person
        self.hasID = hasID
        self.attributeChanges = attributeChanges
    }
}
