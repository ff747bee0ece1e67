/// A fast 64-bit checksum of bytes, for telling a whole index file from a damaged one: four
/// independent lanes of multiply-rotate rounds over 32-byte stripes, then the tail, then a final
/// mix (the structure of xxHash64). Not a cryptographic hash: it detects damage, not forgery.
/// Bytes may come in pieces (`update`); the checksum is that of all of them end to end.
struct Checksum {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63

    private var lanes = (prime1 &+ prime2, prime2, UInt64(0), 0 &- prime1)
    private var total = 0
    /// The bytes of an unfinished stripe.
    private var pending: [UInt8] = []

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = Checksum()
        checksum.update(bytes)
        return checksum.value
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        total += bytes.count
        var index = 0
        if !pending.isEmpty {
            let taken = min(32 - pending.count, bytes.count)
            pending += bytes[0..<taken]
            index = taken
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { stripe($0, at: 0) }
            pending.removeAll(keepingCapacity: true)
        }
        while index + 32 <= bytes.count {
            stripe(bytes, at: index)
            index += 32
        }
        pending += bytes[index...]
    }

    private mutating func stripe(_ bytes: UnsafeRawBufferPointer, at index: Int) {
        lanes.0 = Self.round(lanes.0, Self.word(bytes, index))
        lanes.1 = Self.round(lanes.1, Self.word(bytes, index + 8))
        lanes.2 = Self.round(lanes.2, Self.word(bytes, index + 16))
        lanes.3 = Self.round(lanes.3, Self.word(bytes, index + 24))
    }

    var value: UInt64 {
        var hash: UInt64
        if total >= 32 {
            hash = Self.rotate(lanes.0, 1) &+ Self.rotate(lanes.1, 7) &+ Self.rotate(lanes.2, 12) &+ Self.rotate(lanes.3, 18)
            for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { hash = (hash ^ Self.round(0, lane)) &* Self.prime1 &+ Self.prime4 }
        } else {
            hash = Self.prime3
        }
        hash &+= UInt64(total)
        pending.withUnsafeBytes { tail in
            var index = 0
            while index + 8 <= tail.count {
                hash = Self.rotate(hash ^ Self.round(0, Self.word(tail, index)), 27) &* Self.prime1 &+ Self.prime4
                index += 8
            }
            while index < tail.count {
                hash = Self.rotate(hash ^ (UInt64(tail[index]) &* Self.prime3), 11) &* Self.prime1
                index += 1
            }
        }
        hash ^= hash >> 33
        hash &*= Self.prime2
        hash ^= hash >> 29
        hash &*= Self.prime3
        hash ^= hash >> 32
        return hash
    }

    @inline(__always) private static func word(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    @inline(__always) private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    @inline(__always) private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }
}
