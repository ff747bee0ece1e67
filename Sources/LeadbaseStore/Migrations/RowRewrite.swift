import Foundation
import SQLKit

/// A migration's rewrite of stored rows that SQL alone cannot do: columns computed in Swift from
/// each row's document.
enum RowRewrite {
    static let pageSize = 1000

    /// Reads `table`'s documents in id order and sets `columns` of each row to what `values`
    /// computes from its document (and, should it need them, the row's other columns): one
    /// `UPDATE … FROM` per page.
    static func rewrite(
        _ table: String, _ sql: any SQLDatabase, _ dialect: SQLDialectKind, columns: [String],
        values: (_ document: String, _ row: any SQLRow) throws -> [RowValue]
    ) async throws {
        var last: UUID?
        while true {
            let after: SQLQueryString = last.map { "WHERE id > \(bind: $0)" } ?? ""
            let rows = try await sql.raw("SELECT * FROM \(ident: table) \(after) ORDER BY id LIMIT \(bind: pageSize)").all()
            guard !rows.isEmpty else { return }
            let tuples = try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let computed = try values(try row.decode(column: "doc", as: String.self), row)
                return SQLGroupExpression([SQLBind(id)] + computed.map { SQLBind($0.bind(dialect)) })
            }
            let names = (["id"] + columns).joined(separator: ", ")
            let assignments = columns.map { "\($0) = v.\($0)" }.joined(separator: ", ")
            try await sql.raw(
                """
                WITH v(\(unsafeRaw: names)) AS (VALUES \(SQLList(tuples)))
                UPDATE \(ident: table) SET \(unsafeRaw: assignments) FROM v WHERE \(ident: table).id = v.id
                """
            ).run()
            last = try rows.last?.decode(column: "id", as: UUID.self)
            if rows.count < pageSize { return }
        }
    }
}
