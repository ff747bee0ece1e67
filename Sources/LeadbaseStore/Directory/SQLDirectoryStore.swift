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
                SELECT p.id, p.doc AS person, c.doc AS company FROM people p
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

    /// A row with the person's `id` and the documents `person` and `company`.
    static func prospect(_ row: any SQLRow) throws -> Prospect {
        Prospect(
            id: try row.decode(column: "id", as: UUID.self),
            person: JSONDocument(try row.decode(column: "person", as: String.self)),
            company: try row.decode(column: "company", as: String?.self).map(JSONDocument.init)
        )
    }

    public func upsert(people: [Person]) async throws -> UpsertOutcome {
        try await write(try await prepare(people: people))
    }

    public func upsert(companies: [Company]) async throws -> UpsertOutcome {
        try await write(try await prepare(companies: companies))
    }

    /// A batch made ready to write before anything stored is read (the importer prepares the next
    /// batch while the previous one is written).
    struct PreparedBatch<Record: DirectoryRecord>: Sendable {
        let records: [Record]
        let prepared: [Prepared]
        let table: String
        let columns: [String]
    }

    /// One record of a batch: encoded once, with its LinkedIn key and its search column values.
    struct Prepared: Sendable {
        let encoded: EncodedRecord
        let linkedinKey: String?
        let columns: [any Encodable & Sendable]
    }

    func prepare(people: [Person]) async throws -> PreparedBatch<Person> {
        let database = database
        let companyNames = try await database.withSession { sql in try await Self.companyNames(of: people, sql) }
        return PreparedBatch(records: people, prepared: try await Self.prepare(people) { person in
            let columns = PersonSearchColumns(person, companyName: person.companyId.flatMap { companyNames[$0] })
            return [
                person.companyId, columns.nameWords, columns.nameSmart, columns.titleWords, columns.titleSmart,
                columns.seniorityKey, database.listBind(columns.departmentKeys), database.listBind(columns.locationKeys),
                database.listBind(columns.skillWords), database.listBind(columns.skillSmart),
                database.listBind(columns.languageKeys), database.listBind(columns.currentCompanyKeys),
                database.listBind(columns.previousCompanyKeys), database.listBind(columns.socialKeys),
                database.listBind(columns.keywordWords), database.listBind(columns.keywordSmart),
            ]
        }, table: "people", columns: Self.personColumns)
    }

    func prepare(companies: [Company]) async throws -> PreparedBatch<Company> {
        let database = database
        return PreparedBatch(records: companies, prepared: try await Self.prepare(companies) { company in
            let columns = CompanySearchColumns(company)
            return [
                company.name, columns.domainKey, database.listBind(columns.nameWords), database.listBind(columns.nameSmart),
                columns.industryKey, database.listBind(columns.locationKeys), company.employeeCount,
                company.annualRevenue, company.foundedYear, columns.typeKey, database.listBind(columns.technologyKeys),
            ]
        }, table: "companies", columns: Self.companyColumns)
    }

    /// Encoding and normalizing is most of an import's work, and each record's is independent:
    /// done on every core.
    static func prepare<Record: DirectoryRecord>(
        _ records: [Record], columns: @escaping @Sendable (Record) -> [any Encodable & Sendable]
    ) async throws -> [Prepared] {
        try await Parallel.map(records) { record in
            Prepared(encoded: try EncodedRecord(record), linkedinKey: record.linkedinUrl.flatMap(ProfileURL.normalize),
                     columns: columns(record))
        }
    }

    /// The names of the current companies of `people`, for their search columns.
    static func companyNames(of people: [Person], _ sql: any SQLDatabase) async throws -> [UUID: String] {
        let ids = Array(Set(people.compactMap(\.companyId)))
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [:]
        for row in try await sql.raw("SELECT id, name FROM companies WHERE id IN (\(binds: ids))").all() {
            names[try row.decode(column: "id")] = try row.decode(column: "name")
        }
        return names
    }

    /// In one transaction: reads the stored records the batch may touch, decides each record's
    /// fate (`UpsertPlan`) and, if any is new or changed, raises the directory revision (what tells
    /// in-memory indexes that they are behind) and writes those records, stamped with it, in one
    /// statement.
    func write<Record: DirectoryRecord>(_ batch: PreparedBatch<Record>) async throws -> UpsertOutcome {
        let (records, prepared, table, columns) = (batch.records, batch.prepared, batch.table, batch.columns)
        guard !records.isEmpty else { return UpsertOutcome() }
        return try await database.transaction { sql in
            let existing = try await Self.existing(
                in: table, ids: records.map(\.id), keys: prepared.compactMap(\.linkedinKey), sql)
            let plan = try UpsertPlan(records, encoded: prepared.map(\.encoded), linkedinKeys: prepared.map(\.linkedinKey), existing: existing)
            guard !plan.pending.isEmpty else { return plan.outcome }
            let revision = try await DirectoryRevision.raise(sql)
            let now = Date()
            let rows = plan.pending.map { write in
                let createdAt = write.existing?.createdAt ?? now
                let values: [any Encodable & Sendable] = [
                    write.id, write.encoded.document(createdAt: createdAt, updatedAt: now), write.encoded.contentHash,
                    write.linkedinKey,
                ] + prepared[write.index].columns + [createdAt, now, revision]
                return SQLGroupExpression(values.map { SQLBind($0) })
            }
            try await Self.insertOrUpdate(into: table, columns: columns, rows: rows, sql)
            return plan.outcome
        }
    }

    /// The columns of a row: id, document, hash and LinkedIn key, the prepared search columns,
    /// then the timestamps and the revision.
    static let personColumns = [
        "id", "doc", "content_hash", "linkedin_key", "company_id", "name_words", "name_smart", "title_words",
        "title_smart", "seniority_key", "department_keys", "location_keys", "skill_words", "skill_smart",
        "language_keys", "current_company_keys", "previous_company_keys", "social_keys", "keyword_words",
        "keyword_smart", "created_at", "updated_at", "revision",
    ]

    static let companyColumns = [
        "id", "doc", "content_hash", "linkedin_key", "name", "domain_key", "name_words", "name_smart",
        "industry_key", "location_keys", "employee_count", "annual_revenue", "founded_year", "type_key",
        "technology_keys", "created_at", "updated_at", "revision",
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
    static func insertOrUpdate(into table: String, columns: [String], rows: [any SQLExpression], _ sql: any SQLDatabase) async throws {
        let updates = columns.filter { $0 != "id" && $0 != "created_at" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try await sql.raw("""
            INSERT INTO \(ident: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(SQLList(rows))
            ON CONFLICT (id) DO UPDATE SET \(unsafeRaw: updates)
            """).run()
    }
}
