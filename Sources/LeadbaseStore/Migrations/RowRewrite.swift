import Foundation
import SQLKit

/// A migration's rewrite of stored rows that SQL alone cannot do: columns computed in Swift from
/// each row's document.
enum RowRewrite {
    static let pageSize = 1000

    /// Reads `table`'s documents in `key` order and sets `columns` of each row to what `values`
    /// computes from its document (and, should it need them, the row's other columns): one
    /// `UPDATE … FROM` per page. `key` is the table's primary key.
    static func rewrite(
        _ table: String, key: [String] = ["id"], _ sql: any SQLDatabase, _ dialect: SQLDialectKind, columns: [String],
        values: (_ document: String, _ row: any SQLRow) throws -> [RowValue]
    ) async throws {
        let keyList = key.joined(separator: ", ")
        var last: [any Encodable & Sendable]?
        while true {
            let after: SQLQueryString =
                last.map { "WHERE (\(unsafeRaw: keyList)) > (\(SQLList($0.map { SQLBind($0) })))" } ?? ""
            let rows = try await sql.raw(
                "SELECT * FROM \(ident: table) \(after) ORDER BY \(unsafeRaw: keyList) LIMIT \(bind: pageSize)"
            ).all()
            guard !rows.isEmpty else { return }
            let tuples = try rows.map { row in
                let keys = try Self.key(of: row, key)
                let computed = try values(try row.decode(column: "doc", as: String.self), row)
                return SQLGroupExpression(keys.map { SQLBind($0) } + computed.map { SQLBind($0.bind(dialect)) })
            }
            let names = (key + columns).joined(separator: ", ")
            let assignments = columns.map { "\($0) = v.\($0)" }.joined(separator: ", ")
            let match = key.map { "\(table).\($0) = v.\($0)" }.joined(separator: " AND ")
            try await sql.raw(
                """
                WITH v(\(unsafeRaw: names)) AS (VALUES \(SQLList(tuples)))
                UPDATE \(ident: table) SET \(unsafeRaw: assignments) FROM v WHERE \(unsafeRaw: match)
                """
            ).run()
            last = try rows.last.map { try Self.key(of: $0, key) }
            if rows.count < pageSize { return }
        }
    }

    /// A row's key: `id` is a UUID, other key columns (`organization_id`) text.
    private static func key(of row: any SQLRow, _ key: [String]) throws -> [any Encodable & Sendable] {
        try key.map { column -> any Encodable & Sendable in
            column == "id" ? try row.decode(column: column, as: UUID.self) : try row.decode(column: column, as: String.self)
        }
    }
}
