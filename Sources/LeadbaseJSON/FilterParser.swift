import LeadbaseCore

/// Reads the `contact` and `account` filter objects of a search request into a `SearchFilter`,
/// reporting every unknown key, wrong value form and unknown mode with its path.
public enum FilterParser {
    /// The filter of a search body `object` at `path`: its `contact` (when `people`) and
    /// `account` members, either of which may be absent, with the filter's size checked. People
    /// searches, company searches (`people: false`) and bulk selections all read filters here.
    public static func filter(
        in object: [String: JSONValue], at path: [PathComponent] = [], people: Bool = true, _ validator: inout Validator
    ) -> SearchFilter {
        var filter = SearchFilter()
        if people, let contact = object["contact"] {
            Self.contact(contact, at: path + ["contact"], into: &filter, &validator)
        }
        if let account = object["account"] {
            Self.account(account, at: path + ["account"], into: &filter, &validator)
        }
        checkSize(filter, at: path, &validator)
        return filter
    }

    /// Reads `contact` (person keys) at `path`; adds to `filter`.
    public static func contact(_ value: JSONValue, at path: [PathComponent], into filter: inout SearchFilter, _ validator: inout Validator)
    {
        guard let object = object(value, at: path, &validator) else { return }
        for (key, keyValue) in object.sorted(by: { $0.key < $1.key }) {
            if key == "company" {
                company(keyValue, at: path + ["company"], into: &filter, &validator)
            } else if key == "education" {
                education(keyValue, at: path + ["education"], into: &filter, &validator)
            } else if let spec = contactKeys[key] {
                parseKey(keyValue, spec, at: path + [.key(key)], into: &filter, &validator)
            } else {
                validator.fail(path + [.key(key)], "Unknown filter key; expected one of: \(contactKeyNames.joined(separator: ", "))")
            }
        }
    }

    /// Reads `account` (company keys) at `path`; adds to `filter`.
    public static func account(_ value: JSONValue, at path: [PathComponent], into filter: inout SearchFilter, _ validator: inout Validator)
    {
        guard let object = object(value, at: path, &validator) else { return }
        for (key, keyValue) in object.sorted(by: { $0.key < $1.key }) {
            guard let spec = accountKeys[key] else {
                validator.fail(path + [.key(key)], "Unknown filter key; expected one of: \(accountKeyNames.joined(separator: ", "))")
                continue
            }
            parseKey(keyValue, spec, at: path + [.key(key)], into: &filter, &validator)
        }
    }

