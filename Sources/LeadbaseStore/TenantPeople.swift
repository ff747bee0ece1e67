import Foundation
import LeadbaseCore
import SQLKit

/// Direct prospect data against the organization's records: matching and merging.
extension SQLMembershipStore {
    public func upsertAndLink(
        people: [DirectProspect], toList list: UUID, for identity: Identity, dryRun: Bool
    ) async throws -> (added: Set<UUID>, ids: [UUID]) {
        let dialect = database.dialect
        let organization = identity.organizationID
        return try await database.transaction(rollingBack: dryRun) { sql in
            let candidates = try await Self.candidates(for: people, visibleTo: identity, dialect, sql)
            // A sent id that is a record the caller may not see names nobody they know of: such
            // a prospect is matched like one without id, and created under a new id if need be.
            let people = people.map { prospect in
                guard prospect.hasID, candidates.hidden.contains(prospect.person.id) else { return prospect }
                var person = prospect.person
                person.id = UUID()
                return DirectProspect(fields: prospect.fields, person: person, hasID: false)
            }
            let merge = try Self.merge(people, into: candidates.visible)
            let stored = Set(candidates.visible.map(\.id))
            let records = merge.records.sorted { $0.id.uuidString < $1.id.uuidString }
            let now = Date()
            let rows = try records.map { id, person -> any SQLExpression in
                let values: [any Encodable & Sendable] = [
                    organization, id, try DirectoryDocuments.encode(person), person.companyId,
                    person.linkedinUrl.flatMap(ProfileURL.normalize), now, now,
                ]
                return SQLGroupExpression(values.map { SQLBind($0) })
            }
            // Records read now are updated; the others must be new. One that another request
            // created meanwhile is left alone (the update's WHERE refuses it), and the whole
            // transaction is planned again from a new read.
            let updatable: SQLQueryString = stored.isEmpty ? "FALSE" : "tenant_people.id IN (\(binds: Array(stored)))"
            let written = try await sql.raw(
                """
                INSERT INTO tenant_people (organization_id, id, doc, company_id, linkedin_key, created_at, updated_at)
                VALUES \(SQLList(rows))
                ON CONFLICT (organization_id, id) DO UPDATE SET doc = excluded.doc, company_id = excluded.company_id,
                    linkedin_key = excluded.linkedin_key, updated_at = excluded.updated_at
                WHERE \(updatable)
                RETURNING id
                """
            ).all()
            guard written.count == records.count else { throw ConcurrentChange() }
            try await TenantEmails.write(
                records.map { ($0.id, EmailAddress.keys($0.person.emails ?? [])) },
                replacing: records.map(\.id).filter(stored.contains), in: organization, dialect, sql)
            let added = try await Self.link(
                Set(records.map(\.id)), table: "lead_list_persons", column: "person_id", list: list, organization, now, sql)
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
            let match =
                (prospect.hasID ? byID[prospect.person.id]?.id : nil)
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

    /// The organization's records that any of `people` could match, in one query: those the
    /// caller may see (`RecordVisibility`), and the ids of the others.
    static func candidates(
        for people: [DirectProspect], visibleTo identity: Identity, _ dialect: SQLDialectKind, _ sql: any SQLDatabase
    ) async throws -> (visible: [StoredLead], hidden: Set<UUID>) {
        let organization = identity.organizationID
        let ids = people.filter(\.hasID).map(\.person.id)
        let keys = people.compactMap { $0.person.linkedinUrl.flatMap(ProfileURL.normalize) }
        let emails = EmailAddress.keys(people.flatMap { $0.person.emails ?? [] })
        var conditions: [SQLQueryString] = []
        if !ids.isEmpty { conditions.append(dialect.isAny("id", of: ids)) }
        if !keys.isEmpty { conditions.append(dialect.isAnyText("linkedin_key", of: keys)) }
        if !emails.isEmpty { conditions.append(TenantEmails.hasAny(of: emails, in: organization, dialect)) }
        guard !conditions.isEmpty else { return ([], []) }
        let rows = try await sql.raw(
            """
            SELECT tp.id, tp.doc, \(RecordVisibility.condition(for: identity)) AS visible FROM tenant_people tp
            WHERE tp.organization_id = \(bind: organization) AND (\(SQLList(conditions, separator: SQLRaw(" OR "))))
            ORDER BY tp.id
            """
        ).all()
        var visible: [StoredLead] = []
        var hidden: Set<UUID> = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            guard try row.decode(column: "visible", as: Bool.self) else {
                hidden.insert(id)
                continue
            }
            let document = try JSONValue.parse(try row.decode(column: "doc", as: String.self).utf8)
            let person = try document.decode(Person.self)
            visible.append(
                StoredLead(
                    id: id, fields: try document.decode([String: JSONValue].self),
                    linkedinKey: person.linkedinUrl.flatMap(ProfileURL.normalize), emails: EmailAddress.keys(person.emails ?? [])))
        }
        return (visible, hidden)
    }
}
