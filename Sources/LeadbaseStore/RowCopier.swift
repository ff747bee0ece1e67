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
        bind(database.dialect)
    }

    func bind(_ dialect: SQLDialectKind) -> any Encodable & Sendable {
        switch self {
        case .text(let text): text
        case .uuid(let uuid): uuid
        case .integer(let integer): integer
        case .list(let items): dialect.listBind(items)
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
        Self.write(values, to: &data)
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

    /// Values in the binary format: each its length in bytes (-1 for NULL), then its bytes as
    /// the column type's `recv` function reads them. The values are measured first and written
    /// into that much room at once: `ByteBuffer`'s own writes check room and ownership on every
    /// call, ~100 a row.
    private static func write(_ values: [RowValue], to data: inout ByteBuffer) {
        let size = values.reduce(0) { $0 + $1.binarySize }
        data.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { room in
            var writer = BinaryWriter(room: room)
            for value in values { writer.write(value) }
            precondition(writer.position == size, "a value's binarySize is not what it writes")
            return size
        }
    }

    /// The `text` type's OID.
    static let textOID: Int32 = 25

    /// A `TIMESTAMPTZ`'s binary value: microseconds since 2000-01-01 00:00 UTC.
    static func microsecondsSince2000(_ date: Date) -> Int64 {
        Int64(((date.timeIntervalSince1970 - 946_684_800) * 1_000_000).rounded())
    }
}

/// Loads rows with `COPY … FROM STDIN` on the connection of the caller's transaction (PostgreSQL
/// only): several times cheaper than a multi-row `INSERT` for both sides, since nothing is
/// bound one value at a time and PostgreSQL parses no statement of thousands of parameters.
///
/// The rows go in the binary format, which PostgreSQL reads with less CPU than the text format
/// (`bench/README.md`, "Figures behind the code's choices"): no escapes to undo, and no UUIDs, timestamps or array literals to parse. Each value must then be
/// exactly its column's type (see `RowValue`).
struct RowCopier: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Sends the rows as one message, each stamped with `revision`. (Chunks of 256 KB, for
    /// PostgreSQL to read one while the next is written, measured slower.)
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
}

extension RowValue {
    /// How many bytes `CopyRows` writes for the value, its length included.
    var binarySize: Int {
        switch self {
        case .text(nil), .uuid(nil), .integer(nil): 4
        case .text(let text?): 4 + text.utf8.count
        case .uuid: 4 + 16
        case .integer, .timestamp: 4 + 8
        case .list(let items): 4 + 12 + (items.isEmpty ? 0 : 8 + items.reduce(0) { $0 + 4 + $1.utf8.count })
        case .document(let head, let tail): 4 + head.utf8.count + tail.count
        }
    }
}

/// Writes values in `COPY`'s binary format into room measured for them (`RowValue.binarySize`);
/// writing past the room stops the program rather than the memory after it.
private struct BinaryWriter {
    let room: UnsafeMutableRawBufferPointer
    var position = 0

    mutating func write(_ value: RowValue) {
        switch value {
        case .text(nil), .uuid(nil), .integer(nil):
            integer(Int32(-1))
        case .text(let text?):
            integer(Int32(text.utf8.count))
            string(text)
        case .uuid(let uuid?):
            integer(Int32(16))
            withUnsafeBytes(of: uuid.uuid) { bytes($0) }
        case .integer(let value?):
            integer(Int32(8))
            integer(Int64(value))
        case .timestamp(let date):
            integer(Int32(8))
            integer(CopyRows.microsecondsSince2000(date))
        case .document(let head, let tail):
            integer(Int32(head.utf8.count + tail.count))
            string(head)
            tail.withUnsafeBytes { bytes($0) }
        case .list(let items):
            // A one-dimensional `TEXT[]` without NULLs: dimensions, flags, element type, then
            // (unless empty) its length and lower bound, and each item's length and bytes.
            integer(Int32(value.binarySize - 4))
            integer(Int32(items.isEmpty ? 0 : 1))
            integer(Int32(0))
            integer(CopyRows.textOID)
            guard !items.isEmpty else { return }
            integer(Int32(items.count))
            integer(Int32(1))
            for item in items {
                integer(Int32(item.utf8.count))
                string(item)
            }
        }
    }

    private mutating func integer(_ value: some FixedWidthInteger) {
        withUnsafeBytes(of: value.bigEndian) { bytes($0) }
    }

    private mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    private mutating func bytes(_ source: UnsafeRawBufferPointer) {
        precondition(source.count <= room.count - position)
        UnsafeMutableRawBufferPointer(rebasing: room[position...]).copyMemory(from: source)
        position += source.count
    }
}
