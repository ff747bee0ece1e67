import Foundation
import LeadbaseCore
import SQLKit

/// Direct prospect data against the organization's records: matching and merging.
extension SQLMembershipStore {
    public func upsertAndLink(
        people: [DirectProspect], toList list: UUID, in organization: OrganizationID
    ) async throws -> (added: Set<UUID>, ids: [UUID]) {
        // The hot path of direct adds: one read (the candidates), then one atomic write.
        try await database.readThenWrite { sql, write in
            let stored = try await Self.candidates(for: people, in: organization, sql)
            let merge = try Self.merge(people, into: stored)
            let now = Date()
            var rows: [any SQLExpression] = []
            var emails: [(id: UUID, keys: [String])] = []
            for (id, person) in merge.records {
                let values: [any Encodable & Sendable] = [
                    organization, id, try DirectoryDocuments.encode(person), person.companyId,
                    person.linkedinUrl.flatMap(ProfileURL.normalize), now, now,
                ]
                rows.append(SQLGroupExpression(values.map { SQLBind($0) }))
                emails.append((id, EmailAddress.keys(person.emails ?? [])))
            }
            // Written records that may have e-mails indexed already: stored ones, and ids the client
            // chose (a concurrent request may be creating the same).
            let mayBeIndexed = Set(stored.map(\.id) + people.filter(\.hasID).map(\.person.id))
            let written = merge.records.map(\.id)
            let statements: [SQLQueryString] = [
                """
                INSERT INTO tenant_people (organization_id, id, doc, company_id, linkedin_key, created_at, updated_at)
                VALUES \(SQLList(rows))
                ON CONFLICT (organization_id, id) DO UPDATE SET doc = excluded.doc, company_id = excluded.company_id,
                    linkedin_key = excluded.linkedin_key, updated_at = excluded.updated_at
                """,
            ] + TenantEmails.statements(emails, in: organization, replacing: written.filter(mayBeIndexed.contains)) + [
                Self.linkStatement(Set(written), table: "lead_list_persons", column: "person_id", list: list, organization, now),
            ]
            let added = try await Self.listMustExist(list) { try Self.linked(try await write(statements), "person_id") }
            return (added, merge.ids)
        }
    }

    /// Matches each prospect to a stored record (by id when the client gave it, else normalized
    /// LinkedIn URL, else e-mail) or to one sent earlier in the request, and merges: sent fields
    /// replace stored ones, fields not sent stay. Returns the records to write, in first-seen
    /// order, and every prospect's final id.
    static func merge(
        _ people: [DirectProspect], into stored: [StoredLead]
    ) throws -> (records: [(id: UUID, person: Person)], ids: [UUID]) {
        var byID = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var byLinkedIn: [String: UUID] = [:]
        var byEmail: [String: UUID] = [:]
        for record in stored {
            if let key = record.linkedinKey { byLinkedIn[key] = record.id }
            for email in record.emails { byEmail[email] = record.id }
        }
        var order: [UUID] = []
        var fields: [UUID: [String: JSONValue]] = [:]
        // A person sent once and matching no record is written as parsed; the others are merged.
        var asSent: [UUID: Person] = [:]
        var ids: [UUID] = []
        for prospect in people {
            let key = prospect.person.linkedinUrl.flatMap(ProfileURL.normalize)
            let emails = EmailAddress.keys(prospect.person.emails ?? [])
            let match = (prospect.hasID ? byID[prospect.person.id]?.id : nil)
                ?? key.flatMap { byLinkedIn[$0] }
                ?? emails.lazy.compactMap { byEmail[$0] }.first
            let id = match ?? prospect.person.id
            var merged = fields[id] ?? byID[id]?.fields ?? [:]
            for (name, value) in prospect.fields { merged[name] = value }
            merged["id"] = .string(id.uuidString.lowercased())
            if fields[id] == nil {
                order.append(id)
                if match == nil { asSent[id] = prospect.person }
            } else {
                asSent[id] = nil
            }
            fields[id] = merged
            byID[id] = byID[id] ?? StoredLead(id: id, fields: merged, linkedinKey: key, emails: emails)
            if let key { byLinkedIn[key] = id }
            for email in emails { byEmail[email] = id }
            ids.append(id)
        }
        return (try order.map { id in (id, try asSent[id] ?? person(from: fields[id] ?? [:])) }, ids)
    }

    /// A merged record: the stored fields with the sent ones over them; timestamps are the table's.
    static func person(from fields: [String: JSONValue]) throws -> Person {
        var object = fields
        object["createdAt"] = nil
        object["updatedAt"] = nil
        return try JSONValue.object(object).decode(Person.self)
    }

    struct StoredLead {
        let id: UUID
        let fields: [String: JSONValue]
        let linkedinKey: String?
        let emails: [String]
    }

    /// The organization's records that any of `people` could match, in one query.
    static func candidates(
        for people: [DirectProspect], in organization: OrganizationID, _ sql: any SQLDatabase
    ) async throws -> [StoredLead] {
        let ids = people.filter(\.hasID).map(\.person.id)
        let keys = people.compactMap { $0.person.linkedinUrl.flatMap(ProfileURL.normalize) }
        let emails = EmailAddress.keys(people.flatMap { $0.person.emails ?? [] })
        var conditions: [SQLQueryString] = []
        if !ids.isEmpty { conditions.append("id IN (\(binds: ids))") }
        if !keys.isEmpty { conditions.append("linkedin_key IN (\(binds: keys))") }
        if !emails.isEmpty { conditions.append(TenantEmails.hasAny(of: emails, in: organization)) }
        guard !conditions.isEmpty else { return [] }
        let rows = try await sql.raw("""
            SELECT id, doc FROM tenant_people
            WHERE organization_id = \(bind: organization) AND (\(SQLList(conditions, separator: SQLRaw(" OR "))))
            ORDER BY id
            """).all()
        return try rows.map { row in
            let doc = try row.decode(column: "doc", as: String.self)
            let document = try JSONValue.parse(doc.utf8)
            let person = try document.decode(Person.self)
            return StoredLead(id: try row.decode(column: "id"), fields: try document.decode([String: JSONValue].self),
                              linkedinKey: person.linkedinUrl.flatMap(ProfileURL.normalize), emails: EmailAddress.keys(person.emails ?? []))
        }
    }
}
