import ArgumentParser
import Foundation
import LeadbaseCore
import LeadbaseJSON
import LeadbaseSeed
import LeadbaseStore

/// `leadbase import`: loads the global directory from JSON Lines files.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import global people and companies from JSON Lines files (upsert by id, else LinkedIn URL).",
        discussion:
            "Companies are imported before people. Bad lines are reported with their number and skipped; the exit status is 1 if any line was rejected."
    )

    @Option(help: "JSON Lines file of people.") var people: String?
    @Option(help: "JSON Lines file of companies.") var companies: String?
    @Option(help: "Records per transaction.") var batchSize = 1000
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard people != nil || companies != nil else { throw ValidationError("give --people, --companies or both") }
        for path in [people, companies].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: path) {
            throw ValidationError("cannot read \(path)")
        }
        guard (1...5000).contains(batchSize) else { throw ValidationError("--batch-size must be 1 to 5000") }
    }

    func run() async throws {
        let reports = try await database.withDatabase { database in
            let importer = DirectoryImporter(store: SQLDirectoryStore(database: database), batchSize: batchSize)
            var reports: [(DirectoryImporter.Kind, DirectoryImporter.Report)] = []
            for (kind, path) in [(DirectoryImporter.Kind.companies, companies), (.people, people)] {
                guard let path else { continue }
                reports.append((kind, try await importer.run(kind, lines: JSONLinesFile(path: path), progress: Progress(kind).show)))
            }
            return reports
        }
        try ImportSummary.print(reports, output)
    }
}

/// `leadbase seed`: a deterministic synthetic directory, imported or written as JSON Lines.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a deterministic, realistic synthetic directory.",
        discussion:
            "Without --out the records are imported into the database (through the same importer as `import`); with --out they are written to OUT/companies.jsonl and OUT/people.jsonl."
    )

    @Option(help: "Number of people.") var people = 1000
    @Option(help: "Number of companies.") var companies = 100
    @Option(help: "Seed; the same seed gives the same directory.") var seed: UInt64 = 1
    @Option(help: "Folder to write JSON Lines to instead of importing.") var out: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard people >= 0, companies >= 0 else { throw ValidationError("counts must not be negative") }
        guard people == 0 || companies > 0 else { throw ValidationError("people need at least one company") }
    }

    func run() async throws {
        let directory = DirectorySeed(seed: seed, companies: companies, people: people)
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try write(JSONLinesOf(directory.companies), to: "\(out)/companies.jsonl")
            try write(JSONLinesOf(directory.people), to: "\(out)/people.jsonl")
            try output.print(
                ["companies": "\(out)/companies.jsonl", "people": "\(out)/people.jsonl"],
                human: "Wrote \(companies) companies and \(people) people to \(out)")
            return
        }
        let reports = try await database.withDatabase { database in
            let importer = DirectoryImporter(store: SQLDirectoryStore(database: database))
            return [
                (
                    DirectoryImporter.Kind.companies,
                    try await importer.run(.companies, lines: JSONLinesOf(directory.companies), progress: Progress(.companies).show)
                ),
                (.people, try await importer.run(.people, lines: JSONLinesOf(directory.people), progress: Progress(.people).show)),
            ]
        }
        try ImportSummary.print(reports, output)
    }

    /// Writes `lines` as a JSON Lines file.
    func write(_ lines: JSONLinesOf<some Sequence>, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("cannot write \(path)")
        }
        defer { try? handle.close() }
        var buffer = Data()
        for (_, line) in lines {
            buffer.append(line)
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count > 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }
}

/// Records as numbered JSON lines, encoded one at a time in their canonical form
/// (`DirectoryRecord.canonicalDocument`). For the seed's records, which have no timestamps
/// (the canonical form leaves them out).
struct JSONLinesOf<Records: Sequence>: Sequence where Records.Element: DirectoryRecord {
    let records: Records
    init(_ records: Records) { self.records = records }

    func makeIterator() -> AnyIterator<(line: Int, text: Data)> {
        var iterator = records.makeIterator()
        var number = 0
        return AnyIterator {
            guard let record = iterator.next() else { return nil }
            number += 1
            return (number, Data((try? record.canonicalDocument()) ?? []))
        }
    }
}

/// Progress on stderr, at most once a second: rows and rows per second.
final class Progress {
    let kind: DirectoryImporter.Kind
    var lastShown = ContinuousClock.now

    init(_ kind: DirectoryImporter.Kind) { self.kind = kind }

    func show(_ report: DirectoryImporter.Report) {
        guard ContinuousClock.now - lastShown >= .seconds(1) else { return }
        lastShown = .now
        FileHandle.standardError.write(Data("\(kind.rawValue): \(report.read) rows, \(Int(report.rowsPerSecond)) rows/s\n".utf8))
    }
}

/// The end of an import: per kind, what happened and every rejected line; exit 1 if any.
enum ImportSummary {
    struct Line: Encodable {
        let kind: String
        let read, inserted, updated, unchanged: Int
        let rejected: [Rejected]
        let seconds: Double
        let rowsPerSecond: Int
    }

    struct Rejected: Encodable {
        let line: Int
        let reason: String
    }

    static func print(_ reports: [(DirectoryImporter.Kind, DirectoryImporter.Report)], _ output: OutputOptions) throws {
        let lines = reports.map { kind, report in
            Line(
                kind: kind.rawValue, read: report.read, inserted: report.inserted, updated: report.updated,
                unchanged: report.unchanged, rejected: report.rejected.map { Rejected(line: $0.line, reason: $0.reason) },
                seconds: (report.seconds * 100).rounded() / 100, rowsPerSecond: Int(report.rowsPerSecond))
        }
        for line in lines where !output.json {
            for rejected in line.rejected {
                FileHandle.standardError.write(Data("\(line.kind) line \(rejected.line): \(rejected.reason)\n".utf8))
            }
        }
        let human = lines.map {
            "\($0.kind): \($0.read) read, \($0.inserted) inserted, \($0.updated) updated, \($0.unchanged) unchanged, \($0.rejected.count) rejected in \($0.seconds)s (\($0.rowsPerSecond) rows/s)"
        }.joined(separator: "\n")
        try output.print(lines, human: human)
        if lines.contains(where: { !$0.rejected.isEmpty }) { throw ExitCode(1) }
    }
}
