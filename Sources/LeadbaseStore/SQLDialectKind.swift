import LeadbaseJSON
import SQLKit

/// The SQL dialects Leadbase speaks. Dialect differences stay inside this module.
public enum SQLDialectKind: Sendable {
    case sqlite
    case postgres

    /// A `textList` column's value (see `ColumnTypes`) as a bind: an array on PostgreSQL, JSON
    /// text on SQLite.
    func listBind(_ values: [String]) -> any Encodable & Sendable {
        switch self {
        case .postgres: values
        case .sqlite: CanonicalJSON.array(of: values)
        }
    }

    /// `column` equal to one of `values`. PostgreSQL gets the list as one array value (`= ANY`),
    /// not one parameter per item, which keeps a statement over thousands of values cheap to
    /// send and to plan; SQLite, in process, takes `IN` (an empty list matches nothing).
    func isAny(_ column: String, of values: [some Encodable & Sendable]) -> SQLQueryString {
        isAny(column: "\(ident: column)", of: values)
    }

    /// `isAny` of a column written as it is (a qualified one, `p.id`). For how much cheaper one
    /// array is than 1,000 parameters, see bench/README.md, "Figures behind the code's choices".
    func isAny(column: SQLQueryString, of values: [some Encodable & Sendable]) -> SQLQueryString {
        switch self {
        case .postgres: "\(column) = ANY(\(bind: values))"
        case .sqlite: "\(column) IN (\(binds: values))"
        }
    }

    /// `values` as a table `name` of one column, `column`, to select from or join: an array
    /// unnested on PostgreSQL (one parameter), a `VALUES` list on SQLite (a parameter each).
    /// `values` must not be empty.
    func table(of values: [some Encodable & Sendable], _ name: String, column: String) -> SQLQueryString {
        switch self {
        case .postgres:
            "unnest(\(bind: values)) AS \(ident: name)(\(ident: column))"
        case .sqlite:
            """
            (SELECT column1 AS \(ident: column) FROM (VALUES \(SQLList(values.map { SQLGroupExpression([SQLBind($0)]) })))) AS \(ident: name)
            """
        }
    }

    /// `column` equal to one of `texts`, with one parameter whatever their number (an array on
    /// PostgreSQL, a JSON array read by `json_each` on SQLite): for lists whose length the API
    /// does not bound as tightly as the databases bound parameters (32,766 on SQLite, 65,535 on
    /// PostgreSQL), such as every e-mail of a thousand prospects.
    func isAnyText(_ column: String, of texts: [String]) -> SQLQueryString {
        switch self {
        case .postgres: "\(ident: column) = ANY(\(bind: texts))"
        case .sqlite: "\(ident: column) IN (SELECT value FROM json_each(\(bind: CanonicalJSON.array(of: texts))))"
        }
    }
}
