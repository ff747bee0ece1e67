import Crypto
import Foundation
import LeadbaseCore
import LeadbaseJSON
import NIOPosix

/// Imports people or companies from JSON Lines: each line validated on its own (a bad line is
/// reported with its number and reason, and skipped), good lines upserted in batches, each batch
/// in one transaction. `leadbase import` and `leadbase seed` both go through here.
public struct DirectoryImporter: Sendable {
    public enum Kind: String, Sendable {
        case people
        case companies
    }

    /// What an import did.
    public struct Report: Sendable {
        public var read = 0
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0
        public var rejected: [(line: Int, reason: String)] = []
        public var seconds: Double = 0

        public var rowsPerSecond: Double { seconds > 0 ? Double(read) / seconds : 0 }
    }

    let store: SQLDirectoryStore
    let batchSize: Int
    let concurrentBatches: Int

    /// `concurrentBatches` is how many batches are prepared at once (one core each).
    public init(store: SQLDirectoryStore, batchSize: Int = 1000, concurrentBatches: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.store = store
        self.batchSize = batchSize
        self.concurrentBatches = max(1, concurrentBatches)
    }

    /// Imports `lines`; `progress` is called after each batch.
    ///
    /// A pipeline, so that a small machine's cores and its database are all busy at once:
    ///
    /// - Lines are read in batches, in order.
    /// - Each batch is decoded and prepared (encoded, normalized, rendered for `COPY`) by a task
    ///   of its own, `concurrentBatches` batches at a time. A batch is one task, not one task per
    ///   core, so that no core waits for another's share, or for a batch's one query (its
    ///   companies' names), while there is other work. The decoding and preparing run on
    ///   threads of the import's own (`NIOThreadPool`), not on Swift's cooperative pool: there
    ///   they held every thread of it (one per core) through a batch, and each write, whose
    ///   every step resumes on that pool, waited for one while its PostgreSQL backend sat idle
    ///   in its transaction.
    /// - Prepared batches are written in order, each in one transaction, each told whether the
    ///   write it waited for was all new (`SQLDirectoryStore.write`). On PostgreSQL a batch is
    ///   written beside the one before it (two writes at once, so that the database works on two
    ///   cores) unless the two share a record, whose later line must win; it waits for every
    ///   earlier write. The next batches are prepared meanwhile, and at most `concurrentBatches`
    ///   prepared batches wait to be written, so that memory stays bounded.
    public func run(
        _ kind: Kind, lines: some Sequence<(line: Int, text: Data)>,
        progress: (Report) -> Void = { _ in }
    ) async throws -> Report {
        let clock = ContinuousClock()
        let start = clock.now
        var report = Report()
        var batch: [(line: Int, text: Data)] = []
        var preparing: [Task<ReadyBatch, any Error>] = []
        var writes: [(lines: [Int], touches: SQLDirectoryStore.Touches, write: Task<UpsertOutcome, any Error>)] = []
        let companyNames = CompanyNames()
        let threads = NIOThreadPool(numberOfThreads: concurrentBatches)
        threads.start()

        /// Waits for the oldest write and reports it.
        func settleOldestWrite() async throws {
            let (lineNumbers, _, write) = writes.removeFirst()
            let outcome = try await write.value
            report.inserted += outcome.inserted
            report.updated += outcome.updated
            report.unchanged += outcome.unchanged
            for (index, reason) in outcome.rejected.sorted(by: { $0.key < $1.key }) {
                report.rejected.append((lineNumbers[index], reason))
            }
            report.seconds = (clock.now - start).seconds
            progress(report)
        }

        /// Waits for the oldest batch in preparation and queues its write: behind the last one, or
        /// beside it (see above).
        func writeOldestPrepared() async throws {
            let ready = try await preparing.removeFirst().value
            report.rejected += ready.rejected
            let besideLast = store.writesSideBySide && writes.last.map { !$0.touches.overlaps(ready.touches) } ?? false
            let earlier = (besideLast ? writes.dropLast() : writes[...]).map(\.write)
            writes.append(
                (
                    ready.lineNumbers, ready.touches,
                    Task {
                        var before: UpsertOutcome?
                        for write in earlier { before = try await write.value }
                        return try await ready.write(before.map { $0.updated == 0 && $0.unchanged == 0 && $0.rejected.isEmpty } ?? true)
                    }
                ))
            while writes.count > concurrentBatches { try await settleOldestWrite() }
        }

        func flush() async throws {
            guard !batch.isEmpty else { return }
            let lines = batch
            batch = []
            preparing.append(Task { try await prepare(kind, lines, companyNames: companyNames, on: threads) })
            while preparing.count > concurrentBatches { try await writeOldestPrepared() }
        }

        do {
            for line in lines {
                report.read += 1
                batch.append(line)
                if batch.count >= batchSize { try await flush() }
            }
            try await flush()
            while !preparing.isEmpty { try await writeOldestPrepared() }
            while !writes.isEmpty { try await settleOldestWrite() }
        } catch {
            // Let batches already queued finish (or fail) before the error leaves.
            for task in preparing { task.cancel() }
            for task in preparing { _ = try? await task.value }
            for (_, _, write) in writes { _ = try? await write.value }
            try? await threads.shutdownGracefully()
            throw error
        }
        try await threads.shutdownGracefully()
        report.rejected.sort { $0.line < $1.line }
        return report
    }

    /// A batch decoded and prepared: what is left is to write it.
    struct ReadyBatch: Sendable {
        /// The lines that could not be decoded.
        let rejected: [(line: Int, reason: String)]
        /// The line of each record to write, in order.
        let lineNumbers: [Int]
        let touches: SQLDirectoryStore.Touches
        let write: @Sendable (_ expectingNew: Bool) async throws -> UpsertOutcome
    }

