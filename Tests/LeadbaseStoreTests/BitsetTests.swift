import Testing

@testable import LeadbaseStore

@Suite("Bitset")
struct BitsetTests {
    /// Members at the edges of words and of the set, on capacities that end within a word and on one.
    static let cases: [(capacity: Int, members: [Int32])] = [
        (0, []), (1, [0]), (64, [0, 63]), (130, [0, 1, 63, 64, 65, 127, 128, 129]), (1_000, Array(stride(from: 3, to: 1_000, by: 7))),
    ]

    @Test("ranks: how many members are below each ordinal, from 0 to the capacity, repeats included")
    func ranks() {
        for (capacity, members) in Self.cases {
            let set = Bitset(capacity: capacity, members)
            let ordinals = (0...capacity).flatMap { [$0, $0] }
            let expected = ordinals.map { ordinal in members.count { Int($0) < ordinal } }
            #expect(set.ranks(below: ordinals) == expected, "capacity \(capacity)")
            #expect(set.ranks(below: []) == [])
        }
    }

    @Test("members: the window of the ascending order, whole words skipped")
    func members() {
        for (capacity, members) in Self.cases {
            let set = Bitset(capacity: capacity, members)
            for offset in [0, 1, 2, members.count - 1, members.count, members.count + 5] where offset >= 0 {
                for limit in [0, 1, 3, 1_000] {
                    let expected = Array(members.dropFirst(offset).prefix(limit))
                    #expect(set.members(offset: offset, limit: limit) == expected, "capacity \(capacity), \(offset) + \(limit)")
                }
            }
            #expect(set.count == members.count)
        }
    }
}
