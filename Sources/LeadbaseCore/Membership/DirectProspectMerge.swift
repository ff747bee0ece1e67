import Foundation

/// One of the organization's person records that direct prospect data may match, as storage
/// read it: its stored fields, its lead attributes, and the keys matching compares.
public struct MatchCandidate: Sendable, Hashable {
    public let id: UUID
    public let fields: [String: JSONValue]
    public let attributes: LeadAttributes
    /// The normalized LinkedIn URL (`ProfileURL.normalize`).
    public let linkedinKey: String?
    /// The e-mail keys (`EmailAddress.keys`).
    public let emails: [String]

    /// A stored record; its keys are made from `person` as matching makes a prospect's.
    public init(id: UUID, fields: [String: JSONValue], person: Person, attributes: LeadAttributes = LeadAttributes(ownerID: nil)) {
        self.id = id
        self.fields = fields
        self.attributes = attributes
        self.linkedinKey = person.linkedinUrl.flatMap(ProfileURL.normalize)
        self.emails = EmailAddress.keys(person.emails ?? [])
    }
}

/// The direct-data rule of add-prospects. Each prospect is matched, in request order, to one
/// record: the one with its id when the client gave the id, else the one with its normalized
/// LinkedIn URL, else the one with the first (in key order) of its lower-cased e-mails that a
/// record has. Records are the stored candidates (of several sharing a key, the last given) and
/// those the request made or matched before it (which then hold the key). The sent fields replace
/// the matched record's and fields not sent stay. A prospect matching nothing is a new record
/// under its own id. Lead attributes (owner, consent) sent by prospects that are one record
/// apply in request order, the same way.
///
/// A sent id that names a record the caller may not see (`hidden`) names nobody they know of:
/// such a prospect is matched as one without id, and made under a new id if it matches nothing.
public struct DirectProspectMerge: Sendable {
    /// A record to write: the person as sent (sent once, matching nothing) or merged fields, which
    /// the writer reads into a `Person` (timestamps are the table's, and are left out).
    public enum Record: Sendable, Hashable {
        case asSent(Person)
        case merged([String: JSONValue])
    }

    /// The records to write, in the order first seen.
    public let records: [(id: UUID, record: Record)]
    /// Each prospect's record id, in request order (repeated when prospects merged).
    public let ids: [UUID]
    /// The lead attributes that the prospects of each record set, merged in request order.
    public let attributeChanges: [UUID: LeadAttributeChanges]

    /// What storage reads to find the candidates of `people`: records with one of these ids,
    /// LinkedIn keys or e-mail keys.
    public static func keys(of people: [DirectProspect]) -> (ids: [UUID], linkedinKeys: [String], emails: [String]) {
        (
            people.filter(\.hasID).map(\.person.id),
            people.compactMap { $0.person.linkedinUrl.flatMap(ProfileURL.normalize) },
            EmailAddress.keys(people.flatMap { $0.person.emails ?? [] })
        )
    }

    public init(
        _ people: [DirectProspect], candidates: [MatchCandidate], hidden: Set<UUID> = [],
        newID: () -> UUID = { UUID() }
    ) {
        var byID = Dictionary(candidates.map { ($0.id, $0.fields) }, uniquingKeysWith: { first, _ in first })
        var byLinkedIn: [String: UUID] = [:]
        var byEmail: [String: UUID] = [:]
        for candidate in candidates {
            if let key = candidate.linkedinKey { byLinkedIn[key] = candidate.id }
            for email in candidate.emails { byEmail[email] = candidate.id }
        }
        var order: [UUID] = []
        var fields: [UUID: [String: JSONValue]] = [:]
        var asSent: [UUID: Person] = [:]
        var ids: [UUID] = []
        var attributeChanges: [UUID: LeadAttributeChanges] = [:]
        for prospect in people {
            let givenID = prospect.hasID && !hidden.contains(prospect.person.id) ? prospect.person.id : nil
            let key = prospect.person.linkedinUrl.flatMap(ProfileURL.normalize)
            let emails = EmailAddress.keys(prospect.person.emails ?? [])
            let match =
                givenID.flatMap { byID[$0] == nil ? nil : $0 }
                ?? key.flatMap { byLinkedIn[$0] }
                ?? emails.lazy.compactMap { byEmail[$0] }.first
            let id = match ?? givenID ?? (prospect.hasID ? newID() : prospect.person.id)
            var merged = byID[id] ?? [:]
            for (name, value) in prospect.fields { merged[name] = value }
            merged["id"] = .string(id.uuidString.lowercased())
            if fields[id] == nil {
                order.append(id)
                if match == nil {
                    var person = prospect.person
                    person.id = id
                    asSent[id] = person
                }
            } else {
                asSent[id] = nil
            }
            fields[id] = merged
            byID[id] = merged
            attributeChanges[id] = (attributeChanges[id] ?? LeadAttributeChanges()).followed(by: prospect.attributeChanges)
            if let key { byLinkedIn[key] = id }
            for email in emails { byEmail[email] = id }
            ids.append(id)
        }
        self.records = order.map { id in
            var record = fields[id] ?? [:]
            record["createdAt"] = nil
            record["updatedAt"] = nil
            return (id, asSent[id].map(Record.asSent) ?? .merged(record))
        }
        self.ids = ids
        self.attributeChanges = attributeChanges
    }
}
