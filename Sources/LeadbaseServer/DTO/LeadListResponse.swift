import Foundation
import Hummingbird
import LeadbaseCore
import LeadbaseJSON

/// A lead list on the wire: camelCase, dates as ISO-8601 strings, absent values as explicit `null`,
/// and `memberCount`.
struct LeadListResponse: ResponseEncodable {
    let list: LeadList
    /// Filled in by the single-list routes: `persons` for a person list, `companies` for a company list.
    var members: ListMembers? = nil
    /// Set by add-companies: how many companies it added, and the ids it did not find.
    var added: (count: Int, notFoundIDs: [UUID])? = nil
    /// Set for a read with `?members=false`: the list was read without its member ids, which are
    /// left out (`personIds`, `companyIds`), and has this many members.
    var summaryCount: Int? = nil

    /// The list without its member arrays (`?members=false`).
    static func summary(_ list: LeadList, memberCount: Int) -> LeadListResponse {
        LeadListResponse(list: list, summaryCount: memberCount)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, type, icpId, startDate, endDate, userIds, personIds, companyIds, memberCount, createdAt, updatedAt
        case persons, companies, addedCount, notFoundIds
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(list.id.uuidString.lowercased(), forKey: .id)
        try container.encode(list.name, forKey: .name)
        try container.encode(list.type.rawValue, forKey: .type)
        try container.encodeOrNull(list.icpID?.uuidString.lowercased(), forKey: .icpId)
        try container.encodeOrNull(list.startDate.map(ISO8601.format), forKey: .startDate)
        try container.encodeOrNull(list.endDate.map(ISO8601.format), forKey: .endDate)
        try container.encode(list.userIDs, forKey: .userIds)
        if let summaryCount {
            try container.encode(summaryCount, forKey: .memberCount)
        } else {
            try container.encode(list.personIDs.map { $0.uuidString.lowercased() }, forKey: .personIds)
            try container.encode(list.companyIDs.map { $0.uuidString.lowercased() }, forKey: .companyIds)
            try container.encode(list.personIDs.count + list.companyIDs.count, forKey: .memberCount)
        }
        try container.encode(ISO8601.format(list.createdAt), forKey: .createdAt)
        try container.encode(ISO8601.format(list.updatedAt), forKey: .updatedAt)
        switch members {
        case .people(let leads): try container.encode(leads.map(LeadResponse.init), forKey: .persons)
        case .companies(let companies): try container.encode(companies, forKey: .companies)
        case nil: break
        }
        if let added {
            try container.encode(added.count, forKey: .addedCount)
            try container.encode(added.notFoundIDs.map { $0.uuidString.lowercased() }, forKey: .notFoundIds)
        }
    }
}

/// A list member on the wire, in the Lance Lead shape: the organization's copy of the person
/// (every Person field; `createdAt` and `updatedAt` are the copy's), its `company`, and
/// `LeadAdditions`.
struct LeadResponse: ResponseEncodable {
    let lead: Lead

    init(_ lead: Lead) { self.lead = lead }

    enum CodingKeys: String, CodingKey { case company }

    func encode(to encoder: any Encoder) throws {
        var person = lead.person
        person.createdAt = ISO8601.format(lead.createdAt)
        person.updatedAt = ISO8601.format(lead.updatedAt)
        try person.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOrNull(lead.company, forKey: .company)
        try LeadAdditions(lead).encode(to: encoder)
    }

    /// The lead's JSON, written from the stored documents without `Codable` where it can: the
    /// person by its canonical writer, the company as stored. The same text (up to key order) as
    /// `encode(to:)`; leads by list answers with it, a thousand leads at a time.
    static func write(_ lead: Lead, into buffer: inout ByteBuffer) throws {
        let person =
            try lead.person.canonicalJSON
            ?? Array(Self.withoutTimestamps.encode(lead.person))  // a bullhornId: see `Person.canonicalJSON`
        buffer.writeString("{\"createdAt\":\"\(ISO8601.format(lead.createdAt))\",\"updatedAt\":\"\(ISO8601.format(lead.updatedAt))\",")
        buffer.writeBytes(person.dropFirst().dropLast())
        buffer.writeString(",\"company\":")
        buffer.writeString(lead.companyDocument ?? "null")
        buffer.writeString(",")
        buffer.writeBytes(try Self.withoutTimestamps.encode(LeadAdditions(lead)).dropFirst())
    }

    private static let withoutTimestamps: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[.withoutTimestamps] = true
        return encoder
    }()
}

/// What a lead adds to its person and company: the lead's owner and consent, `deletedAt` and
/// `clientContact` (always `null`: Leadbase deletes no lead softly and links no CRM), and when
/// the copy was synced from the directory and added to the list.
struct LeadAdditions: Encodable {
    let lead: Lead

    init(_ lead: Lead) { self.lead = lead }

    enum CodingKeys: String, CodingKey {
        case leadOwnerId, consentStatus, consentSource, consentUpdatedAt, deletedAt, clientContact, syncedAt, addedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let attributes = lead.attributes
        try container.encodeOrNull(attributes.ownerID, forKey: .leadOwnerId)
        try container.encode(attributes.consentStatus.rawValue, forKey: .consentStatus)
        try container.encodeOrNull(attributes.consentSource, forKey: .consentSource)
        try container.encodeOrNull(attributes.consentUpdatedAt.map(ISO8601.format), forKey: .consentUpdatedAt)
        try container.encodeNil(forKey: .deletedAt)
        try container.encodeNil(forKey: .clientContact)
        try container.encodeOrNull(lead.syncedAt.map(ISO8601.format), forKey: .syncedAt)
        try container.encode(ISO8601.format(lead.addedAt), forKey: .addedAt)
    }
}
