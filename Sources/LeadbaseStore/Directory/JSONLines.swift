import Foundation

/// The lines of a JSON Lines file, read in fixed-size chunks so that memory stays constant
/// whatever the file's size. Blank lines are skipped; numbering counts them.
public struct JSONLinesFile: Sequence {
    let path: String
    let chunkSize: Int

    public init(path: String, chunkSize: Int = 1 << 20) {
        self.path = path
        self.chunkSize = chunkSize
    }

    public func makeIterator() -> Iterator {
        Iterator(handle: FileHandle(forReadingAtPath: path), chunkSize: chunkSize)
    }

    public struct Iterator: IteratorProtocol {
        let handle: FileHandle?
        let chunkSize: Int
        var buffer = Data()
        /// Where the unread part of `buffer` starts; the read part is dropped only when a new
        /// chunk arrives, so each byte is copied once, not once per line.
        var position = 0
        var lineNumber = 0
        var finished = false

        public mutating func next() -> (line: Int, text: Data)? {
            while true {
                if let newline = Self.newline(in: buffer, from: buffer.startIndex + position) {
                    let line = buffer[(buffer.startIndex + position)..<newline]
                    position = newline + 1 - buffer.startIndex
                    lineNumber += 1
                    if Self.isBlank(line) { continue }
                    return (lineNumber, Data(line))
                }
                if finished {
                    let line = buffer[(buffer.startIndex + position)...]
                    position = buffer.count
                    guard !line.isEmpty else { return nil }
                    lineNumber += 1
                    return Self.isBlank(line) ? nil : (lineNumber, Data(line))
                }
                let chunk = handle.flatMap { try? $0.read(upToCount: chunkSize) } ?? Data()
                if chunk.isEmpty {
                    finished = true
                } else {
                    buffer = Data(buffer[(buffer.startIndex + position)...]) + chunk
                    position = 0
                }
            }
        }

        /// The index of the next line feed at or after `start` (memchr: a generic search through
        /// `Data`'s subscript cost a tenth of an import).
        static func newline(in buffer: Data, from start: Data.Index) -> Data.Index? {
            buffer.withUnsafeBytes { raw -> Data.Index? in
                let offset = start - buffer.startIndex
                guard offset < raw.count, let base = raw.baseAddress,
                    let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), raw.count - offset)
                else { return nil }
                return buffer.startIndex + (UnsafeRawPointer(found) - base)
            }
        }

        static func isBlank(_ line: Data) -> Bool {
            line.allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
        }
    }
}
