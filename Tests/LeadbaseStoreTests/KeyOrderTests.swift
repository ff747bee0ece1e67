import Foundation
import Testing

@testable import LeadbaseStore

@Suite("Key order")
struct KeyOrderTests {
    @Test("ids in key order (`precedes`): the order of their bytes, as UUID's own comparison and their text have it")
    func byteOrder() {
        var ids = (0..<1000).map { _ in UUID() }
        // Ids that differ in one byte only, at each end of both halves.
        for byte in [0, 7, 8, 15] {
            var bytes = UUID().uuid
            withUnsafeMutableBytes(of: &bytes) { $0[byte] = 0x00 }
            ids.append(UUID(uuid: bytes))
            withUnsafeMutableBytes(of: &bytes) { $0[byte] = 0xFF }
            ids.append(UUID(uuid: bytes))
        }
        let ordered = ids.sorted { $0.precedes($1) }
        #expect(ordered == ids.sorted())
        #expect(ordered.map(\.uuidString) == ids.map(\.uuidString).sorted())
        #expect([UUID]().sorted { $0.precedes($1) }.isEmpty)
    }
}
