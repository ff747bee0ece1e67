import Foundation
import LeadbaseCore
import LeadbaseJSON
import SQLKit

/// Direct prospect data against the organization's records: the candidates' read and the
/// set-based write of what `DirectProspectMerge` (the rule) makes of them.
extension SQLMembershipStore {
    public func upsertAndLink(
        people: [DirectProspect], toList list: UUID, for identity: Identity, dryRun: Bool
    ) async throws -> (added: Set<UUID>, ids: [UUID]) {
        let dialect = database.dialect
        let organization = identity.organizationID
        return try await database.transaction(rollingBack: dryRun) { sql in
            let candidates = try await Self.candidates(for: people, visibleTo: identity, dialect, sql)
            let merge = DirectProspectMerge(people, candidates: candidates.visible, hidden: candidates.hidden)
            let stored = Set(candidates.visible.map(\.id))
            let records = try merge.records.sorted { $0.id.precedes($1.id) }.map { id, record in
                switch record {
                case .asSent(let person): (id: id, person: person)
                case .merged(let fields): (id: id, person: try JSONValue.object(fields).decode(Person.self))
                }
            }
            let now = Date()
            let current = Dictionary(candidates.visible.map { ($0.id, $0.attributes) }, uniquingKeysWith: { first, _ in first })
            let rows = try records.map { id, person -> any SQLExpression in
                let base = current[id] ?? LeadAttributes(ownerID: identity.userID)
                let attributes = merge.attributeChanges[id]?.applied(to: base, now: now) ?? base
                let values: [any Encodable & Sendable] = [
                    organization, id, try DirectoryDocuments.encode(person), person.companyId,
                    person.linkedinUrl.flatMap(ProfileURL.normalize), attributes.ownerID, attributes.consentStatus.rawValue,
                    attributes.consentSource, attributes.consentUpdatedAt, now, now,
                ]
                return SQLGroupExpression(values.map { SQLBind($0) })
            }
            // Records read now are updated; the others must be new. One that another request
            // created meanwhile is left alone (the update's WHERE refuses it), and the whole
            // transaction is planned again from a new read.
            let updatable: SQLQueryString = stored.isEmpty ? "FALSE" : "tenant_people.id IN (\(binds: Array(stored)))"
            let written = try await sql.raw(
                """
                INSERT INTO tenant_people (
                    organization_id, id, doc, company_id, linkedin_key, lead_owner_id, consent_status, consent_source,
                    consent_updated_at, created_at, updated_at)
                VALUES \(SQLList(rows))
                ON CONFLICT (organization_id, id) DO UPDATE SET doc = excluded.doc, company_id = excluded.company_id,
                    linkedin_key = excluded.linkedin_key, lead_owner_id = excluded.lead_owner_id,
                    consent_status = excluded.consent_status, consent_source = excluded.consent_source,
                    consent_updated_at = excluded.consent_updated_at, updated_at = excluded.updated_at
                WHERE \(updatable)
                RETURNING id
                """
            ).all()
            guard written.count == records.count else { throw ConcurrentChange() }
            try await TenantEmails.write(
                records.map { ($0.id, EmailAddress.keys($0.person.emails ?? [])) },
                replacing: records.map(\.id).filter(stored.contains), in: organization, dialect, sql)
            let added = try await Self.link(
                Set(records.map(\.id)), table: "lead_list_persons", column: "person_id", list: list, organization, now, dialect, sql)
            return (added, merge.ids)
        }
    }

    /// The organization's records that any of `people` could match, in one query: those the
    /// caller may see (`RecordVisibility`), with their lead attributes, and the ids of the others.
    static func candidates(
        for people: [DirectProspect], visibleTo identity: Identity, _ dialect: SQLDialectKind, _ sql: any SQLDatabase
    ) async throws -> (visible: [MatchCandidate], hidden: Set<UUID>) {
        let organization = identity.organizationID
        let (ids, keys, emails) = DirectProspectMerge.keys(of: people)
        var conditions: [SQLQueryString] = []
        if !ids.isEmpty { conditions.append(dialect.isAny("id", of: ids)) }
        if !keys.isEmpty { conditions.append(dialect.isAnyText("linkedin_key", of: keys)) }
        if !emails.isEmpty { conditions.append(TenantEmails.hasAny(of: emails, in: organization, dialect)) }
        guard !conditions.isEmpty else { return ([], []) }
        let rows = try await sql.raw(
            """
            SELECT tp.id, tp.doc, \(LeadColumns.attributes), \(RecordVisibility.condition(for: identity)) AS visible
            FROM tenant_people tp
            WHERE tp.organization_id = \(bind: organization) AND (\(SQLList(conditions, separator: SQLRaw(" OR "))))
            ORDER BY tp.id
            """
        ).all()
        var visible: [MatchCandidate] = []
        var hidden: Set<UUID> = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            guard try row.decode(column: "visible", as: Bool.self) else {
                hidden.insert(id)
                continue
            }
            let document = try JSONValue.parse(try row.decode(column: "doc", as: String.self).utf8)
            visible.append(
                MatchCandidate(
                    id: id, fields: try document.decode([String: JSONValue].self), person: try document.decode(Person.self),
                    attributes: try LeadColumns.attributes(of: row)))
        }
        return (visible, hidden)
    }
}
