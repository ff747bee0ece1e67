import Foundation
import LeadbaseCore

/// Merges consecutive segments of a snapshot into one that holds their live records (those no
/// later segment replaces or removes, as the snapshot worked them out), renumbered in id order,
/// without reading the database: each dictionary is walked once in term order, the posting lists
/// of a term mapped to the new numbers and joined.
///
/// The removals the segments carry are kept unless the first of them is the snapshot's first
/// (nothing older is left for them to hide).
struct SegmentMerger {
    let snapshot: IndexSnapshot
    let range: Range<Int>

    /// Writes the merged segment and answers its metadata.
    func merge(into sink: some SectionSink) throws -> [String: String] {
        let segments = Array(snapshot.segments[range])
        let people = try RecordMerge(
            "p", segments.map(\.people), live: Array(snapshot.livePeople[range]), into: sink)
        let companies = try RecordMerge(
            "c", segments.map(\.companies), live: Array(snapshot.liveCompanies[range]), into: sink)
        var metadata = ["format": String(Segment.format), "people": String(people.count), "companies": String(companies.count)]
        // The documents stay compressed as they are under the first segment's dictionary (all
        // segments of an index share its base's), and are compressed again under it otherwise.
        let dictionary = Array(segments[0].dictionary)
        let compressor = DocumentCompressor(dictionary: dictionary)
        try sink.add("documents.dictionary", compressor.dictionary)
        // Each step reads its inputs' pages once; they are let go as it ends (see `forgetPages`).
        let forget = { for segment in segments { segment.forgetPages() } }
        for merge in [people, companies] {
            try merge.writeDocuments(dictionaries: segments.map(\.dictionary), compressor: compressor, into: sink)
            forget()
        }
        for field in Segment.personFields {
            try people.merge(field, into: sink, metadata: &metadata)
            forget()
        }
        for field in Segment.companyFields { try companies.merge(field, into: sink, metadata: &metadata) }
        try Self.mergeLinks(segments.map(\.links), people: people, into: sink)
        let keepsRemovals = range.lowerBound > 0
        try sink.add("removed.p", keepsRemovals ? SegmentBuilder.sortedUnique(segments.flatMap(\.removedPeople)) : [UUID]())
        try sink.add("removed.c", keepsRemovals ? SegmentBuilder.sortedUnique(segments.flatMap(\.removedCompanies)) : [UUID]())
        return metadata
    }

    private static func mergeLinks(_ inputs: [CompanyLinks], people: RecordMerge, into sink: some SectionSink) throws {
        var ids: [UUID] = []
        var starts: [UInt64] = [0]
        var counts: [UInt32] = []
        var postings = ByteSink()
        var personLinks = [UInt32](repeating: Segment.noLink, count: people.count)
        var next = [Int](repeating: 0, count: inputs.count)
        var heap = MergeHeap(count: inputs.count) { inputs[$0].ids[next[$0]].precedes(inputs[$1].ids[next[$1]]) }
        for input in inputs.indices where inputs[input].count > 0 { heap.push(input) }
        var ordinals: [UInt32] = []
        while let first = heap.peek {
            let company = inputs[first].ids[next[first]]
            ordinals.removeAll(keepingCapacity: true)
            while let input = heap.peek, inputs[input].ids[next[input]] == company {
                heap.pop()
                people.append(inputs[input].people(at: next[input]), from: input, to: &ordinals)
                next[input] += 1
                if next[input] < inputs[input].count { heap.push(input) }
            }
            guard !ordinals.isEmpty else { continue }
            RecordMerge.sortIfNeeded(&ordinals)
            postings.append(PostingCodec.encode(ordinals).bytes)
            for person in ordinals { personLinks[Int(person)] = UInt32(ids.count) }
            ids.append(company)
            starts.append(UInt64(postings.count))
            counts.append(UInt32(ordinals.count))
        }
        try sink.add("p.links.ids", ids)
        try sink.add("p.links.starts", starts)
        try sink.add("p.links.counts", counts)
        try sink.add("p.links.postings", postings.bytes)
        try sink.add("p.link", personLinks)
    }
}

/// One kind of record of the segments being merged: their live records in id order, and for
/// each input record its number in the merged segment (or -1 when it is not carried over).
private struct RecordMerge {
    let prefix: String
    let inputs: [RecordIndex]
    let remaps: [[Int32]]
    let count: Int

