import LeadbaseCore

/// Values in one total order, each with what a suggestion shows of it, found by the words typed
/// so far: the SMART rule of the filter grammar over the values' names (see
/// `DirectoryAutocomplete`), through the same word dictionary a text filter uses. Because values
/// are numbered in their order, the members of a match are already sorted: a page is a walk
/// over its set bits, and the total a population count.
struct RankedValues<Payload: Sendable>: Sendable {
    let payloads: [Payload]
    /// The names, each a text of a list field of the search index, kept in memory.
    private let names: TextFieldIndex
    /// What keeps `names`' memory.
    private let sections: SegmentSections

    /// `entries` in their order, each with the names it is found by.
    init(_ entries: [(names: [String], payload: Payload)]) {
        self.init(formed: entries.map { (searchForms(of: $0.names), $0.payload) })
    }

    /// `entries` in their order, each with the forms of its names (`searchForms(of:)`).
    init(formed entries: [(forms: [String], payload: Payload)]) {
        var names = TextFieldBuilder(list: true)
        for (number, entry) in entries.enumerated() {
            names.add(words: entry.forms, smart: entry.forms, record: number)
        }
        let memory = MemorySections()
        var metadata: [String: String] = [:]
        // Memory takes every section; nothing here can fail.
        try! names.finish(name: "names", into: memory, metadata: &metadata)
        sections = memory.sections(metadata: metadata)
        self.names = try! TextFieldIndex(name: "names", list: true, in: sections)
        payloads = entries.map(\.payload)
    }

    var count: Int { payloads.count }

    /// The values matching `text` in `window` of the order, with their positions, and how many
    /// match in all.
    func lookup(_ text: String, window: ResultWindow) -> (items: [(position: Int, payload: Payload)], total: Int) {
        let words = TextNormalizer.words(text, foldingAccents: true)
        var matching = Bitset(capacity: count, filled: words.isEmpty)
        if !words.isEmpty { names.insert(matching: .text(.smart, words: words), into: &matching) }
        let members = matching.members(offset: window.offset, limit: window.limit)
        return (members.enumerated().map { (window.offset + $0, payloads[Int($1)]) }, matching.count)
    }
}

/// What a value is found by in `RankedValues`: each of its names padded and folded, as a SMART
/// filter's text, once each, sorted. Those who keep values between rankings work it out once a
/// value.
func searchForms(of names: [String]) -> [String] {
    Set(names.map { TextNormalizer.padded($0, foldingAccents: true) }).sorted()
}

/// Counts how many records hold each value of one kind, telling values apart by
/// `TextNormalizer.foldedKey` and showing each as it was first counted, then ranks them: most
/// held first, then by folded key.
///
/// At most `capacity` distinct values are kept: a value first seen while that many are held is
/// not counted, and the counts of those kept stay exact. Records are counted in id order (a
/// random order) when a whole directory is read, so the values a suggestion is worth making of,
/// held by many, are seen early. Kinds of a few thousand values (places, skills, industries) are
/// whole; a kind of near-unique values (headlines: one a person at 10,000,000 people) would
/// otherwise hold gigabytes. A value whose last holder is removed frees its place.
struct ValueCounter<Extra: Sendable> {
    private var slots: [String: Int] = [:]
    private var entries: [(key: String, name: String, extra: Extra, count: Int)] = []
    /// Each entry's `searchForms`, worked out when it is first counted.
    private var forms: [[String]] = []
    let capacity: Int

    init(capacity: Int = 200_000) {
        self.capacity = capacity
    }

    /// A counter of the values `counted` (as `counted` gave them, saved).
    init(counted: [(key: String, name: String, extra: Extra, count: Int)], capacity: Int = 200_000) {
        self.capacity = capacity
        for entry in counted.prefix(capacity) where entry.count > 0 && slots[entry.key] == nil {
            slots[entry.key] = entries.count
            entries.append(entry)
            forms.append(searchForms(of: [entry.name]))
        }
    }

    /// The values counted, in no particular order.
    var counted: [(key: String, name: String, extra: Extra, count: Int)] { entries }

    /// One record's values, added (`change` 1) or removed (-1): each distinct one counted once.
    mutating func count(_ values: some Sequence<(name: String, extra: Extra)>, by change: Int) {
        // A record holds a handful of values: a scan beats hashing them into a set.
        var seen: [String] = []
        for (name, extra) in values {
            let key = TextNormalizer.foldedKey(name)
            guard !key.isEmpty, !seen.contains(key) else { continue }
            seen.append(key)
            count(key: key, name: name, extra: extra, by: change)
        }
    }

    /// Counts one record holding the value `key` (already folded; callers make it unique per
    /// record) added or removed.
    mutating func count(key: String, name: String, extra: @autoclosure () -> Extra, by change: Int) {
        if let slot = slots[key] {
            entries[slot].count += change
            guard entries[slot].count <= 0 else { return }
            // Its last holder is gone: the last entry takes its slot.
            slots[key] = nil
            let last = entries.removeLast()
            let lastForms = forms.removeLast()
            if slot < entries.count {
                entries[slot] = last
                forms[slot] = lastForms
                slots[last.key] = slot
            }
        } else if change > 0, entries.count < capacity {
            slots[key] = entries.count
            entries.append((key, name, extra(), change))
            forms.append(searchForms(of: [name]))
        }
    }

    /// Changes what is kept of the value `key`, if it was counted.
    mutating func update(key: String, _ change: (inout Extra) -> Void) {
        if let slot = slots[key] { change(&entries[slot].extra) }
    }

    /// The values, most held first.
    func ranked() -> RankedValues<(key: String, name: String, extra: Extra, count: Int)> {
        let order = entries.indices.sorted { left, right in
            let (left, right) = (entries[left], entries[right])
            return left.count != right.count ? left.count > right.count : left.key.utf8.lexicographicallyPrecedes(right.key.utf8)
        }
        return RankedValues(formed: order.map { (forms[$0], entries[$0]) })
    }
}

extension ValueCounter where Extra == Void {
    mutating func count(_ names: some Sequence<String>, by change: Int) {
        count(names.lazy.map { ($0, ()) }, by: change)
    }
}
