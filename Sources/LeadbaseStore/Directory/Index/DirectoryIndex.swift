import Foundation
import LeadbaseCore

/// An immutable in-memory copy of the directory's search columns, answering people searches with
/// bitsets instead of SQL: the exact count of any filter is a population count, and a window is a
/// walk over the set bits. People are numbered by ascending id (the search order), companies too.
///
/// Every filter is evaluated with the same columns and the same rules as `FilterCompiler`
/// (including its null rule: an exclude passes a person without a current company), which the
/// tests check by comparing the two on the same data.
final class DirectoryIndex: Sendable {
    /// Where the directory stood when the index began to read it.
    let position: DirectoryPosition
    let personIDs: [UUID]
    /// The people of each company, ascending, company after company: those of company `c` are
    /// `companyPeople[companyStarts[c] ..< companyStarts[c + 1]]`.
    private let companyStarts: [Int]
    private let companyPeople: [Int32]
    let people: FieldIndexes
    let companies: FieldIndexes
    /// Each company's number, by id.
    let companyNumbers: [UUID: Int32]

    /// `personCompany` is each person's current company's number, or -1 when it is not in the
    /// directory.
    init(
        position: DirectoryPosition, personIDs: [UUID], personCompany: [Int32], people: FieldIndexes, companies: FieldIndexes,
        companyNumbers: [UUID: Int32]
    ) {
        self.position = position
        self.personIDs = personIDs
        self.people = people
        self.companies = companies
        self.companyNumbers = companyNumbers
        // A counting sort of people by company.
        var starts = [Int](repeating: 0, count: companies.count + 1)
        for company in personCompany where company >= 0 { starts[Int(company) + 1] += 1 }
        for company in 0..<companies.count { starts[company + 1] += starts[company] }
        var next = starts
        var grouped = [Int32](repeating: 0, count: starts[companies.count])
        for (person, company) in personCompany.enumerated() where company >= 0 {
            grouped[next[Int(company)]] = Int32(person)
            next[Int(company)] += 1
        }
        companyStarts = starts
        companyPeople = grouped
    }

    /// The people matching `filter`, by number.
    func people(matching filter: SearchFilter) -> Bitset {
        var result = Bitset(capacity: personIDs.count, filled: true)
        for condition in filter.conditions {
            let all = condition.op == .allInclude || condition.op == .allExclude
            var matching =
                if condition.isOnCompany {
                    people(at: companies.records(matching: condition.criteria, of: condition.fields, all: all))
                } else {
                    people.records(matching: condition.criteria, of: condition.fields, all: all)
                }
            if condition.op == .anyExclude || condition.op == .allExclude { matching.invert() }
            result.formIntersection(matching)
        }
        for range in filter.ranges {
            var matching: Bitset
            if range.field.isCompanyField, range.unknown {
                // As SQL's LEFT JOIN: people without a company in the directory have no value either.
                matching = people(
                    at: companies.records(in: RangeCondition(field: range.field, ranges: [NumberRange(start: nil, end: nil)])))
                matching.invert()
            } else if range.field.isCompanyField {
                matching = people(at: companies.records(in: range))
            } else {
                matching = people.records(in: range)
            }
            result.formIntersection(matching)
        }
        return result
    }

    /// The ids of `people` at `window` of the search order.
    func ids(of people: Bitset, window: ResultWindow) -> [UUID] {
        people.members(offset: window.offset, limit: window.limit).map { personIDs[Int($0)] }
    }

    /// The bytes of the index's arrays, by part: each person and company field, and `ids` (the
    /// person ids and the people of each company).
    var memoryBytes: [(part: String, bytes: Int)] {
        let ids = personIDs.count * MemoryLayout<UUID>.stride + companyPeople.count * 4 + companyStarts.count * 8
        return [("ids", ids)] + people.memoryBytes + companies.memoryBytes.map { ("company." + $0.part, $0.bytes) }
    }

    /// The people whose current company is in `companies`.
    private func people(at companies: Bitset) -> Bitset {
        var people = Bitset(capacity: personIDs.count)
        for company in companies.members(offset: 0, limit: Int.max) {
            people.insert(contentsOf: companyPeople[companyStarts[Int(company)]..<companyStarts[Int(company) + 1]])
        }
        return people
    }
}