    /// Numbers the live records by id, writing their ids (`prefix.ids`) as it goes.
    init(_ prefix: String, _ inputs: [RecordIndex], live: [Bitset], into sink: some SectionSink) throws {
        self.prefix = prefix
        self.inputs = inputs
        var remaps = inputs.map { [Int32](repeating: -1, count: $0.count) }
        var next = live.map { $0.members(offset: 0, limit: 1).first.map(Int.init) ?? Int.max }
        var heap = MergeHeap(count: inputs.count) { inputs[$0].ids[next[$0]].precedes(inputs[$1].ids[next[$1]]) }
        for input in inputs.indices where next[input] != Int.max { heap.push(input) }
        try sink.begin("\(prefix).ids")
        var ids: [UUID] = []
        ids.reserveCapacity(1 << 16)
        var count = 0
        while let input = heap.pop() {
            let ordinal = next[input]
            remaps[input][ordinal] = Int32(count)
            count += 1
            ids.append(inputs[input].ids[ordinal])
            if ids.count == 1 << 16 {
                try sink.append(ids)
                ids.removeAll(keepingCapacity: true)
            }
            next[input] = live[input].nextMember(after: ordinal) ?? Int.max
            if next[input] != Int.max { heap.push(input) }
        }
        try sink.append(ids)
        try sink.end()
        self.remaps = remaps
        self.count = count
    }

    /// Writes the carried-over records' documents in their new order: as they are when their
    /// input's dictionary is `compressor`'s, else decompressed and compressed again.
    func writeDocuments(dictionaries: [FlatArray<UInt8>], compressor: DocumentCompressor, into sink: some SectionSink) throws {
        let same = dictionaries.map { $0.elementsEqual(compressor.dictionary) }
        // The inputs' carried-over records, merged by their new numbers.
        var next = remaps.map { $0.firstIndex { $0 >= 0 } ?? Int.max }
        var heap = MergeHeap(count: inputs.count) { remaps[$0][next[$0]] < remaps[$1][next[$1]] }
        for input in inputs.indices where next[input] != Int.max { heap.push(input) }
        try sink.begin("\(prefix).documents")
        var starts: [UInt64] = [0]
        starts.reserveCapacity(count + 1)
        var offset = 0
        var recompressed: [UInt8] = []
        while let input = heap.pop() {
            let ordinal = next[input]
            let compressed = inputs[input].documents.compressed(at: ordinal)
            if same[input] {
                try sink.append(compressed)
                offset += compressed.count
            } else {
                let document = try DocumentDecompressor.decompress(compressed, dictionary: dictionaries[input].bytes)
                recompressed.removeAll(keepingCapacity: true)
                document.withUnsafeBytes { compressor.compress($0, into: &recompressed) }
                try sink.append(recompressed)
                offset += recompressed.count
            }
            starts.append(UInt64(offset))
            next[input] = remaps[input][(ordinal + 1)...].firstIndex { $0 >= 0 } ?? Int.max
            if next[input] != Int.max { heap.push(input) }
        }
        try sink.end()
        try sink.add("\(prefix).documents.starts", starts)
    }

    /// Adds `list`'s ordinals of input `input`, renumbered, to `ordinals` (dropping those not
    /// carried over).
    func append(_ list: StoredPostings, from input: Int, to ordinals: inout [UInt32]) {
        Self.append(list, through: remaps[input], to: &ordinals)
    }

    static func append(_ list: StoredPostings, through remap: [Int32], to ordinals: inout [UInt32]) {
        remap.withUnsafeBufferPointer { remap in
            PostingCodec.forEach(list) { ordinal in
                let renumbered = remap[ordinal]
                if renumbered >= 0 { ordinals.append(UInt32(renumbered)) }
            }
        }
    }

    /// Sorts `ordinals` unless they already ascend (lists from inputs whose ids interleave),
    /// dropping repeats.
    static func sortIfNeeded(_ ordinals: inout [UInt32]) {
        guard zip(ordinals, ordinals.dropFirst()).contains(where: { $0 >= $1 }) else { return }
        ordinals.sort()
        ordinals.removeDuplicates()
    }

