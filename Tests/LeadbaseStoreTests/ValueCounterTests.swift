import Testing

@testable import LeadbaseStore

@Suite("Autocomplete value counts")
struct ValueCounterTests {
    @Test("counts are exact for the values kept; past its capacity a counter keeps those first seen and counts no new one")
    func capacity() {
        var counter = ValueCounter<Void>(capacity: 2)
        for names in [["Sales", "Marketing"], ["Law"], ["sales"], ["Marketing", "Law", "Art"], ["Sales"]] { counter.count(names, by: 1) }
        let ranked = counter.ranked()
        #expect(ranked.payloads.map(\.name) == ["Sales", "Marketing"])
        #expect(ranked.payloads.map(\.count) == [3, 2])
        #expect(ranked.lookup("law", window: .init(offset: 0, limit: 10)).total == 0)
        #expect(ranked.lookup("mar", window: .init(offset: 0, limit: 10)).items.map(\.payload.name) == ["Marketing"])
    }

    @Test("a removed record's values count one less; a value held by none is dropped and frees its place, its name with it")
    func removal() {
        var counter = ValueCounter<Void>(capacity: 2)
        counter.count(["Sales", "Marketing"], by: 1)
        counter.count(["SALES"], by: 1)
        counter.count(["Law"], by: 1)
        #expect(counter.ranked().payloads.map(\.count) == [2, 1], "Law is past the capacity")
        counter.count(["Sales", "Marketing"], by: -1)
        #expect(counter.ranked().payloads.map(\.name) == ["Sales"], "Marketing is held by none")
        #expect(counter.ranked().payloads.map(\.count) == [1])
        counter.count(["Law"], by: -1)
        #expect(counter.ranked().payloads.map(\.count) == [1], "a value not counted is not taken off")
        counter.count(["law", "Art"], by: 1)
        #expect(counter.ranked().payloads.map(\.name) == ["law", "Sales"], "the freed place goes to the next value seen")
        counter.count(["sales"], by: -1)
        counter.count(["SALES"], by: 1)
        #expect(counter.ranked().payloads.map(\.name) == ["law", "SALES"], "a value counted again takes the name it comes with")
    }
}
