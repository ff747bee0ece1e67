import Foundation
import LeadbaseCore
import SQLKit

/// `DirectoryStore` on SQLite or PostgreSQL: records as JSON documents beside their search columns.
public struct SQLDirectoryStore: DirectoryStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func person(_ id: UUID) async throws -> Prospect? {
        try await database.withSession { sql in
            try await sql.raw("""
                SELECT p.doc AS person, c.doc AS company FROM people p
                LEFT JOIN companies c ON c.id = p.company_id
                WHERE p.id = \(bind: id)
                """).first().map(Self.prospect)
        }
    }

    public func company(_ id: UUID) async throws -> Company? {
        try await database.withSession { sql in
            try await sql.raw("SELECT doc FROM companies WHERE id = \(bind: id)").first().map {
                try DirectoryDocuments.decode(Company.self, from: $0.decode(column: "doc"))
            }
        }
    }

    static func prospect(_ row: any SQLRow) throws -> Prospect {
        Prospect(
            person: try DirectoryDocuments.decode(Person.self, from: row.decode(column: "person")),
            company: try row.decode(column: "company", as: String?.self).map { try DirectoryDocuments.decode(Company.self, from: $0) }
        )
    }

    public func upsert(people: [Person]) async throws -> UpsertOutcome {
        guard !people.isEmpty else { return UpsertOutcome() }
        let database = database
        return try await database.transaction { sql in
            let keys = people.compactMap { $0.linkedinUrl.flatMap(ProfileURL.normalize) }
            let existing = try await Self.existing(in: "people", ids: people.map(\.id), keys: keys, sql)
            let companyIDs = Array(Set(people.compactMap(\.companyId)))
            var companyNames: [UUID: String] = [:]
            if !companyIDs.isEmpty {
                for row in try await sql.raw("SELECT id, name FROM companies WHERE id IN (\(binds: companyIDs))").all() {
                    companyNames[try row.decode(column: "id")] = try row.decode(column: "name")
                }
            }
            let plan = try UpsertPlan(
                people, existing: existing, id: \.id, linkedinKey: { $0.linkedinUrl.flatMap(ProfileURL.normalize) },
                contentHash: DirectoryDocuments.contentHash, withID: { var copy = $0; copy.id = $1; return copy }
            )
            let now = Date()
            var rows: [any SQLExpression] = []
            for write in plan.pending {
                var person = write.record
                person.createdAt = ISO8601.format(write.existing?.createdAt ?? now)
                person.updatedAt = ISO8601.format(now)
                let columns = PersonSearchColumns(person, companyName: person.companyId.flatMap { companyNames[$0] })
                let values: [any Encodable & Sendable] = [
                    write.id, try DirectoryDocuments.encode(person), write.contentHash, person.companyId, write.linkedinKey,
                    columns.nameWords, columns.nameSmart, columns.titleWords, columns.titleSmart, columns.seniorityKey,
                    database.listBind(columns.departmentKeys), database.listBind(columns.locationKeys),
                    database.listBind(columns.skillWords), database.listBind(columns.skillSmart),
                    database.listBind(columns.languageKeys), database.listBind(columns.currentCompanyKeys),
                    database.listBind(columns.previousCompanyKeys), database.listBind(columns.socialKeys),
                    database.listBind(columns.keywordWords), database.listBind(columns.keywordSmart),
                    write.existing?.createdAt ?? now, now,
                ]
                rows.append(SQLGroupExpression(values.map { SQLBind($0) }))
            }
            try await Self.write(into: "people", columns: Self.personColumns, rows: rows, sql)
            return plan.outcome
        }
    }

    public func upsert(companies: [Company]) async throws -> UpsertOutcome {
        guard !companies.isEmpty else { return UpsertOutcome() }
        let database = database
        return try await database.transaction { sql in
            let keys = companies.compactMap { $0.linkedinUrl.flatMap(ProfileURL.normalize) }
            let existing = try await Self.existing(in: "companies", ids: companies.map(\.id), keys: keys, sql)
            let plan = try UpsertPlan(
                companies, existing: existing, id: \.id, linkedinKey: { $0.linkedinUrl.flatMap(ProfileURL.normalize) },
                contentHash: DirectoryDocuments.contentHash, withID: { var copy = $0; copy.id = $1; return copy }
            )
            let now = Date()
            var rows: [any SQLExpression] = []
            for write in plan.pending {
                var company = write.record
                company.createdAt = ISO8601.format(write.existing?.createdAt ?? now)
                company.updatedAt = ISO8601.format(now)
                let columns = CompanySearchColumns(company)
                let values: [any Encodable & Sendable] = [
                    write.id, try DirectoryDocuments.encode(company), write.contentHash, company.name, write.linkedinKey,
                    columns.domainKey, database.listBind(columns.nameWords), database.listBind(columns.nameSmart),
                    columns.industryKey, database.listBind(columns.locationKeys), company.employeeCount,
                    company.annualRevenue, company.foundedYear, columns.typeKey, database.listBind(columns.technologyKeys),
                    write.existing?.createdAt ?? now, now,
                ]
                rows.append(SQLGroupExpression(values.map { SQLBind($0) }))
            }
            try await Self.write(into: "companies", columns: Self.companyColumns, rows: rows, sql)
            return plan.outcome
        }
    }

    static let personColumns = [
        "id", "doc", "content_hash", "company_id", "linkedin_key", "name_words", "name_smart", "title_words",
        "title_smart", "seniority_key", "department_keys", "location_keys", "skill_words", "skill_smart",
        "language_keys", "current_company_keys", "previous_company_keys", "social_keys", "keyword_words",
        "keyword_smart", "created_at", "updated_at",
    ]

    static let companyColumns = [
        "id", "doc", "content_hash", "name", "linkedin_key", "domain_key", "name_words", "name_smart",
        "industry_key", "location_keys", "employee_count", "annual_revenue", "founded_year", "type_key",
        "technology_keys", "created_at", "updated_at",
    ]

    /// The stored rows an upsert batch may touch: those with one of its ids or LinkedIn keys.
    static func existing(
        in table: String, ids: [UUID], keys: [String], _ sql: any SQLDatabase
    ) async throws -> [UUID: StoredRecord] {
        let byKey: SQLQueryString = keys.isEmpty ? "" : " OR linkedin_key IN (\(binds: keys))"
        var existing: [UUID: StoredRecord] = [:]
        for row in try await sql.raw("""
            SELECT id, linkedin_key, content_hash, created_at FROM \(ident: table) WHERE id IN (\(binds: ids))\(byKey)
            """).all() {
            existing[try row.decode(column: "id")] = .init(
                linkedinKey: try row.decode(column: "linkedin_key"),
                contentHash: try row.decode(column: "content_hash"),
                createdAt: try row.decode(column: "created_at")
            )
        }
        return existing
    }

    /// One multi-row `INSERT … ON CONFLICT (id) DO UPDATE` for the whole batch; `created_at` is kept.
    static func write(into table: String, columns: [String], rows: [any SQLExpression], _ sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        let updates = columns.filter { $0 != "id" && $0 != "created_at" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try await sql.raw("""
            INSERT INTO \(ident: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(SQLList(rows))
            ON CONFLICT (id) DO UPDATE SET \(unsafeRaw: updates)
            """).run()
    }
}
