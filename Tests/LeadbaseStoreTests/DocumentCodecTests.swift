import Foundation
import Testing

@testable import LeadbaseStore

/// Documents compressed one by one against a dictionary come back byte for byte, and input that
/// is not what the compressor wrote is refused, never read past.
@Suite("Document codec")
struct DocumentCodecTests {
    static let documents: [String] = (0..<200).map { index in
        """
        {"city":"Zürich \(index % 7)","companyId":null,"emails":["ann.lee\(index)@example.com"],"firstName":"Ann","headline":"\
        \(String(repeating: "Director of Sales ", count: index % 5))","lastName":"Lee \(index)","skills":["a","b","\(index)"]}
        """
    }

    @Test("round trips, with a dictionary and without, short and long, repetitive and not")
    func roundTrip() throws {
        var random = SystemRandomNumberGenerator()
        let noise = String((0..<5_000).map { _ in Character(UnicodeScalar(UInt8.random(in: 32...126, using: &random))) })
        let inputs = Self.documents + ["", "a", "abcd", String(repeating: "x", count: 70_000), noise, noise + noise]
        for dictionary in [[], Array(Self.documents.prefix(20).joined().utf8), Array(noise.utf8)] {
            let compressor = DocumentCompressor(dictionary: dictionary)
            var total = (plain: 0, compressed: 0)
            for input in inputs {
                var compressed: [UInt8] = []
                Array(input.utf8).withUnsafeBytes { compressor.compress($0, into: &compressed) }
                let back = try compressed.withUnsafeBytes { compressed in
                    try compressor.dictionary.withUnsafeBytes { try DocumentDecompressor.decompress(compressed, dictionary: $0) }
                }
                #expect(back == Array(input.utf8), "\(input.prefix(40))… with a dictionary of \(dictionary.count)")
                total.plain += input.utf8.count
                total.compressed += compressed.count
            }
            #expect(total.compressed < total.plain / 2)
        }
    }

    @Test("damaged input is refused or, where what is left still decodes whole, read right; never read past")
    func damaged() throws {
        let compressor = DocumentCompressor(dictionary: Array(Self.documents.prefix(10).joined().utf8))
        var compressed: [UInt8] = []
        Array(Self.documents[50].utf8).withUnsafeBytes { compressor.compress($0, into: &compressed) }
        var refused = 0
        for index in compressed.indices {
            for change: UInt8 in [0x01, 0x80, 0xFF] {
                var broken = compressed
                broken[index] ^= change
                let result = broken.withUnsafeBytes { broken in
                    compressor.dictionary.withUnsafeBytes { try? DocumentDecompressor.decompress(broken, dictionary: $0) }
                }
                if result == nil { refused += 1 }
            }
        }
        #expect(refused > 0)
        var decoded = 0
        for length in 0..<compressed.count {
            let cut = Array(compressed.prefix(length))
            let result = cut.withUnsafeBytes { cut in
                compressor.dictionary.withUnsafeBytes { try? DocumentDecompressor.decompress(cut, dictionary: $0) }
            }
            if let result {
                // Only an empty last sequence can go and leave the document whole.
                #expect(result == Array(Self.documents[50].utf8), "cut at \(length)")
                decoded += 1
            }
        }
        #expect(decoded <= 1)
    }
}
