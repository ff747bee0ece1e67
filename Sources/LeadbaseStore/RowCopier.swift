import Foundation
import LeadbaseCore
import Logging
import NIOCore
import PostgresNIO

/// A value of a row written in bulk: bound to an `INSERT`, or written in `COPY`'s binary format.
enum RowValue: Sendable {
    case text(String?)
    case uuid(UUID?)
    /// A `BIGINT` column on PostgreSQL (every integer column `COPY` writes is one).
    case integer(Int?)
    /// A `textList` column (see `ColumnTypes`).
    case list([String])
    case timestamp(Date)
    /// A text written as two parts (see `EncodedRecord.document`), without being joined first.
    case document(head: String, tail: ArraySlice<UInt8>)

    func bind(_ database: Database) -> any Encodable & Sendable {
        switch self {
        case .text(let text): text
        case .uuid(let uuid): uuid
        case .integer(let integer): integer
        case .list(let items): database.listBind(items)
        case .timestamp(let date): date
        case .document(let head, let tail): head + String(decoding: tail, as: UTF8.self)
        }
    }
}

/// Rows in `COPY`'s binary format, each still without its last value, the revision stamp of
/// the write that sends them (the importer renders a batch's rows while it prepares the batch,
/// before the write has its stamp): `stream(revision:)` fills it in.
struct CopyRows: Sendable {
    /// The stream so far: its header, then each row.
    private var data: ByteBuffer
    /// Where each row's revision goes.
    private var revisionOffsets: [Int] = []

    var count: Int { revisionOffsets.count }

    /// `capacity`: how many rows are coming (a person's row is ~2.5 kB).
    init(capacity: Int) {
        data = ByteBufferAllocator().buffer(capacity: Self.signature.count + 8 + capacity * 2560)
        data.writeBytes(Self.signature)
        data.writeInteger(Int32(0))  // flags
        data.writeInteger(Int32(0))  // header extension length
        revisionOffsets.reserveCapacity(capacity)
    }

    /// What starts a binary `COPY` stream.
    static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]

    /// Adds a row of `values` and then, later, the revision (a `BIGINT`).
    mutating func append(_ values: [RowValue]) {
        data.writeInteger(Int16(values.count + 1))
        RowCopier.write(values, to: &data)
        data.writeInteger(Int32(8))
        revisionOffsets.append(data.writerIndex)
        data.writeInteger(Int64(0))  // set by `stream`
    }

    /// The whole stream, every row stamped with `revision`.
    func stream(revision: Int) -> ByteBuffer {
        var stream = data
        for offset in revisionOffsets { stream.setInteger(Int64(revision), at: offset) }
        stream.writeInteger(Int16(-1))  // trailer
        return stream
    }
}

/// Loads rows with `COPY … FROM STDIN` on the connection of the caller's transaction (PostgreSQL
/// only): several times cheaper than a multi-row `INSERT` for both sides, since nothing is
/// bound one value at a time and PostgreSQL parses no statement of thousands of parameters.
///
/// The rows go in the binary format, which PostgreSQL reads with a sixth less CPU than the text
/// format (100k people rows loaded from a file on the server: 3.0–3.2 s against 3.6–3.9 s): no
/// escapes to undo, and no UUIDs, timestamps or array literals to parse. Each value must then be
/// exactly its column's type (see `RowValue`).
struct RowCopier: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Sends the rows as one message, each stamped with `revision`. (Chunks of 256 KB, for
    /// PostgreSQL to read one while the next is written, measured slower in two runs each: ~20 µs
    /// more of the importer's CPU per row.)
    func copy(into table: String, columns: [String], rows: CopyRows, revision: Int) async throws {
        let data = rows.stream(revision: revision)
        try await connection.copyFrom(table: Self.binaryCopy(into: table, columns: columns), logger: logger) { writer in
            try await writer.write(data)
        }
    }

    /// PostgresNIO's `copyFrom` offers only the text format: it writes `COPY "<table>"(…) FROM
    /// STDIN WITH (FORMAT text)`, with the table name as given between the double quotes. So the
    /// name given closes the quote itself, names the columns, asks for the binary format and makes
    /// the rest of PostgresNIO's statement a comment. Table and column names are this module's
    /// constants, never input. (Should PostgresNIO start escaping the name, every `COPY` fails
    /// with "relation does not exist", which every PostgreSQL import test would show.)
    static func binaryCopy(into table: String, columns: [String]) -> String {
        "\(table)\" (\(columns.joined(separator: ", "))) FROM STDIN WITH (FORMAT binary) --"
    }

    /// Values in the binary format: each its length in bytes (-1 for NULL), then its bytes as
    /// the column type's `recv` function reads them.
    static func write(_ values: [RowValue], to data: inout ByteBuffer) {
        for value in values {
            switch value {
            case .text(nil), .uuid(nil), .integer(nil):
                data.writeInteger(Int32(-1))
            case .text(let text?):
                data.writeInteger(Int32(text.utf8.count))
                data.writeString(text)
            case .uuid(let uuid?):
                data.writeInteger(Int32(16))
                withUnsafeBytes(of: uuid.uuid) { _ = data.writeBytes($0) }
            case .integer(let integer?):
                data.writeInteger(Int32(8))
                data.writeInteger(Int64(integer))
            case .list(let items):
                writeArray(items, to: &data)
            case .timestamp(let date):
                data.writeInteger(Int32(8))
                data.writeInteger(microsecondsSince2000(date))
            case .document(let head, let tail):
                data.writeInteger(Int32(head.utf8.count + tail.count))
                data.writeString(head)
                data.writeBytes(tail)
            }
        }
    }

    /// A one-dimensional `TEXT[]` without NULLs: dimensions, element type, then each item's
    /// length and bytes.
    static func writeArray(_ items: [String], to data: inout ByteBuffer) {
        let lengthIndex = data.writerIndex
        data.writeInteger(Int32(0))  // set below
        data.writeInteger(Int32(items.isEmpty ? 0 : 1))  // dimensions
        data.writeInteger(Int32(0))  // flags: no NULLs
        data.writeInteger(textOID)
        if !items.isEmpty {
            data.writeInteger(Int32(items.count))
            data.writeInteger(Int32(1))  // lower bound
            for item in items {
                data.writeInteger(Int32(item.utf8.count))
                data.writeString(item)
            }
        }
        data.setInteger(Int32(data.writerIndex - lengthIndex - 4), at: lengthIndex)
    }

    /// The `text` type's OID.
    static let textOID: UInt32 = 25

    /// A `TIMESTAMPTZ`'s binary value: microseconds since 2000-01-01 00:00 UTC.
    static func microsecondsSince2000(_ date: Date) -> Int64 {
        Int64(((date.timeIntervalSince1970 - 946_684_800) * 1_000_000).rounded())
    }
}