    static func company(_ value: JSONValue, at path: [PathComponent], into filter: inout SearchFilter, _ validator: inout Validator) {
        guard let object = object(value, at: path, &validator) else { return }
        for (key, keyValue) in object.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "current": parseKey(keyValue, Key(.currentCompany, .list(.key)), at: path + ["current"], into: &filter, &validator)
            case "previous": parseKey(keyValue, Key(.previousCompany, .list(.key)), at: path + ["previous"], into: &filter, &validator)
            default: validator.fail(path + [.key(key)], "Unknown filter key; expected one of: current, previous")
            }
        }
    }

    /// `education.{school, degree, fieldOfStudy}` (text keys) and `education.date`, a range of
    /// years that an education ended in (or began in, without an end). Each part may be met by a
    /// different education of the person.
    static func education(_ value: JSONValue, at path: [PathComponent], into filter: inout SearchFilter, _ validator: inout Validator) {
        guard let object = object(value, at: path, &validator) else { return }
        for (key, keyValue) in object.sorted(by: { $0.key < $1.key }) {
            if let spec = educationKeys[key] {
                parseKey(keyValue, spec, at: path + [.key(key)], into: &filter, &validator)
            } else if key == "date" {
                guard keyValue != .null, let range = Self.object(keyValue, at: path + ["date"], &validator),
                    let type = rangeType(range, at: path + ["date"], &validator)
                else { continue }
                let years = SearchField.educationYears.map { Criterion.equals(String($0)) }
                switch type {
                case .everything: break
                case .unknown: filter.conditions.append(FilterCondition(field: .educationYear, op: .anyExclude, criteria: years))
                case .ranges(let ranges):
                    let bounds = SearchField.educationYears
                    let chosen = bounds.filter { year in
                        ranges.contains { year >= ($0.start ?? bounds.lowerBound) && year <= ($0.end ?? bounds.upperBound) }
                    }
                    filter.conditions.append(
                        FilterCondition(field: .educationYear, op: .anyInclude, criteria: chosen.map { .equals(String($0)) }))
                }
            } else {
                validator.fail(path + [.key(key)], "Unknown filter key; expected one of: date, degree, fieldOfStudy, school")
            }
        }
    }

    static func object(_ value: JSONValue, at path: [PathComponent], _ validator: inout Validator) -> [String: JSONValue]? {
        if value == .null { return [:] }
        guard case .object(let object) = value else {
            validator.fail(path, "Expected object, received \(value.typeName)")
            return nil
        }
        return object
    }

    static func parseKey(
        _ value: JSONValue, _ key: Key, at path: [PathComponent], into filter: inout SearchFilter, _ validator: inout Validator
    ) {
        // A key sent as null filters nothing, as a key left out.
        guard value != .null, let object = object(value, at: path, &validator) else { return }
        switch key.kind {
        case .range:
            switch rangeType(object, at: path, &validator) {
            case .ranges(let ranges): filter.ranges.append(RangeCondition(field: key.fields[0], ranges: ranges))
            case .unknown: filter.ranges.append(RangeCondition(unknown: key.fields[0]))
            case .everything, nil: break
            }
            return
        case .keyword where object["sources"] != nil || object["content"] != nil:
            // The keyword form at the key itself: `any.include` of it.
            if let (fields, criteria) = keywordValues(object, at: path, &validator), !criteria.isEmpty {
                filter.conditions.append(FilterCondition(fields: fields, op: .anyInclude, criteria: criteria))
            }
            return
        default: break
        }
        var levels: [LanguageLevel]?
        var conditions: [FilterCondition] = []
        for (block, blockValue) in object.sorted(by: { $0.key < $1.key }) {
            if case .language = key.kind, block == "range" {
                levels = languageLevels(blockValue, at: path + ["range"], &validator)
                continue
            }
            guard block == "any" || block == "all" else {
                validator.fail(
                    path + [.key(block)], "Unknown operator; expected \(key.kind.isLanguage ? "any, all or range" : "any or all")")
                continue
            }
            guard let operators = Self.object(blockValue, at: path + [.key(block)], &validator) else { continue }
            for (side, values) in operators.sorted(by: { $0.key < $1.key }) {
                let sidePath = path + [.key(block), .key(side)]
                let op: FilterOperator
                switch (block, side) {
                case ("any", "include"): op = .anyInclude
                case ("any", "exclude"): op = .anyExclude
                case ("all", "include"): op = .allInclude
                case ("all", "exclude"): op = .allExclude
                default:
                    validator.fail(sidePath, "Unknown operator; expected include or exclude")
                    continue
                }
                if values == .null { continue }
                if let (fields, criteria) = Self.values(values, of: key, at: sidePath, &validator), !criteria.isEmpty {
                    conditions.append(FilterCondition(fields: fields, op: op, criteria: criteria))
                }
            }
        }
        if let levels {
            conditions = leveled(conditions, levels)
        }
        filter.conditions += conditions
    }

    /// The fields and criteria of one operator's values.
    static func values(_ value: JSONValue, of key: Key, at path: [PathComponent], _ validator: inout Validator) -> (
        [SearchField], [Criterion]
    )? {
        switch (key.kind, value) {
        case (.list(let rule), .array):
            guard let values = parse(value, .array(of: nonEmptyString, count: 0...maxValues), at: path, &validator) else { return nil }
            var criteria: [Criterion] = []
            for (index, value) in values.enumerated() {
                switch listValue(value, rule) {
                case .success(let key): criteria.append(.equals(key))
                case .failure(let failure): validator.fail(path + [.index(index)], failure.issues.first?.message ?? "Invalid value")
                }
            }
            return (key.fields, criteria)
        case (.text, .array), (.keyword, .array), (.language, .array):
            guard let values = parse(value, .array(of: nonEmptyString, count: 0...maxValues), at: path, &validator) else { return nil }
            return (key.fields, values.map { .equals(TextNormalizer.key($0)) })
        case (.keyword, .object(let object)):
            return keywordValues(object, at: path, &validator)
        case (.text, .object(let object)), (.language, .object(let object)):
            for key in object.keys where key != "mode" && key != "content" {
                validator.fail(path + [.key(key)], "Unknown field; expected mode and content")
            }
            var inner = Validator()
            let mode = inner.field("mode", of: object, at: path, textMode, required: true)
            let content = inner.field("content", of: object, at: path, .array(of: nonEmptyString, count: 0...maxValues), required: true)
            for issue in inner.issues { validator.fail(issue.path, issue.message) }
            guard let mode = mode.value, let content = content.value else { return nil }
            return (key.fields, textCriteria(content, mode: mode, at: path, &validator))
        default:
            let forms =
                switch key.kind {
                case .list: "a list of strings"
                case .keyword: "a list of strings, {\"mode\", \"content\"} or {\"sources\", \"content\"}"
                default: "a list of strings or {\"mode\", \"content\"}"
                }
            validator.fail(path, "Expected \(forms), received \(value.typeName)")
            return nil
        }
    }

    /// `{"sources": [KeywordSource…], "content": […], "mode"?: …}` (the text form is this without
    /// `sources`): SMART unless `mode` says otherwise, in every source when `sources` is absent or
    /// empty.
    static func keywordValues(_ object: [String: JSONValue], at path: [PathComponent], _ validator: inout Validator) -> (
        [SearchField], [Criterion]
    )? {
        for key in object.keys where !["sources", "content", "mode"].contains(key) {
            validator.fail(path + [.key(key)], "Unknown field; expected sources, content and mode")
        }
        var inner = Validator()
        let sources = inner.field("sources", of: object, at: path, .array(of: Parser<KeywordSource>.oneOf, count: 0...20))
        let mode = inner.field("mode", of: object, at: path, textMode)
        let content = inner.field("content", of: object, at: path, .array(of: nonEmptyString, count: 0...maxValues), required: true)
        for issue in inner.issues { validator.fail(issue.path, issue.message) }
        guard inner.issues.isEmpty, let content = content.value else { return nil }
        let chosen: [KeywordSource] = sources.value.map { Array(Set($0)) } ?? []
        let fields = (chosen.isEmpty ? KeywordSource.allCases : KeywordSource.allCases.filter(chosen.contains)).map(\.field)
        return (fields, textCriteria(content, mode: mode.value ?? .smart, at: path, &validator))
    }

    static let textMode = Parser<String>.string.map(failure: "Must be one of: STRICT, WORD, SMART") { TextMode(rawValue: $0) }

    /// Text values as criteria of `mode`, each checked to hold a word and not too many.
    static func textCriteria(_ content: [String], mode: TextMode, at path: [PathComponent], _ validator: inout Validator) -> [Criterion] {
        var criteria: [Criterion] = []
        for (index, text) in content.enumerated() {
            let words = TextNormalizer.words(text, foldingAccents: mode == .smart)
            if words.isEmpty {
                validator.fail(path + ["content", .index(index)], "Must contain a letter or digit")
            } else if words.count > maxWords {
                validator.fail(path + ["content", .index(index)], "Must have at most \(maxWords) words")
            }
            criteria.append(.text(mode, words: words))
        }
        return criteria
    }

    static let nonEmptyString = Parser<String>.string.check("Must not be empty") {
        !$0.trimmingCharacters(in: .whitespaces).isEmpty
    }.check("Must be at most \(maxValueLength) characters") { $0.count <= maxValueLength }

    /// The most values one operator takes (`any.include`, …).
    public static let maxValues = 1000
    /// The longest value.
    public static let maxValueLength = 500
    /// The most words of one text value.
    public static let maxWords = 20
    /// The most values and words of one search, all keys and operators together: so that any
    /// filter the API accepts compiles to SQL within both databases' limits of parameters
    /// (32,766 on SQLite, 65,535 on PostgreSQL).
    public static let maxTerms = 10_000

    /// Refuses a filter larger than `maxTerms` (a list value counts one, a text value its words).
    public static func checkSize(_ filter: SearchFilter, at path: [PathComponent], _ validator: inout Validator) {
        let terms = filter.conditions.reduce(0) { total, condition in
            total
                + condition.criteria.reduce(0) { count, criterion in
                    switch criterion {
                    case .equals: count + 1
                    case .text(_, let words): count + max(words.count, 1)
                    }
                }
        }
        if terms > maxTerms {
            validator.fail(path, "The filters hold \(terms) values and words; at most \(maxTerms)")
        }
    }

    static func parse<T>(_ value: JSONValue, _ parser: Parser<T>, at path: [PathComponent], _ validator: inout Validator) -> T? {
        switch parser.parse(value) {
        case .success(let parsed): return parsed
        case .failure(let failure):
            for issue in failure.issues { validator.fail(path + issue.path, issue.message) }
            return nil
        }
    }
}