    func prepare(_ kind: Kind, _ lines: [(line: Int, text: Data)], companyNames: CompanyNames, on threads: NIOThreadPool) async throws
        -> ReadyBatch
    {
        let store = store
        switch kind {
        case .people:
            let (people, lineNumbers, rejected) = try await threads.runIfActive { Self.decode(lines, Self.person) }
            let prepared = try await store.prepare(people: people, companies: companyNames, on: threads)
            return ReadyBatch(rejected: rejected, lineNumbers: lineNumbers, touches: prepared.touches) {
                try await store.write(prepared, expectingNew: $0)
            }
        case .companies:
            let (companies, lineNumbers, rejected) = try await threads.runIfActive { Self.decode(lines, Self.company) }
            let prepared = try await store.prepare(companies: companies, on: threads)
            return ReadyBatch(rejected: rejected, lineNumbers: lineNumbers, touches: prepared.touches) {
                try await store.write(prepared, expectingNew: $0)
            }
        }
    }

    /// The records of the lines that decode, with their line numbers; the others with the reason.
    static func decode<Record>(
        _ lines: [(line: Int, text: Data)], _ parse: (Data) throws(LineError) -> Record
    ) -> (records: [Record], lineNumbers: [Int], rejected: [(line: Int, reason: String)]) {
        var records: [Record] = []
        var lineNumbers: [Int] = []
        var rejected: [(line: Int, reason: String)] = []
        records.reserveCapacity(lines.count)
        for line in lines {
            do throws(LineError) {
                records.append(try parse(line.text))
                lineNumbers.append(line.line)
            } catch {
                rejected.append((line.line, error.reason))
            }
        }
        return (records, lineNumbers, rejected)
    }

    struct LineError: Error {
        let reason: String
    }

    static func person(from text: Data) throws(LineError) -> Person {
        // Fast paths: a well-formed line with an id is read in one pass, without `Codable` if the
        // fast reader takes it (nearly every line), else by `JSONDecoder`.
        if let person = text.withUnsafeBytes(Person.importing), !isBlank(person.firstName), !isBlank(person.lastName) {
            return person
        }
        if let person = try? JSONDecoder().decode(Person.self, from: text), !isBlank(person.firstName), !isBlank(person.lastName) {
            return withoutTimestamps(person)
        }
        var object = try object(from: text)
        for key in ["firstName", "lastName"] {
            guard case .string(let value)? = object[key], !isBlank(value) else {
                throw LineError(
                    reason: object[key] == nil || object[key] == .null ? "\(key): Required" : "\(key): Expected a non-empty string")
            }
        }
        return try decode(Person.self, from: &object)
    }

    static func company(from text: Data) throws(LineError) -> Company {
        if let company = try? JSONDecoder().decode(Company.self, from: text),
            !isBlank(company.name)
        {
            var copy = company
            copy.createdAt = nil
            copy.updatedAt = nil
            return copy
        }
        var object = try object(from: text)
        guard case .string(let name)? = object["name"], !isBlank(name) else {
            throw LineError(
                reason: object["name"] == nil || object["name"] == .null ? "name: Required" : "name: Expected a non-empty string")
        }
        return try decode(Company.self, from: &object)
    }

    /// Whether `text` is empty or white space only (`CharacterSet.whitespaces`). Any other ASCII
    /// character answers at once; Foundation's trimming is left for the rest.
    static func isBlank(_ text: String) -> Bool {
        if text.utf8.contains(where: { $0 < 0x80 && $0 != 0x20 && $0 != 0x09 }) { return false }
        return text.trimmingCharacters(in: .whitespaces).isEmpty
    }

    static func withoutTimestamps(_ person: Person) -> Person {
        var copy = person
        copy.createdAt = nil
        copy.updatedAt = nil
        return copy
    }

    /// The slow path, for lines the fast path refused: the exact reason, or a record without id.
    static func object(from text: Data) throws(LineError) -> [String: JSONValue] {
        guard let value = try? JSONValue.parse(text) else {
            throw LineError(reason: "not valid JSON")
        }
        guard case .object(let object) = value else { throw LineError(reason: "expected a JSON object, got \(value.typeName)") }
        return object
    }

    /// Decodes a record. A record without `id` gets one derived from its content, so that
    /// re-importing the same line finds the same record instead of making a copy.
    static func decode<T: Decodable>(_ type: T.Type, from object: inout [String: JSONValue]) throws(LineError) -> T {
        if object["id"] == nil || object["id"] == .null {
            object["id"] = .string(derivedID(of: object).uuidString)
        }
        // Timestamps are the directory's own.
        object["createdAt"] = nil
        object["updatedAt"] = nil
        do {
            return try JSONValue.object(object).decode(type)
        } catch let error as DecodingError {
            throw LineError(reason: describe(error))
        } catch {
            throw LineError(reason: "\(error)")
        }
    }

    static func derivedID(of object: [String: JSONValue]) -> UUID {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let digest = Array(SHA256.hash(data: (try? encoder.encode(JSONValue.object(object))) ?? Data()))
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // version 5 style: name-based
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// `workExperiences.0.dates.start: Expected String, found number`-style reasons.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        func name(_ type: Any.Type) -> String {
            let swiftName = String(describing: type)
            if swiftName.hasPrefix("Array") { return "a list" }
            if swiftName.hasPrefix("Dictionary") { return "an object" }
            switch swiftName {
            case "String", "UUID": return "a string"
            case "Int", "Double", "Int64": return "a number"
            case "Bool": return "true or false"
            default: return "an object"
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(name(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(name(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): Required"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
