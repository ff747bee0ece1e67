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
        var lineNumber = 0
        var finished = false

        public mutating func next() -> (line: Int, text: Data)? {
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer = Data(buffer[(newline + 1)...])
                    lineNumber += 1
                    if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                    return (lineNumber, Data(line))
                }
                if finished {
                    guard !buffer.isEmpty else { return nil }
                    let line = buffer
                    buffer = Data()
                    lineNumber += 1
                    if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { return nil }
                    return (lineNumber, line)
                }
                let chunk = handle.flatMap { try? $0.read(upToCount: chunkSize) } ?? Data()
                if chunk.isEmpty { finished = true } else { buffer.append(chunk) }
            }
        }
    }
}
