import Foundation
import LeadbaseCore
import SQLKit

/// `DirectorySearch` in plain SQL: the filter compiled to one condition, the window and the exact
/// count as two statements run side by side, ascending id as the total order.
public struct SQLDirectorySearch: DirectorySearch {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func people(matching filter: SearchFilter, window: ResultWindow) async throws -> SearchResult<Prospect> {
        let condition = FilterCompiler(database: database).condition(filter)
        let join: SQLQueryString = filter.usesCompany ? "LEFT JOIN companies c ON c.id = p.company_id" : ""
        return try await people(from: join, where: condition, window: window)
    }

    public func personIDs(matching filter: SearchFilter, window: ResultWindow) async throws -> [UUID] {
        let condition = FilterCompiler(database: database).condition(filter)
        let join: SQLQueryString = filter.usesCompany ? "LEFT JOIN companies c ON c.id = p.company_id" : ""
        return try await database.withSession { sql in
            try await sql.raw(Self.windowIDs(join: join, condition: condition, window: window)).all().map {
                try $0.decode(column: "id", as: UUID.self)
            }
        }
    }

    public func people(atCompany companyID: UUID, window: ResultWindow) async throws -> SearchResult<Prospect> {
        try await people(from: "", where: "p.company_id = \(bind: companyID)", window: window)
    }

    public func companies(matching filter: SearchFilter, urls: [String], window: ResultWindow) async throws -> SearchResult<Company> {
        var extra: [SQLQueryString] = []
        if !urls.isEmpty {
            extra.append("(c.linkedin_key IN (\(binds: urls)) OR c.domain_key IN (\(binds: urls)))")
        }
        let condition = FilterCompiler(database: database).condition(filter, and: extra)
        async let total = count("SELECT count(*) AS total FROM companies c WHERE \(condition)")
        async let rows =
            window.limit == 0
            ? []
            : database.withSession { sql in
                try await sql.raw(
                    """
                    SELECT c.doc FROM (SELECT c.id FROM companies c WHERE \(condition)
                                       ORDER BY c.id LIMIT \(bind: window.limit) OFFSET \(bind: window.offset)) w
                    JOIN companies c ON c.id = w.id
                    ORDER BY c.id
                    """
                ).all().map { try DirectoryDocuments.decode(Company.self, from: $0.decode(column: "doc")) }
            }
        return SearchResult(items: try await rows, total: try await total)
    }

    /// People matching `condition` (which may use `c` when `join` brings it), with their company.
    private func people(from join: SQLQueryString, where condition: SQLQueryString, window: ResultWindow) async throws -> SearchResult<
        Prospect
    > {
        let (countQuery, pageQuery) = Self.peopleQueries(join: join, condition: condition, window: window)
        async let total = count(countQuery)
        async let rows =
            window.limit == 0
            ? []
            : database.withSession { sql in
                try await sql.raw(pageQuery).all().map(SQLDirectoryStore.prospect)
            }
        return SearchResult(items: try await rows, total: try await total)
    }

    /// The count, and the page: the window's ids are chosen first (sorting ids, not documents,
    /// which matters deep in a result), then their documents are read.
    static func peopleQueries(join: SQLQueryString, condition: SQLQueryString, window: ResultWindow) -> (
        count: SQLQueryString, page: SQLQueryString
    ) {
        (
            "SELECT count(*) AS total FROM people p \(join) WHERE \(condition)",
            """
            SELECT p.id, p.doc AS person, pc.doc AS company
            FROM (\(windowIDs(join: join, condition: condition, window: window))) w
            JOIN people p ON p.id = w.id
            LEFT JOIN companies pc ON pc.id = p.company_id
            ORDER BY p.id
            """
        )
    }

    /// The ids of a window of the search order: the one definition pages and bulk selections share.
    static func windowIDs(join: SQLQueryString, condition: SQLQueryString, window: ResultWindow) -> SQLQueryString {
        "SELECT p.id FROM people p \(join) WHERE \(condition) ORDER BY p.id LIMIT \(bind: window.limit) OFFSET \(bind: window.offset)"
    }

    /// The database's plans for the count and the page of a people search, for operators and
    /// the benchmark (`leadbase explain`). On PostgreSQL the plans are measured (`ANALYZE`).
    public func explainPeople(matching filter: SearchFilter, window: ResultWindow) async throws -> (count: [String], page: [String]) {
        let condition = FilterCompiler(database: database).condition(filter)
        let join: SQLQueryString = filter.usesCompany ? "LEFT JOIN companies c ON c.id = p.company_id" : ""
        let (countQuery, pageQuery) = Self.peopleQueries(join: join, condition: condition, window: window)
        let dialect = database.dialect
        func explain(_ query: SQLQueryString) async throws -> [String] {
            try await database.withSession { sql in
                let prefix = dialect == .postgres ? "EXPLAIN (ANALYZE, BUFFERS OFF) " : "EXPLAIN QUERY PLAN "
                return try await sql.raw("\(unsafeRaw: prefix)\(query)").all().map { row in
                    try row.decode(column: dialect == .postgres ? "QUERY PLAN" : "detail", as: String.self)
                }
            }
        }
        return (try await explain(countQuery), try await explain(pageQuery))
    }

    private func count(_ query: SQLQueryString) async throws -> Int {
        try await database.withSession { sql in
            try await sql.raw(query).first()?.decode(column: "total", as: Int.self) ?? 0
        }
    }
}