    func merge(_ field: SearchField, into sink: some SectionSink, metadata: inout [String: String]) throws {
        let name = "\(prefix).\(field.rawValue)"
        let indexes = inputs.map { $0.fields[field]! }
        switch FilterCompiler.column(field) {
        case .key, .keys:
            let dictionaries = indexes.map { index -> TermDictionary in
                guard case .keys(let dictionary) = index else { preconditionFailure("a key field of another kind") }
                return dictionary
            }
            metadata["\(name).count"] = String(try mergeDictionaries(name, dictionaries, into: sink).count)
        case .text, .texts:
            let texts = indexes.map { index -> TextFieldIndex in
                guard case .text(let text) = index else { preconditionFailure("a text field of another kind") }
                return text
            }
            let list = texts[0].list
            let wholes = try mergeDictionaries("\(name).wholes", texts.map(\.wholes), into: sink, remappingTerms: list)
            metadata["\(name).wholes.count"] = String(wholes.count)
            let words = try mergeDictionaries("\(name).words", texts.map(\.words), into: sink, secondRemaps: list ? wholes.remaps : nil)
            metadata["\(name).words.count"] = String(words.count)
            let smartWholes = try mergeDictionaries("\(name).smart.wholes", texts.map(\.smartWholes), into: sink, remappingTerms: list)
            metadata["\(name).smart.wholes.count"] = String(smartWholes.count)
            let smartWords = try mergeDictionaries(
                "\(name).smart.words", texts.map(\.smartWords), into: sink, secondRemaps: list ? smartWholes.remaps : nil)
            metadata["\(name).smart.words.count"] = String(smartWords.count)
            var folded: [UInt32] = []
            for (input, text) in texts.enumerated() { append(text.folded, from: input, to: &folded) }
            Self.sortIfNeeded(&folded)
            try sink.add("\(name).folded", PostingCodec.encode(folded).bytes)
            metadata["\(name).folded.count"] = String(folded.count)
        case .number:
            var values = [Int64](repeating: Segment.unknownNumber, count: count)
            for (input, index) in indexes.enumerated() {
                guard case .number(let inputValues, _) = index else { preconditionFailure("a number field of another kind") }
                for (ordinal, target) in remaps[input].enumerated() where target >= 0 { values[Int(target)] = inputValues[ordinal] }
            }
            try sink.add("\(name).values", values)
            try sink.add("\(name).order", Segment.order(of: values))
        }
    }

    /// Merges one dictionary of each input: every term in byte order, with the records of every
    /// input that holds it, renumbered; a term no carried-over record holds is dropped. With
    /// `secondRemaps`, second-channel lists (whole texts) are renumbered through them; with
    /// `remappingTerms`, each input term's number in the merged dictionary is answered.
    private func mergeDictionaries(
        _ name: String, _ dictionaries: [TermDictionary], into sink: some SectionSink, secondRemaps: [[Int32]]? = nil,
        remappingTerms: Bool = false
    ) throws -> (count: Int, remaps: [[Int32]]) {
        var remaps = remappingTerms ? dictionaries.map { [Int32](repeating: -1, count: $0.count) } : []
        var cursors = dictionaries.map { TermDictionary.Cursor($0) }
        var current = cursors.indices.map { cursors[$0].next() }
        var heap = MergeHeap(count: dictionaries.count) { left, right in
            cursors[left].withTerm { left in cursors[right].withTerm { right in TermDictionary.compare(left, right) < 0 } }
        }
        for input in cursors.indices where current[input] != nil { heap.push(input) }
        var builder = TermDictionary.Builder(name: name, channels: secondRemaps == nil ? 1 : 2)
        var ordinals: [UInt32] = []
        var seconds: [UInt32] = []
        var term: [UInt8] = []
        var holders: [(input: Int, ordinal: Int)] = []
        while let first = heap.peek {
            term.removeAll(keepingCapacity: true)
            cursors[first].withTerm { term.append(contentsOf: $0) }
            ordinals.removeAll(keepingCapacity: true)
            seconds.removeAll(keepingCapacity: true)
            holders.removeAll(keepingCapacity: true)
            while let input = heap.peek,
                cursors[input].withTerm({ bytes in term.withUnsafeBytes { TermDictionary.compare(bytes, $0) == 0 } })
            {
                heap.pop()
                let entry = current[input]!
                append(entry.postings, from: input, to: &ordinals)
                if let secondRemaps, let second = entry.second { Self.append(second, through: secondRemaps[input], to: &seconds) }
                holders.append((input, entry.ordinal))
                current[input] = cursors[input].next()
                if current[input] != nil { heap.push(input) }
            }
            guard !ordinals.isEmpty else { continue }
            Self.sortIfNeeded(&ordinals)
            var lists = [PostingCodec.encode(ordinals)]
            if secondRemaps != nil {
                seconds.sort()
                seconds.removeDuplicates()
                lists.append(PostingCodec.encode(seconds))
            }
            if remappingTerms { for holder in holders { remaps[holder.input][holder.ordinal] = Int32(builder.count) } }
            term.withUnsafeBytes { builder.add($0, lists) }
        }
        let count = builder.count
        try builder.finish(into: sink)
        return (count, remaps)
    }
}

/// A binary min-heap of input numbers, ordered by `precedes` (which compares what each input
/// holds now): the next record or term of a k-way merge.
struct MergeHeap {
    private var items: [Int] = []
    private let precedes: (Int, Int) -> Bool

    init(count: Int, precedes: @escaping (Int, Int) -> Bool) {
        items.reserveCapacity(count)
        self.precedes = precedes
    }

    var peek: Int? { items.first }

    mutating func push(_ item: Int) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < items.count else { break }
            let right = left + 1
            let child = right < items.count && precedes(items[right], items[left]) ? right : left
            guard precedes(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            parent = child
        }
        return top
    }
}
