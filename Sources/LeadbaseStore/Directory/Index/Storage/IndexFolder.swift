import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a search index is kept in: segment files (`IndexFile`, one `Segment` each) and a
/// manifest naming the ones that make up the index, in order, with the directory position the
/// index is current at. Segment files are written whole before the manifest names them, and the
/// manifest is replaced by a rename: a crash at any point leaves the previous index, or files no
/// manifest names (removed at the next start).
///
/// One process writes a folder at a time: the one that holds its lock (`flock` on `lock`, given
/// back by the kernel when the process ends). Another server on the same folder reads what it
/// finds and keeps its changes in memory.
final class IndexFolder: Sendable {
    let path: String
    /// The open lock file; closed (unlocking it) with the folder.
    private let lock: Int32

    /// What the manifest records.
    struct Manifest: Codable, Sendable, Equatable {
        var format: Int
        /// `directory_revision.instance` of the database the index is of.
        var instance: String
        var revision: Int64
        /// `pg_current_snapshot()` as text on PostgreSQL.
        var snapshot: String?
        /// Segment file names, oldest first.
        var segments: [String]

        var position: DirectoryPosition { DirectoryPosition(revision: revision, snapshot: snapshot) }
    }

    private init(path: String, lock: Int32) {
        self.path = path
        self.lock = lock
    }

    /// Creates `path` if needed and takes its lock; nil when another process holds it.
    static func claim(_ path: String) throws -> IndexFolder? {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let descriptor = open((path as NSString).appendingPathComponent("lock"), O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return IndexFolder(path: path, lock: descriptor)
    }

    deinit {
        close(lock)
    }

    static let manifestName = "manifest.json"

    /// The manifest in `folder`, if there is one that reads.
    static func manifest(in folder: String) throws -> Manifest? {
        let file = (folder as NSString).appendingPathComponent(manifestName)
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return try JSONDecoder().decode(Manifest.self, from: data)
    }

    /// Replaces the manifest, durably.
    func write(_ manifest: Manifest) throws {
        let file = (path as NSString).appendingPathComponent(Self.manifestName)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let temporary = file + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: try encoder.encode(manifest)),
            let handle = FileHandle(forUpdatingAtPath: temporary)
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary]) }
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, file) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file]) }
        IndexFile.syncFolder(of: file)
    }

    /// Writes `sections` (a segment made in memory) as a new segment file; answers its name.
    func write(_ sections: SegmentSections) throws -> String {
        let name = newSegmentName()
        let writer = try IndexFile.Writer(path: filePath(name))
        do {
            for (section, bytes) in sections.all { try writer.add(section, bytes) }
            try writer.finish(metadata: sections.metadata)
        } catch {
            writer.abandon()
            throw error
        }
        return name
    }

    /// A new segment file's name.
    func newSegmentName() -> String {
        "segment-\(UUID().uuidString.lowercased()).lbi"
    }

    func filePath(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Removes every segment file (finished or not) that `keeping` does not name.
    func removeSegments(except keeping: [String]) {
        let kept = Set(keeping)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        where name.hasPrefix("segment-") && !kept.contains(name) {
            unlink(filePath(name))
        }
    }

    /// Removes the manifest, every segment and the saved autocomplete vocabulary: what a damaged
    /// index comes to.
    func clear() {
        unlink(filePath(Self.manifestName))
        unlink(filePath(SavedVocabulary.fileName))
        removeSegments(except: [])
    }
}

/// Where new segments are made: as files of the index folder, mapped once written, or in memory
/// when the index has no folder (or another process writes it).
struct SegmentStore: Sendable {
    let folder: IndexFolder?

    func make(_ write: (any SectionSink) throws -> [String: String]) throws -> Segment {
        guard let folder else {
            let memory = MemorySections()
            let metadata = try write(memory)
            return try Segment(memory.sections(metadata: metadata), file: nil)
        }
        let name = folder.newSegmentName()
        let writer = try IndexFile.Writer(path: folder.filePath(name))
        do {
            let metadata = try write(writer)
            try writer.finish(metadata: metadata)
        } catch {
            writer.abandon()
            throw error
        }
        return try Self.open(name, in: folder.path, checking: .none)
    }

    /// The segment file `name` of `folder`, checked (`checking`) before it is trusted: by
    /// default every section but the documents, which `Segment.checkUnchecked` checks after.
    static func open(_ name: String, in folder: String, checking: IndexFile.Checking = .allBut(Segment.checkedAfterOpening)) throws
        -> Segment
    {
        let (file, footer) = try IndexFile.open((folder as NSString).appendingPathComponent(name), checking: checking)
        return try Segment(SegmentSections(file: file, footer: footer, unchecked: checking.deferred(in: footer)), file: name)
    }
}
