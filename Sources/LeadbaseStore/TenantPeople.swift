import Foundation
import LeadbaseCore
import SQLKit

/// Direct prospect data against the organization's records: matching and merging.
extension SQLMembershipStore {
    public func upsertAndLink(
        people: [DirectProspect], toList list: UUID, in organization: OrganizationID
    ) async throws -> (added: Set<UUID>, ids: [UUID]) {
        let database = database
        return try await database.transaction { sql in
            try await Self.lockList(list, in: organization, database.dialect, sql)
            let stored = try await Self.candidates(for: people, in: organization, database, sql)
            var byID = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var byLinkedIn: [String: UUID] = [:]
            var byEmail: [String: UUID] = [:]
            for record in stored {
                if let key = record.linkedinKey { byLinkedIn[key] = record.id }
                for email in record.emails { byEmail[email] = record.id }
            }
            var order: [UUID] = []
            var fields: [UUID: [String: JSONValue]] = [:]
            var ids: [UUID] = []
            for prospect in people {
                let key = prospect.person.linkedinUrl.flatMap(ProfileURL.normalize)
                let emails = Self.emailKeys(prospect.person)
                let match = (prospect.hasID ? byID[prospect.person.id]?.id : nil)
                    ?? key.flatMap { byLinkedIn[$0] }
                    ?? emails.lazy.compactMap { byEmail[$0] }.first
                let id = match ?? prospect.person.id
                // Sent fields replace the stored ones; fields not sent stay.
                var merged = fields[id] ?? byID[id]?.fields ?? [:]
                for (name, value) in prospect.fields { merged[name] = value }
                merged["id"] = .string(id.uuidString.lowercased())
                if fields[id] == nil { order.append(id) }
                fields[id] = merged
                byID[id] = byID[id] ?? StoredLead(id: id, fields: merged, linkedinKey: key, emails: emails)
                if let key { byLinkedIn[key] = id }
                for email in emails { byEmail[email] = id }
                ids.append(id)
            }
            let now = Date()
            var rows: [any SQLExpression] = []
            for id in order {
                var object = fields[id] ?? [:]
                object["createdAt"] = nil
                object["updatedAt"] = nil
                let person = try JSONDecoder().decode(Person.self, from: try JSONEncoder().encode(JSONValue.object(object)))
                let values: [any Encodable & Sendable] = [
                    organization, id, try DirectoryDocuments.encode(person), person.companyId,
                    person.linkedinUrl.flatMap(ProfileURL.normalize), database.listBind(Self.emailKeys(person)), now, now,
                ]
                rows.append(SQLGroupExpression(values.map { SQLBind($0) }))
            }
            try await sql.raw("""
                INSERT INTO tenant_people (organization_id, id, doc, company_id, linkedin_key, email_keys, created_at, updated_at)
                VALUES \(SQLList(rows))
                ON CONFLICT (organization_id, id) DO UPDATE SET doc = excluded.doc, company_id = excluded.company_id,
                    linkedin_key = excluded.linkedin_key, email_keys = excluded.email_keys, updated_at = excluded.updated_at
                """).run()
            let added = try await Self.link(Set(order), table: "lead_list_persons", column: "person_id", list: list, organization, now, sql)
            return (added, ids)
        }
    }

    struct StoredLead {
        let id: UUID
        let fields: [String: JSONValue]
        let linkedinKey: String?
        let emails: [String]
    }

    static func emailKeys(_ person: Person) -> [String] {
        Array(Set((person.emails ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })).sorted()
    }

    /// The organization's records that any of `people` could match, in one query.
    static func candidates(
        for people: [DirectProspect], in organization: OrganizationID, _ database: Database, _ sql: any SQLDatabase
    ) async throws -> [StoredLead] {
        let ids = people.filter(\.hasID).map(\.person.id)
        let keys = people.compactMap { $0.person.linkedinUrl.flatMap(ProfileURL.normalize) }
        let emails = Array(Set(people.flatMap { emailKeys($0.person) }))
        var conditions: [SQLQueryString] = []
        if !ids.isEmpty { conditions.append("id IN (\(binds: ids))") }
        if !keys.isEmpty { conditions.append("linkedin_key IN (\(binds: keys))") }
        if !emails.isEmpty {
            conditions.append(database.dialect == .postgres
                ? "email_keys && \(bind: emails)"
                : "EXISTS (SELECT 1 FROM json_each(email_keys) WHERE value IN (\(binds: emails)))")
        }
        guard !conditions.isEmpty else { return [] }
        let rows = try await sql.raw("""
            SELECT id, doc FROM tenant_people
            WHERE organization_id = \(bind: organization) AND (\(SQLList(conditions, separator: SQLRaw(" OR "))))
            ORDER BY id
            """).all()
        return try rows.map { row in
            let doc = try row.decode(column: "doc", as: String.self)
            let fields = try JSONDecoder().decode([String: JSONValue].self, from: Data(doc.utf8))
            let person = try DirectoryDocuments.decode(Person.self, from: doc)
            return StoredLead(id: try row.decode(column: "id"), fields: fields,
                              linkedinKey: person.linkedinUrl.flatMap(ProfileURL.normalize), emails: emailKeys(person))
        }
    }
}
