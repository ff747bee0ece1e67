import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The container every file of the search index is written in: named sections of bytes, each
/// 8-byte aligned and checksummed, then a footer (JSON: the sections, and metadata of the
/// caller's) and a fixed trailer that locates and checks the footer.
///
/// ```
/// section 0 | pad | section 1 | pad | … | footer (JSON) | trailer: footer offset, footer length,
///                                                          footer checksum (UInt64 LE each), magic
/// ```
///
/// A file is written under a temporary name, synced, and renamed into place, so a reader sees a
/// whole file or none; and it is checked before it is used (`IndexFile.open`, which may leave
/// named sections to `verify` later): a file that was cut short, or changed by anything else,
/// fails the check and is rebuilt, never trusted.
enum IndexFile {
    static let magic = Array("LBINDEX1".utf8)
    static let trailerLength = 32

    /// What a file's footer says.
    struct Footer: Codable, Sendable {
        struct Section: Codable, Sendable {
            let name: String
            let offset: Int
            let length: Int
            /// `Checksum.of` the section's bytes, in hex.
            let checksum: String
        }

        var sections: [Section]
        /// The caller's description of the contents (a segment's counts and position).
        var metadata: [String: String]
    }

    /// Why a file was not accepted.
    struct Damaged: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "index file \(path) is damaged: \(reason)" }
    }

    /// Writes sections, in order, to a file (see `SectionSink`).
    final class Writer {
        private let temporaryPath: String
        let path: String
        private let handle: FileHandle
        /// Where the file stands, written or buffered.
        private var offset = 0
        private var buffer: [UInt8] = []
        private var footer = Footer(sections: [], metadata: [:])
        private var current: (name: String, start: Int, checksum: Checksum)?

        /// Starts `path` (under a temporary name until `finish`).
        init(path: String) throws {
            self.path = path
            temporaryPath = path + ".partial"
            guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporaryPath)
            else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporaryPath])
            }
            self.handle = handle
            buffer.reserveCapacity(Self.bufferSize)
        }

        private static let bufferSize = 1 << 20

        func begin(_ name: String) throws {
            precondition(current == nil, "a section is open")
            current = (name, offset, Checksum())
        }

        func append(_ bytes: UnsafeRawBufferPointer) throws {
            current!.checksum.update(bytes)
            try write(bytes)
        }

        func end() throws {
            guard let (name, start, checksum) = current else { return }
            current = nil
            footer.sections.append(
                Footer.Section(name: name, offset: start, length: offset - start, checksum: String(checksum.value, radix: 16)))
            let padding = (8 - offset % 8) % 8
            if padding > 0 { try [UInt8](repeating: 0, count: padding).withUnsafeBytes { try write($0) } }
        }

        private func write(_ bytes: UnsafeRawBufferPointer) throws {
            offset += bytes.count
            if buffer.count + bytes.count > Self.bufferSize { try flush() }
            if bytes.count >= Self.bufferSize {
                try handle.write(contentsOf: bytes)
            } else {
                buffer.append(contentsOf: bytes)
            }
        }

        private func flush() throws {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        /// Writes the footer and trailer, syncs the file and moves it to `path`.
        func finish(metadata: [String: String]) throws {
            precondition(current == nil, "a section is open")
            footer.metadata = metadata
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let json = try encoder.encode(footer)
            var trailer: [UInt8] = []
            for value in [UInt64(offset), UInt64(json.count), json.withUnsafeBytes { Checksum.of($0) }] {
                withUnsafeBytes(of: value.littleEndian) { trailer += $0 }
            }
            trailer += IndexFile.magic
            try flush()
            try handle.write(contentsOf: json)
            try handle.write(contentsOf: trailer)
            try handle.synchronize()
            try handle.close()
            guard rename(temporaryPath, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            IndexFile.syncFolder(of: path)
        }

        /// Removes the unfinished file.
        func abandon() {
            try? handle.close()
            unlink(temporaryPath)
        }
    }

    /// Makes a rename in the folder of `path` durable.
    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = Glibc.open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Which sections `open` checks against their checksums.
    enum Checking: Sendable {
        case all, none
        /// Every section but these (checked later, with `verify`).
        case allBut(Set<String>)

        func covers(_ name: String) -> Bool {
            switch self {
            case .all: true
            case .none: false
            case .allBut(let later): !later.contains(name)
            }
        }

        /// The sections of `footer` left for `verify`.
        func deferred(in footer: Footer) -> [Footer.Section] {
            guard case .allBut(let later) = self else { return [] }
            return footer.sections.filter { later.contains($0.name) }
        }
    }

    /// Maps a whole file and checks it: its trailer and its footer, and the checksums of the
    /// sections `checking` covers.
    static func open(_ path: String, checking: Checking = .all) throws -> (MappedFile, Footer) {
        let file = try MappedFile(path: path)
        let bytes = file.bytes
        guard bytes.count >= trailerLength, Array(bytes[(bytes.count - 8)...]) == magic else {
            throw Damaged(path: path, reason: "no trailer (the file is incomplete)")
        }
        func word(_ index: Int) -> Int {
            Int(
                truncatingIfNeeded: UInt64(
                    littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - trailerLength + index * 8, as: UInt64.self)))
        }
        let (footerOffset, footerLength, footerChecksum) = (word(0), word(1), UInt64(bitPattern: Int64(word(2))))
        guard footerOffset >= 0, footerLength > 0, footerOffset + footerLength == bytes.count - trailerLength else {
            throw Damaged(path: path, reason: "the trailer does not match the file's length")
        }
        let footerBytes = UnsafeRawBufferPointer(rebasing: bytes[footerOffset..<(footerOffset + footerLength)])
        guard Checksum.of(footerBytes) == footerChecksum else { throw Damaged(path: path, reason: "the footer's checksum differs") }
        let footer = try JSONDecoder().decode(Footer.self, from: Data(footerBytes))
        for section in footer.sections {
            guard section.offset >= 0, section.length >= 0, section.offset % 8 == 0, section.offset + section.length <= footerOffset else {
                throw Damaged(path: path, reason: "section \(section.name) lies outside the file")
            }
        }
        try verify(footer.sections.filter { checking.covers($0.name) }, of: file)
        return (file, footer)
    }

    /// Checks `sections` of `file` (opened by `open`) against their checksums, 64 MB at a time,
    /// letting go of each piece's pages once read: the process does not hold what it checked.
    static func verify(_ sections: [Footer.Section], of file: MappedFile) throws {
        let piece = 64 << 20
        for section in sections {
            var checksum = Checksum()
            let end = section.offset + section.length
            for start in stride(from: section.offset, to: end, by: piece) {
                let range = start..<min(start + piece, end)
                checksum.update(UnsafeRawBufferPointer(rebasing: file.bytes[range]))
                file.forgetPages(in: range)
            }
            guard String(checksum.value, radix: 16) == section.checksum else {
                throw Damaged(path: file.path, reason: "section \(section.name)'s checksum differs")
            }
        }
    }
}

/// A file mapped read-only into memory, unmapped when released. Its pages are the file cache's:
/// they count towards the process's memory only once read, and the kernel can drop them again.
final class MappedFile: @unchecked Sendable {
    // @unchecked: the mapping is read-only and never changes while this object lives; it is
    // unmapped only in `deinit`, when nothing can reach it any more.
    let bytes: UnsafeRawBufferPointer
    let path: String

    init(path: String) throws {
        self.path = path
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        let length = Int(status.st_size)
        guard length > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), address != UnsafeMutableRawPointer(bitPattern: -1)
        else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        bytes = UnsafeRawBufferPointer(start: address, count: length)
    }

    /// Drops the pages read so far (of `range`, default all) from this process's memory; they
    /// stay in the file cache, where a later read finds them.
    func forgetPages(in range: Range<Int>? = nil) {
        guard let base = bytes.baseAddress else { return }
        let range = range ?? 0..<bytes.count
        // madvise takes whole pages: from the page `range` starts in.
        let start = range.lowerBound - range.lowerBound % Self.pageSize
        madvise(UnsafeMutableRawPointer(mutating: base + start), range.upperBound - start, MADV_DONTNEED)
    }

    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
