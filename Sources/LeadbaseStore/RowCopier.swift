import Foundation
import LeadbaseCore
import Logging
import NIOCore
import PostgresNIO

/// A value of a row written in bulk: bound to an `INSERT`, or written in `COPY`'s text format.
enum RowValue: Sendable {
    case text(String?)
    case uuid(UUID?)
    case integer(Int?)
    /// A `textList` column (see `ColumnTypes`).
    case list([String])
    case timestamp(Date)

    func bind(_ database: Database) -> any Encodable & Sendable {
        switch self {
        case .text(let text): text
        case .uuid(let uuid): uuid
        case .integer(let integer): integer
        case .list(let items): database.listBind(items)
        case .timestamp(let date): date
        }
    }
}

/// A row in `COPY`'s text format, rendered before its last values are known (the importer
/// renders each row while it prepares the batch, before the write has its revision stamp): its
/// first values, each followed by a tab; `RowCopier.copy` adds the rest.
struct CopyRow: Sendable {
    let text: ByteBuffer

    init(_ values: [RowValue], timestamps: inout FormattedDates) {
        var text = ByteBufferAllocator().buffer(capacity: 3072)
        RowCopier.write(values, to: &text, timestamps: &timestamps)
        text.writeInteger(UInt8(ascii: "\t"))
        self.text = text
    }
}

/// Loads rows with `COPY … FROM STDIN` on the connection of the caller's transaction (PostgreSQL
/// only): several times cheaper than a multi-row `INSERT` for both sides, since nothing is
/// bound one value at a time and PostgreSQL parses no statement of thousands of parameters.
struct RowCopier: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Sends the rows as one message, each ended by the values of `ending` (what only the
    /// write knows, such as its revision stamp). (Chunks of 256 KB, for PostgreSQL to read one
    /// while the next is written, measured slower in two runs each: ~20 µs more of the importer's
    /// CPU per row.)
    func copy(into table: String, columns: [String], rows: [CopyRow], ending: [RowValue]) async throws {
        guard !rows.isEmpty else { return }
        var end = ByteBufferAllocator().buffer(capacity: 64)
        var timestamps = FormattedDates()
        Self.write(ending, to: &end, timestamps: &timestamps)
        end.writeInteger(UInt8(ascii: "\n"))
        var data = ByteBufferAllocator().buffer(capacity: rows.reduce(0) { $0 + $1.text.readableBytes + end.readableBytes })
        for row in rows {
            data.writeImmutableBuffer(row.text)
            data.writeImmutableBuffer(end)
        }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            try await writer.write(data)
        }
    }

    /// Values in the text format, separated by tabs, `\N` for NULL.
    static func write(_ values: [RowValue], to data: inout ByteBuffer, timestamps: inout FormattedDates) {
        for (index, value) in values.enumerated() {
            if index > 0 { data.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .text(nil), .uuid(nil), .integer(nil):
                data.writeStaticString("\\N")
            case .text(let text?):
                writeEscaped(text, to: &data)
            case .uuid(let uuid?):
                data.writeBytes(uuid.lowercasedText)
            case .integer(let integer?):
                data.writeString(String(integer))
            case .list(let items):
                writeArray(items, to: &data)
            case .timestamp(let date):
                data.writeString(timestamps.text(for: date))
            }
        }
    }

    /// Text with `COPY`'s escapes: a backslash, and the line feed, carriage return and tab that
    /// would otherwise end a row or a value.
    static func writeEscaped(_ text: String, to data: inout ByteBuffer) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                if byte >= 0x20, byte != UInt8(ascii: "\\") { continue }
                let escape: StaticString
                switch byte {
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                default: continue
                }
                data.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[runStart ..< index]))
                data.writeStaticString(escape)
                runStart = index + 1
            }
            data.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[runStart...]))
        }
    }

    /// A `TEXT[]` literal, `{"a","b"}`: each item quoted, with `"` and `\` escaped for the array
    /// and then every backslash escaped again for `COPY`.
    static func writeArray(_ items: [String], to data: inout ByteBuffer) {
        data.writeInteger(UInt8(ascii: "{"))
        for (index, item) in items.enumerated() {
            if index > 0 { data.writeInteger(UInt8(ascii: ",")) }
            data.writeInteger(UInt8(ascii: "\""))
            // Nearly every item needs no escape: written whole.
            if !item.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
                data.writeString(item)
                data.writeInteger(UInt8(ascii: "\""))
                continue
            }
            for byte in item.utf8 {
                switch byte {
                case UInt8(ascii: "\""): data.writeStaticString("\\\\\"")
                case UInt8(ascii: "\\"): data.writeStaticString("\\\\\\\\")
                case 0x0A: data.writeStaticString("\\n")
                case 0x0D: data.writeStaticString("\\r")
                case 0x09: data.writeStaticString("\\t")
                default: data.writeInteger(byte)
                }
            }
            data.writeInteger(UInt8(ascii: "\""))
        }
        data.writeInteger(UInt8(ascii: "}"))
    }

}