/// The indexes of one kind of record (people or companies), by field, built from the columns
/// `FilterCompiler` reads.
struct FieldIndexes: Sendable {
    let count: Int
    var keys: [SearchField: KeyIndex] = [:]
    var texts: [SearchField: TextField] = [:]
    var numbers: [SearchField: [Int?]] = [:]

    /// Both stored forms of a text: case-folded words (STRICT, WORD, list values) and
    /// accent-folded words (SMART). The two are the same for most records (those without
    /// accents), so the SMART form is kept only for the records whose forms differ (`folded`):
    /// SMART is answered from `words` for the others, and from `smart` for those.
    struct TextField: Sendable {
        let words: TextIndex
        /// The SMART form of the records in `folded`.
        let smart: TextIndex
        /// The records whose two forms differ; nil when none do.
        let folded: Bitset?

        func records(matching criterion: Criterion, capacity: Int) -> Bitset {
            var records = words.records(matching: criterion, capacity: capacity)
            guard case .text(.smart, _) = criterion, let folded else { return records }
            records.subtract(folded)
            records.formUnion(smart.records(matching: criterion, capacity: capacity))
            return records
        }

        /// Collects records in ascending order, then freezes them.
        struct Builder {
            private var words: TextIndex.Builder
            private var smart = TextIndex.Builder(listPerRecord: true, comparingWholes: false)
            private var folded: [Int32] = []

            init(listPerRecord: Bool) {
                words = TextIndex.Builder(listPerRecord: listPerRecord)
            }

            /// One record's texts in both forms (a single text's as one element each).
            mutating func add(words texts: [String], smart smartTexts: [String], record: Int32) {
                for text in texts { words.add(text, record: record) }
                // As bytes, as the databases compare them (see `ByteString`).
                guard !smartTexts.elementsEqual(texts, by: { $0.utf8.elementsEqual($1.utf8) }) else { return }
                folded.append(record)
                for text in smartTexts { smart.add(text, record: record) }
            }

            consuming func finish(count: Int) -> TextField {
                TextField(words: words.finish(), smart: smart.finish(), folded: folded.isEmpty ? nil : Bitset(capacity: count, folded))
            }
        }
    }

    init(count: Int) {
        self.count = count
    }

    /// The bytes of each field's arrays.
    var memoryBytes: [(part: String, bytes: Int)] {
        keys.map { ($0.key.rawValue, $0.value.postings.memoryBytes) }
            + texts.map { field, text in
                (field.rawValue, text.words.memoryBytes + text.smart.memoryBytes + (text.folded?.words.count ?? 0) * 8)
            } + numbers.map { ($0.key.rawValue, $0.value.count * MemoryLayout<Int?>.stride) }
    }

    /// Records matching one (`all` false) or every (`all` true) criterion, each in any of `fields`.
    func records(matching criteria: [Criterion], of fields: [SearchField], all: Bool) -> Bitset {
        let sets = criteria.map { criterion in
            var records = self.records(matching: criterion, of: fields[0])
            for field in fields.dropFirst() { records.formUnion(self.records(matching: criterion, of: field)) }
            return records
        }
        guard var result = sets.first else { return Bitset(capacity: count) }
        for set in sets.dropFirst() {
            if all { result.formIntersection(set) } else { result.formUnion(set) }
        }
        return result
    }

    private func records(matching criterion: Criterion, of field: SearchField) -> Bitset {
        if let index = keys[field] {
            return Bitset(capacity: count, index.records(FilterCompiler.value(criterion)))
        }
        if let text = texts[field] {
            return text.records(matching: criterion, capacity: count)
        }
        // Number fields take ranges only.
        return Bitset(capacity: count)
    }

    /// Records with a known value in at least one of the ranges, or (`unknown`) without a value.
    func records(in condition: RangeCondition) -> Bitset {
        var result = Bitset(capacity: count)
        guard let values = numbers[condition.field] else { return result }
        for (record, value) in values.enumerated() {
            guard let value else {
                if condition.unknown { result.insert(Int32(record)) }
                continue
            }
            if condition.ranges.contains(where: { (value >= ($0.start ?? .min)) && (value <= ($0.end ?? .max)) }) {
                result.insert(Int32(record))
            }
        }
        return result
    }
}
