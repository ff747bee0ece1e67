import Foundation
import LeadbaseCore
import SQLKit

extension DirectoryIndex {
    /// Reads the search columns of the whole directory, a page of rows at a time (the next page is
    /// read and decoded while the previous one is indexed).
    ///
    /// The position is read first, and each later statement sees at least what it saw: the index
    /// holds every change up to that position and maybe some later ones. Those later changes
    /// raised the revision, so the index will not be taken for current.
    static func load(from database: Database, pageSize: Int = 20_000) async throws -> DirectoryIndex {
        let position = try await database.withSession { try await DirectoryRevision.position($0, database.dialect) }
        var companyIDs: [UUID] = []
        let companies = try await RowPages(database: database, table: "companies", fields: companyFields, pageSize: pageSize)
            .index { page in companyIDs += page.map(\.id) }
        let companyNumbers = Dictionary(uniqueKeysWithValues: companyIDs.enumerated().map { ($1, Int32($0)) })
        return try await loadPeople(
            from: database, position: position, changedAfter: nil, companies: companies, companyNumbers: companyNumbers, pageSize: pageSize)
    }

    /// The people written after `base` was read, indexed with `base`'s companies: what a
    /// `DirectorySnapshot` lays over `base`. Only valid while no company changed since `base`.
    static func loadChanges(from database: Database, since base: DirectoryIndex, pageSize: Int = 20_000) async throws -> DirectoryIndex {
        let position = try await database.withSession { try await DirectoryRevision.position($0, database.dialect) }
        return try await loadPeople(
            from: database, position: position, changedAfter: base.position, companies: base.companies,
            companyNumbers: base.companyNumbers, pageSize: pageSize)
    }

    /// How many people and companies were written after `position`.
    static func changes(in database: Database, after position: DirectoryPosition) async throws -> (people: Int, companies: Int) {
        try await database.withSession { sql in
            let row = try await sql.raw(
                """
                SELECT (SELECT count(*) FROM people WHERE \(position.writtenSince)) AS people,
                       (SELECT count(*) FROM companies WHERE \(position.writtenSince)) AS companies
                """
            ).first()
            return (try row?.decode(column: "people", as: Int.self) ?? 0, try row?.decode(column: "companies", as: Int.self) ?? 0)
        }
    }

    private static let companyFields = SearchField.allCases.filter(\.isCompanyField)
    private static let personFields = SearchField.allCases.filter { !$0.isCompanyField }

    private static func loadPeople(
        from database: Database, position: DirectoryPosition, changedAfter: DirectoryPosition?, companies: FieldIndexes,
        companyNumbers: [UUID: Int32], pageSize: Int
    ) async throws -> DirectoryIndex {
        var personIDs: [UUID] = []
        var personCompany: [Int32] = []
        let pages = RowPages(database: database, table: "people", fields: personFields, pageSize: pageSize, changedAfter: changedAfter)
        let people = try await pages.index { page in
            personIDs += page.map(\.id)
            personCompany += page.map { row in row.companyID.flatMap { companyNumbers[$0] } ?? -1 }
        }
        return DirectoryIndex(
            position: position, personIDs: personIDs, personCompany: personCompany, people: people,
            companies: companies, companyNumbers: companyNumbers)
    }
}

/// One field's stored value in a row, decoded.
enum ColumnValue: Sendable {
    case key(String)
    case keys([String])
    case text(words: String, smart: String)
    case texts(words: [String], smart: [String])
    case number(Int?)
}

/// The rows of a directory table in id order, with the columns of `fields`, read by keyset pages.
struct RowPages {
    let database: Database
    let table: String
    let fields: [SearchField]
    let pageSize: Int
    /// Only the rows written after this position, when set.
    let changedAfter: DirectoryPosition?
    /// Where each field is stored, and its columns' unqualified names.
    private let columns: [(FilterCompiler.Column, [String])]

    init(database: Database, table: String, fields: [SearchField], pageSize: Int, changedAfter: DirectoryPosition? = nil) {
        self.database = database
        self.table = table
        self.fields = fields
        self.pageSize = pageSize
        self.changedAfter = changedAfter
        columns = fields.map { (FilterCompiler.column($0), Self.names(FilterCompiler.column($0))) }
    }

