import Foundation
import LeadbaseCore
import SQLKit

/// One field's stored value in a row, decoded.
enum ColumnValue: Sendable {
    case key(String)
    case keys([String])
    case text(words: String, smart: String)
    case texts(words: [String], smart: [String])
    case number(Int?)
}

/// Rows of a directory table with the search columns of its fields, as `SQLDirectoryStore`
/// wrote them: the whole table in id order by keyset pages (what a full build reads), or the
/// rows written since a position (what a catch-up reads).
struct DirectoryRows {
    let table: String
    let fields: [SearchField]
    /// Where each field is stored, and its columns' unqualified names.
    private let columns: [(FilterCompiler.Column, [String])]

    static let people = DirectoryRows(table: "people", fields: Segment.personFields)
    static let companies = DirectoryRows(table: "companies", fields: Segment.companyFields)

    private init(table: String, fields: [SearchField]) {
        self.table = table
        self.fields = fields
        columns = fields.map { (FilterCompiler.column($0), Self.names(FilterCompiler.column($0))) }
    }

    struct Row: Sendable {
        let id: UUID
        let companyID: UUID?
        /// In the order of `fields`.
        let values: [ColumnValue]
        /// The stored document (canonical JSON), which searches answer with.
        let document: String
    }

    /// Every row, in id order, `pageSize` at a time; `body` sees each page, in order, while the
    /// next one is read and decoded.
    func forEachPage(in database: Database, pageSize: Int, _ body: ([Row]) throws -> Void) async throws {
        var page = try await database.withSession { try await self.read($0, database, after: nil, limit: pageSize) }
        while let last = page.last?.id {
            let more = page.count == pageSize
            async let next = more ? database.withSession { try await self.read($0, database, after: last, limit: pageSize) } : []
            try body(page)
            page = try await next
            try Task.checkCancellation()  // a shutdown does not wait for the whole directory
        }
    }

    /// The rows written after `position`, in id order: they are few, found by the revision index,
    /// and sorted here (`ORDER BY id` would have the database walk the whole table in id order
    /// looking for them).
    func changed(since position: DirectoryPosition, on sql: any SQLDatabase, _ database: Database) async throws -> [Row] {
        try await sql.raw("SELECT \(selected) FROM \(ident: table) WHERE \(position.writtenSince)").all()
            .map { try row($0, database) }.sorted { $0.id.precedes($1.id) }
    }

    private var selected: SQLQueryString {
        "\(unsafeRaw: (["id", "doc"] + (table == "people" ? ["company_id"] : []) + columns.flatMap(\.1)).joined(separator: ", "))"
    }

    private func read(_ sql: any SQLDatabase, _ database: Database, after last: UUID?, limit: Int) async throws -> [Row] {
        let query: SQLQueryString =
            if let last {
                "SELECT \(selected) FROM \(ident: table) WHERE id > \(bind: last) ORDER BY id LIMIT \(bind: limit)"
            } else {
                "SELECT \(selected) FROM \(ident: table) ORDER BY id LIMIT \(bind: limit)"
            }
        return try await sql.raw(query).all().map { try row($0, database) }
    }

    private func row(_ row: any SQLRow, _ database: Database) throws -> Row {
        Row(
            id: try row.decode(column: "id", as: UUID.self),
            companyID: table == "people" ? try row.decode(column: "company_id", as: UUID?.self) : nil,
            values: try columns.map { try Self.value(of: $0.0, named: $0.1, in: row, database) },
            document: try row.decode(column: "doc", as: String.self)
        )
    }

    /// The unqualified column names of a field (`p.name_words` → `name_words`).
    static func names(_ column: FilterCompiler.Column) -> [String] {
        let qualified =
            switch column {
            case .key(let name), .keys(let name), .number(let name): [name]
            case .text(let words, let smart), .texts(let words, let smart): [words, smart]
            }
        return qualified.map { String($0.split(separator: ".").last ?? Substring($0)) }
    }

    /// A value as `SQLDirectoryStore` wrote it; an empty smart form stands for the words form
    /// (`PersonSearchColumns.stored`).
    static func value(of column: FilterCompiler.Column, named names: [String], in row: any SQLRow, _ database: Database) throws
        -> ColumnValue
    {
        switch column {
        case .key: return .key(try row.decode(column: names[0], as: String?.self) ?? "")
        case .keys: return .keys(try database.decodeList(row, column: names[0]))
        case .text:
            let words = try row.decode(column: names[0], as: String.self)
            let smart = try row.decode(column: names[1], as: String.self)
            return .text(words: words, smart: smart.isEmpty ? words : smart)
        case .texts:
            let words = try database.decodeList(row, column: names[0])
            let smart = try database.decodeList(row, column: names[1])
            return .texts(words: words, smart: smart.isEmpty ? words : smart)
        case .number: return .number(try row.decode(column: names[0], as: Int?.self))
        }
    }
}

/// What changed in the directory after a position, read in one snapshot of the database: the
/// position now, the people and companies written since (as they are now), and the ids removed
/// since and not written again.
struct DirectoryChanges: Sendable {
    let position: DirectoryPosition
    let people: [DirectoryRows.Row]
    let companies: [DirectoryRows.Row]
    let removedPeople: [UUID]
    let removedCompanies: [UUID]
    /// A whole table was emptied (`TRUNCATE`): only a full build will do.
    let truncated: Bool

    var isEmpty: Bool { people.isEmpty && companies.isEmpty && removedPeople.isEmpty && removedCompanies.isEmpty }
    var count: Int { people.count + companies.count + removedPeople.count + removedCompanies.count }

    /// How many rows (people, companies, removals) were written after `position`.
    static func count(in database: Database, since position: DirectoryPosition) async throws -> Int {
        try await database.withSession { sql in
            try await sql.raw(
                """
                SELECT (SELECT count(*) FROM people WHERE \(position.writtenSince))
                     + (SELECT count(*) FROM companies WHERE \(position.writtenSince))
                     + (SELECT count(*) FROM directory_removals WHERE \(position.writtenSince)) AS n
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    static func read(from database: Database, since position: DirectoryPosition) async throws -> DirectoryChanges {
        try await database.snapshotRead { sql in
            let now = try await DirectoryRevision.position(sql, database.dialect)
            let people = try await DirectoryRows.people.changed(since: position, on: sql, database)
            let companies = try await DirectoryRows.companies.changed(since: position, on: sql, database)
            var removed: (people: Set<UUID>, companies: Set<UUID>) = ([], [])
            var truncated = false
            for row in try await sql.raw("SELECT kind, id FROM directory_removals WHERE \(position.writtenSince)").all() {
                guard let id = try row.decode(column: "id", as: UUID?.self) else {
                    truncated = true
                    continue
                }
                if try row.decode(column: "kind", as: String.self) == "p" {
                    removed.people.insert(id)
                } else {
                    removed.companies.insert(id)
                }
            }
            // A record removed and written again since is simply written.
            removed.people.subtract(people.map(\.id))
            removed.companies.subtract(companies.map(\.id))
            return DirectoryChanges(
                position: now, people: people, companies: companies, removedPeople: Array(removed.people),
                removedCompanies: Array(removed.companies), truncated: truncated)
        }
    }

    /// The changes as a segment to lay over the index, its documents compressed with `compressor`.
    func write(into sink: some SectionSink, compressor: DocumentCompressor) throws -> [String: String] {
        var builder = SegmentBuilder(compressor: compressor)
        for row in people { builder.addPerson(row) }
        for row in companies { builder.addCompany(row) }
        builder.remove(people: removedPeople, companies: removedCompanies)
        return try builder.finish(into: sink)
    }
}
