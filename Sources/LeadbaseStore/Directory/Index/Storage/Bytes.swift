/// A growing byte array that integers are appended to: LEB128 varints (7 bits a byte, the high
/// bit set on every byte but the last) and fixed-width little-endian values.
struct ByteSink {
    var bytes: [UInt8] = []

    var count: Int { bytes.count }

    mutating func varint(_ value: Int) {
        varint(UInt64(value))
    }

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func uint16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ other: some Sequence<UInt8>) {
        bytes.append(contentsOf: other)
    }
}

/// Reads what `ByteSink` wrote, from memory that outlives it (a mapped file, or an array the
/// caller keeps alive).
struct ByteCursor {
    let base: UnsafeRawPointer
    var offset: Int

    init(_ base: UnsafeRawPointer, at offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    @inline(__always) mutating func varint() -> Int {
        var byte = base.load(fromByteOffset: offset, as: UInt8.self)
        offset += 1
        if byte < 0x80 { return Int(byte) }
        var value = Int(byte & 0x7F)
        var shift = 7
        repeat {
            byte = base.load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            value |= Int(byte & 0x7F) << shift
            shift += 7
        } while byte >= 0x80
        return value
    }

    @inline(__always) mutating func uint16() -> UInt16 {
        let value = UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
        offset += 2
        return value
    }

    /// The next `count` bytes, skipped over.
    @inline(__always) mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer {
        let bytes = UnsafeRawBufferPointer(start: base + offset, count: count)
        offset += count
        return bytes
    }
}

/// A typed view of a section of an index file (or of an array held alive beside it). Elements
/// must be plain bytes (integers, `UUID`), as they were written.
struct FlatArray<Element>: @unchecked Sendable, RandomAccessCollection {
    // @unchecked: read-only memory owned by a `MappedFile` or `SegmentMemory` that whoever holds
    // this view also holds.
    let base: UnsafeRawPointer?
    let count: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress
        count = bytes.count / MemoryLayout<Element>.stride
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    @inline(__always) subscript(index: Int) -> Element {
        base!.load(fromByteOffset: index * MemoryLayout<Element>.stride, as: Element.self)
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count * MemoryLayout<Element>.stride) }
}