    struct Row: Sendable {
        let id: UUID
        let companyID: UUID?
        /// In the order of `fields`.
        let values: [ColumnValue]
    }

    /// Every row indexed by field; `body` sees each page, in order. (Indexing the fields of a page
    /// side by side, one task each, was measured slower than this: 45 s against 37 s for 1M
    /// people on 2 cores, which also decode the next page meanwhile.)
    func index(_ body: ([Row]) -> Void) async throws -> FieldIndexes {
        var builder = FieldIndexes.Builder(fields: fields)
        var count = 0
        var page = try await read(after: nil)
        while let last = page.last?.id {
            let more = changedAfter == nil && page.count == pageSize
            async let next = more ? read(after: last) : []
            for row in page {
                builder.add(row.values, record: Int32(count))
                count += 1
            }
            body(page)
            page = try await next
        }
        return builder.finish(count: count)
    }

    /// A page of rows after `last`; or, with `changedAfter`, every changed row at once: they are
    /// few, found by the revision index, and sorted here (`ORDER BY id` would have the database
    /// walk the whole table in id order looking for them).
    private func read(after last: UUID?) async throws -> [Row] {
        let (database, columns, table) = (database, columns, table)
        let withCompany = table == "people"
        let selected: SQLQueryString =
            "\(unsafeRaw: (["id"] + (withCompany ? ["company_id"] : []) + columns.flatMap(\.1)).joined(separator: ", "))"
        let query: SQLQueryString =
            if let changedAfter {
                "SELECT \(selected) FROM \(ident: table) WHERE \(changedAfter.writtenSince)"
            } else if let last {
                "SELECT \(selected) FROM \(ident: table) WHERE id > \(bind: last) ORDER BY id LIMIT \(bind: pageSize)"
            } else {
                "SELECT \(selected) FROM \(ident: table) ORDER BY id LIMIT \(bind: pageSize)"
            }
        let rows = try await database.withSession { sql in
            try await sql.raw(query).all().map { row in
                Row(
                    id: try row.decode(column: "id", as: UUID.self),
                    companyID: withCompany ? try row.decode(column: "company_id", as: UUID?.self) : nil,
                    values: try columns.map { try Self.value(of: $0.0, named: $0.1, in: row, database) }
                )
            }
        }
        return changedAfter == nil ? rows : rows.sorted { $0.id.precedes($1.id) }
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

extension FieldIndexes {
    /// Collects rows in ascending record order, then freezes them into `FieldIndexes`.
    struct Builder {
        let fields: [SearchField]
        private var keys: [SearchField: PostingTable.Builder] = [:]
        private var texts: [SearchField: TextField.Builder] = [:]
        private var numbers: [SearchField: [Int?]] = [:]

        init(fields: [SearchField]) {
            self.fields = fields
            // Every field answers, with nobody when no record has a value of it.
            for field in fields {
                switch FilterCompiler.column(field) {
                case .key, .keys: keys[field] = PostingTable.Builder()
                case .text: texts[field] = TextField.Builder(listPerRecord: false)
                case .texts: texts[field] = TextField.Builder(listPerRecord: true)
                case .number: numbers[field] = []
                }
            }
        }

        mutating func add(_ values: [ColumnValue], record: Int32) {
            for (field, value) in zip(fields, values) {
                switch value {
                case .key(let key):
                    keys[field]?.add(key, ordinal: record)
                case .keys(let values):
                    for key in values { keys[field]?.add(key, ordinal: record) }
                case .text(let words, let smart):
                    texts[field]?.add(words: [words], smart: [smart], record: record)
                case .texts(let words, let smart):
                    texts[field]?.add(words: words, smart: smart, record: record)
                case .number(let number):
                    numbers[field]?.append(number)
                }
            }
        }

        consuming func finish(count: Int) -> FieldIndexes {
            var finished = FieldIndexes(count: count)
            finished.keys = keys.mapValues { KeyIndex(postings: $0.finish()) }
            finished.texts = texts.mapValues { $0.finish(count: count) }
            finished.numbers = numbers
            return finished
        }
    }
}
