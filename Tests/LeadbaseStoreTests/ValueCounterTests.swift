import Testing

@testable import LeadbaseStore

@Suite("Autocomplete value counts")
struct ValueCounterTests {
    @Test("counts are exact for the values kept; past its capacity a counter keeps those first seen and counts no new one")
    func capacity() {
        var counter = ValueCounter<Void>(capacity: 2)
        for names in [["Sales", "Marketing"], ["Law"], ["sales"], ["Marketing", "Law", "Art"], ["Sales"]] { counter.add(names) }
        let ranked = counter.ranked()
        #expect(ranked.payloads.map(\.name) == ["Sales", "Marketing"])
        #expect(ranked.payloads.map(\.count) == [3, 2])
        #expect(ranked.lookup("law", window: .init(offset: 0, limit: 10)).total == 0)
        #expect(ranked.lookup("mar", window: .init(offset: 0, limit: 10)).items.map(\.payload.name) == ["Marketing"])
    }
}
