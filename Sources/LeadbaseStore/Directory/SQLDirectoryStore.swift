import Foundation
import LeadbaseCore
import NIOPosix
import SQLKit
import Synchronization

/// `DirectoryStore` on SQLite or PostgreSQL: records as JSON documents beside their search columns.
public struct SQLDirectoryStore: DirectoryStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func person(_ id: UUID) async throws -> Prospect? {
        try await database.withSession { sql in
            try await sql.raw(
                """
                SELECT p.id, p.doc AS person, c.doc AS company FROM people p
                LEFT JOIN companies c ON c.id = p.company_id
                WHERE p.id = \(bind: id)
                """
            ).first().map(Self.prospect)
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
    /// batches while earlier ones are written).
    struct PreparedBatch<Record: DirectoryRecord>: Sendable {
        let records: [Record]
        let prepared: [Prepared]
        let table: String
        let columns: [String]
        /// The batch's write time: `updated_at` of all its records, `created_at` of its new ones.
        let now: Date
        /// The records the batch may touch, by id and LinkedIn key.
        let touches: Touches
        /// On PostgreSQL, what to write if none of the records is stored yet (see `write`): the
        /// outcome that would be, and its rows rendered for `COPY`.
        var allNew: (outcome: UpsertOutcome, rows: PlannedRows)?

        /// Each record's fate against `existing`, the stored records it may touch.
        func plan(existing: [UUID: StoredRecord]) throws -> UpsertPlan<Record> {
            try UpsertPlan(records, encoded: prepared.map(\.encoded), linkedinKeys: prepared.map(\.linkedinKey), existing: existing)
        }
    }

    /// Batches that share no record (by id or LinkedIn key) can be written in either order.
    struct Touches: Sendable {
        let ids: Set<UUID>
        let linkedinKeys: Set<String>

        func overlaps(_ other: Touches) -> Bool {
            !ids.isDisjoint(with: other.ids) || !linkedinKeys.isDisjoint(with: other.linkedinKeys)
        }
    }

    /// Whether two batches' writes may run at once: on PostgreSQL (see `DirectoryRevision`). A
    /// SQLite database has one writer at a time anyway.
    var writesSideBySide: Bool { database.dialect == .postgres }

    /// One record of a batch: encoded once, with its LinkedIn key and its search column values.
    struct Prepared: Sendable {
        let encoded: EncodedRecord
        let linkedinKey: String?
        let columns: [RowValue]
    }

    /// The rows that carry out a plan: the new records' (on PostgreSQL, for `COPY`) and the
    /// others' (for `INSERT … ON CONFLICT`), each without its revision, which the write adds.
    struct PlannedRows: Sendable {
        var copied: CopyRows
        var upserted: [[RowValue]] = []
    }

    /// `companies` keeps the names read for earlier batches of the same import; `threads`, if
    /// given, do the work (see `DirectoryImporter.run`).
    func prepare(people: [Person], companies: CompanyNames = CompanyNames(), on threads: NIOThreadPool? = nil) async throws
        -> PreparedBatch<Person>
    {
        let companyNames = try await companies.names(of: Set(people.compactMap(\.companyId)), in: database)
        return try await Self.run(on: threads) {
            try prepare(people, table: "people", columns: Self.personColumns) { person, linkedinKey in
                let columns = PersonSearchColumns(
                    person, linkedinKey: linkedinKey, companyName: person.companyId.flatMap { companyNames[$0] })
                return [
                    .uuid(person.companyId), .text(columns.nameWords), .text(columns.nameSmart), .text(columns.titleWords),
                    .text(columns.titleSmart), .text(columns.headlineWords), .text(columns.headlineSmart), .text(columns.seniorityKey),
                    .list(columns.departmentKeys), .list(columns.locationKeys), .list(columns.skillWords), .list(columns.skillSmart),
                    .list(columns.certificationWords), .list(columns.certificationSmart), .list(columns.languageWords),
                    .list(columns.languageSmart), .list(columns.currentCompanyKeys), .list(columns.previousCompanyKeys),
                    .list(columns.socialKeys), .list(columns.socialPlatformKeys), .list(columns.schoolWords), .list(columns.schoolSmart),
                    .list(columns.degreeWords), .list(columns.degreeSmart), .list(columns.fieldOfStudyWords),
                    .list(columns.fieldOfStudySmart), .list(columns.educationYearKeys),
                ]
            }
        }
    }

    func prepare(companies: [Company], on threads: NIOThreadPool? = nil) async throws -> PreparedBatch<Company> {
        try await Self.run(on: threads) {
            try prepare(companies, table: "companies", columns: Self.companyColumns) { company, _ in
                let columns = CompanySearchColumns(company)
                return [
                    .text(company.name), .text(columns.domainKey), .list(columns.nameWords), .list(columns.nameSmart),
                    .text(columns.nameOnlyWords), .text(columns.nameOnlySmart), .text(columns.industryKey), .text(columns.industryWords),
                    .text(columns.industrySmart), .list(columns.locationKeys), .integer(company.employeeCount),
                    .integer(company.annualRevenue), .integer(company.foundedYear), .text(columns.typeKey),
                    .list(columns.technologyKeys), .list(columns.keywordWords), .list(columns.keywordSmart),
                    .list(columns.socialPlatformKeys),
                ]
            }
        }
    }

    /// `work` on `threads`, or here.
    static func run<T: Sendable>(on threads: NIOThreadPool?, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard let threads else { return try work() }
        return try await threads.runIfActive(work)
    }

    /// Encoding, normalizing and rendering: most of an import's work (which prepares several
    /// batches at once, see `DirectoryImporter.run`). `searchColumns` is given each record with
    /// its LinkedIn key.
    func prepare<Record: DirectoryRecord>(
        _ records: [Record], table: String, columns: [String], searchColumns: (Record, String?) -> [RowValue]
    ) throws -> PreparedBatch<Record> {
        let prepared = try records.map { record in
            let encoded = try EncodedRecord(record)
            let linkedinKey = record.linkedinUrl.flatMap(ProfileURL.normalize)
            return Prepared(encoded: encoded, linkedinKey: linkedinKey, columns: searchColumns(record, linkedinKey))
        }
        let touches = Touches(ids: Set(records.map(\.id)), linkedinKeys: Set(prepared.compactMap(\.linkedinKey)))
        var batch = PreparedBatch(records: records, prepared: prepared, table: table, columns: columns, now: Self.now(), touches: touches)
        if database.dialect == .postgres {
            let plan = try batch.plan(existing: [:])
            batch.allNew = (plan.outcome, Self.rows(of: batch, carryingOut: plan, copying: true))
        }
        return batch
    }

    /// The time, in milliseconds as the documents write it, so that both forms of a row agree.
    static func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    /// A row's values but the last, its revision (see `personColumns`).
    static func row(
        id: UUID, encoded: EncodedRecord, linkedinKey: String?, columns: [RowValue], createdAt: Date, now: Date,
        dates: inout FormattedDates
    ) -> [RowValue] {
        // One array, filled in place: joining array literals copied every value twice.
        var row: [RowValue] = []
        row.reserveCapacity(columns.count + 6)
        row.append(.uuid(id))
        row.append(encoded.document(createdAt: dates.text(for: createdAt), updatedAt: dates.text(for: now)))
        row.append(.text(encoded.contentHash))
        row.append(.text(linkedinKey))
        row.append(contentsOf: columns)
        row.append(.timestamp(createdAt))
        row.append(.timestamp(now))
        return row
    }

    /// Writes a prepared batch in one transaction.
    ///
    /// The stored records the batch may touch are read, each record's fate planned against them,
    /// and the new and changed ones written. On PostgreSQL other writers may run meanwhile (see
    /// `DirectoryRevision`): if one of them stores one of the batch's records between the read and
    /// the write, a unique index refuses the write (or the two wait for each other's rows, and
    /// PostgreSQL has one give way), and the batch is read and planned again.
    ///
    /// With `expectingNew` (the importer sets it while its batches are all new), a PostgreSQL
    /// batch is first written as if none of its records were stored, without reading anything:
    /// its rows are loaded by `COPY`. If one of them was stored after all, a unique index refuses
    /// the `COPY` (or another writer's wait on it), that transaction is rolled back, and the batch
    /// is written the usual way.
    func write<Record: DirectoryRecord>(_ batch: PreparedBatch<Record>, expectingNew: Bool = false) async throws -> UpsertOutcome {
        guard !batch.records.isEmpty else { return UpsertOutcome() }
        let database = database
        // Whether or not it committed: an error may come after the commit.
        defer { database.changes.changed(.directory) }
        if expectingNew, let allNew = batch.allNew {
            do {
                return try await database.transaction(copying: { sql, copier in
                    try await Self.write(batch, allNew.rows, outcome: allNew.outcome, sql, copier, database)
                })
            } catch  where Database.isWriteConflict(error) {
                // Written the usual way below.
            }
        }
        var attempt = 1
        while true {
            do {
                return try await database.transaction(copying: { sql, copier in
                    let existing = try await Self.existing(
                        in: batch.table, ids: batch.records.map(\.id), keys: batch.prepared.compactMap(\.linkedinKey), sql, database.dialect
                    )
                    let plan = try batch.plan(existing: existing)
                    let rows = Self.rows(of: batch, carryingOut: plan, copying: copier != nil)
                    return try await Self.write(batch, rows, outcome: plan.outcome, sql, copier, database)
                })
            } catch  where Database.isWriteConflict(error) && attempt < Self.attempts {
                // Another writer got to one of the records first: read again.
                attempt += 1
            }
        }
    }

    /// How many times a batch is read, planned and written before a write conflict
    /// (`Database.isWriteConflict`) is taken for an error.
    static let attempts = 5

    /// The rows that carry out `plan`, in id order, the order every writer takes its rows' index
    /// entries in: two writers meeting on the same records then queue for them instead of each
    /// holding what the other waits for. With `copying` (PostgreSQL), new records go to `COPY`.
    static func rows<Record: DirectoryRecord>(
        of batch: PreparedBatch<Record>, carryingOut plan: UpsertPlan<Record>, copying: Bool
    ) -> PlannedRows {
        let pending = plan.pending.sorted { $0.id.precedes($1.id) }
        var rows = PlannedRows(copied: CopyRows(capacity: copying ? pending.count : 0))
        var dates = FormattedDates()
        for write in pending {
            let row = Self.row(
                id: write.id, encoded: write.encoded, linkedinKey: write.linkedinKey, columns: batch.prepared[write.index].columns,
                createdAt: write.existing?.createdAt ?? batch.now, now: batch.now, dates: &dates)
            if write.existing == nil, copying {
                rows.copied.append(row)
            } else {
                rows.upserted.append(row)
            }
        }
        return rows
    }

    /// Writes `rows`, the rows of a plan (see `rows(of:carryingOut:copying:)`) whose `outcome`
    /// the write answers: if any record is new or changed, writes those records, stamped with the
    /// write's revision stamp, the new ones by `COPY` on PostgreSQL, the changed ones (and every
    /// one on SQLite) by one `INSERT … ON CONFLICT`; then raises the directory revision (what
    /// tells in-memory indexes that they are behind).
    private static func write<Record: DirectoryRecord>(
        _ batch: PreparedBatch<Record>, _ rows: PlannedRows, outcome: UpsertOutcome, _ sql: any SQLDatabase,
        _ copier: RowCopier?, _ database: Database
    ) async throws -> UpsertOutcome {
        guard rows.copied.count > 0 || !rows.upserted.isEmpty else { return outcome }
        let revision = Int(try await DirectoryRevision.stamp(sql, database.dialect))
        if rows.copied.count > 0 {
            guard let copier else { preconditionFailure("rows for COPY outside a COPY transaction") }
            try await copier.copy(into: batch.table, columns: batch.columns, rows: rows.copied, revision: revision)
        }
        if !rows.upserted.isEmpty {
            let values = rows.upserted.map { row in SQLGroupExpression((row + [.integer(revision)]).map { SQLBind($0.bind(database)) }) }
            try await Self.insertOrUpdate(into: batch.table, columns: batch.columns, rows: values, sql)
        }
        try await DirectoryRevision.publish(sql, database.dialect)
        return outcome
    }

    /// The columns of a row: id, document, hash and LinkedIn key, the prepared search columns,
    /// then the timestamps and the revision.
    static let personColumns = [
        "id", "doc", "content_hash", "linkedin_key", "company_id", "name_words", "name_smart", "title_words", "title_smart",
        "headline_words", "headline_smart", "seniority_key", "department_keys", "location_keys", "skill_words", "skill_smart",
        "certification_words", "certification_smart", "language_words", "language_smart", "current_company_keys",
        "previous_company_keys", "social_keys", "social_platform_keys", "school_words", "school_smart", "degree_words",
        "degree_smart", "field_of_study_words", "field_of_study_smart", "education_year_keys", "created_at", "updated_at",
        "revision",
    ]

    static let companyColumns = [
        "id", "doc", "content_hash", "linkedin_key", "name", "domain_key", "name_words", "name_smart", "name_only_words",
        "name_only_smart", "industry_key", "industry_words", "industry_smart", "location_keys", "employee_count",
        "annual_revenue", "founded_year", "type_key", "technology_keys", "keyword_words", "keyword_smart",
        "social_platform_keys", "created_at", "updated_at", "revision",
    ]

    /// The stored rows an upsert batch may touch: those with one of its ids or LinkedIn keys.
    static func existing(
        in table: String, ids: [UUID], keys: [String], _ sql: any SQLDatabase, _ dialect: SQLDialectKind
    ) async throws -> [UUID: StoredRecord] {
        let matching = "\(dialect.isAny("id", of: ids)) OR \(dialect.isAny("linkedin_key", of: keys))" as SQLQueryString
        var existing: [UUID: StoredRecord] = [:]
        for row in try await sql.raw(
            """
            SELECT id, linkedin_key, content_hash, created_at FROM \(ident: table) WHERE \(matching)
            """
        ).all() {
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
        try await sql.raw(
            """
            INSERT INTO \(ident: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(SQLList(rows))
            ON CONFLICT (id) DO UPDATE SET \(unsafeRaw: updates)
            """
        ).run()
    }
}

/// The names of directory companies, as one import reads them for its people's search columns:
/// each company is read once per import instead of once per batch.
final class CompanyNames: Sendable {
    /// nil for an id that is not in the directory.
    private let known = Mutex<[UUID: String?]>([:])

    func names(of ids: Set<UUID>, in database: Database) async throws -> [UUID: String] {
        let missing = known.withLock { known in ids.filter { known[$0] == nil } }
        if !missing.isEmpty {
            let missing = Array(missing)
            let rows = try await database.withSession { sql in
                let matching = database.dialect.isAny("id", of: missing)
                var names: [UUID: String] = [:]
                for row in try await sql.raw("SELECT id, name FROM companies WHERE \(matching)").all() {
                    names[try row.decode(column: "id")] = try row.decode(column: "name")
                }
                return names
            }
            known.withLock { known in
                for id in missing { known[id] = .some(rows[id]) }
            }
        }
        return known.withLock { known in
            var names: [UUID: String] = [:]
            for id in ids { if let name = known[id] ?? nil { names[id] = name } }
            return names
        }
    }
}
