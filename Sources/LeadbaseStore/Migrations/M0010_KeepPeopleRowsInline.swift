extension Migration {
    /// A person's row stays in one piece on PostgreSQL: its variable-length columns are stored
    /// `MAIN` (compressed in the row if it is too wide) instead of `EXTENDED` (compressed, then
    /// moved out to the TOAST table if still too wide). About a third of people's rows were still
    /// over PostgreSQL's 2 kB threshold after compressing their document, so each of those was
    /// written as a row, a TOAST row and a TOAST index entry, and read back the same way. Now a
    /// row leaves the table only if it would not fit in a page (over ~8 kB after compression).
    /// 200k people: 395 MB of rows against 324 MB plus 84 MB of TOAST. Rows written before keep
    /// their form until they are rewritten.
    static let keepPeopleRowsInline = Migration(version: 10, name: "keep people rows inline") { dialect in
        guard dialect == .postgres else { return [] }
        return [alterVariableLengthColumns(of: "people", "SET STORAGE MAIN")]
    }
}
