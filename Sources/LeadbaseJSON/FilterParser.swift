import LeadbaseCore

/// Reads the `contact` and `account` filter objects of a search request into a `SearchFilter`,
/// reporting every unknown key, wrong value form and unknown mode with its path.
public enum FilterParser {
    enum KeyKind {
        case list
        case text
        case range
    }

    static let contactKeys: [String: (SearchField, KeyKind)] = [
        "fullName": (.fullName, .text),
        "jobTitle": (.jobTitle, .text),
        "seniority": (.seniority, .list),
        "departmentAndFunction": (.departmentAndFunction, .list),
        "location": (.personLocation, .list),
        "skill": (.skill, .text),
        "language": (.language, .list),
        "socialMediaLink": (.socialMediaLink, .list),
        "keyword": (.keyword, .text),
    ]

    static let accountKeys: [String: (SearchField, KeyKind)] = [
        "nameOrDomain": (.nameOrDomain, .text),
        "industry": (.industry, .list),
        "location": (.companyLocation, .list),
        "employeeSize": (.employeeSize, .range),
        "revenue": (.revenue, .range),
        "foundedYear": (.foundedYear, .range),
        "type": (.companyType, .list),
        "technology": (.technology, .list),
    ]

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
            } else if let (field, kind) = contactKeys[key] {
                parseKey(keyValue, field: field, kind: kind, at: path + [.key(key)], into: &filter, &validator)
            } else {
                validator.fail(
                    path + [.key(key)],
                    "Unknown filter key; expected one of: \((contactKeys.keys + ["company"]).sorted().joined(separator: ", "))")
            }
        }
    }

    /// Reads `account` (company keys) at `path`; adds to `filter`.
    public static func account(_ value: JSONValue, at path: [PathComponent], into filter: inout SearchFilter, _ validator: inout Validator)
    {
        guard let object = object(value, at: path, &validator) else { return }
        for (key, keyValue) in object.sorted(by: { $0.key < $1.key }) {
            guard let (field, kind) = accountKeys[key] else {
                validator.fail(
                    path + [.key(key)], "Unknown filter key; expected one of: \(accountKeys.keys.sorted().joined(separator: ", "))")
                continue
            }
            parseKey(keyValue, field: field, kind: kind, at: path + [.key(key)], into: &filter, &validator)
        }
    }

    static func company(_ value: JSONValue, at path: [PathComponent], into filter: inout SearchFilter, _ validator: inout Validator) {
        guard let object = object(value, at: path, &validator) else { return }
        for (key, keyValue) in object.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "current": parseKey(keyValue, field: .currentCompany, kind: .list, at: path + ["current"], into: &filter, &validator)
            case "previous": parseKey(keyValue, field: .previousCompany, kind: .list, at: path + ["previous"], into: &filter, &validator)
            default: validator.fail(path + [.key(key)], "Unknown filter key; expected one of: current, previous")
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
        _ value: JSONValue, field: SearchField, kind: KeyKind, at path: [PathComponent],
        into filter: inout SearchFilter, _ validator: inout Validator
    ) {
        // A key sent as null filters nothing, as a key left out.
        guard value != .null, let object = object(value, at: path, &validator) else { return }
        if kind == .range {
            if let ranges = ranges(object, at: path, &validator) {
                filter.ranges.append(RangeCondition(field: field, ranges: ranges))
            }
            return
        }
        for (block, blockValue) in object.sorted(by: { $0.key < $1.key }) {
            guard block == "any" || block == "all" else {
                validator.fail(path + [.key(block)], "Unknown operator; expected any or all")
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
                if var criteria = criteria(values, kind: kind, at: sidePath, &validator), !criteria.isEmpty {
                    if field == .socialMediaLink {
                        // Profile URLs compare normalized; a value that is no URL matches nothing.
                        criteria = criteria.map { criterion in
                            guard case .equals(let url) = criterion else { return criterion }
                            return .equals(ProfileURL.normalize(url) ?? url)
                        }
                    }
                    filter.conditions.append(FilterCondition(field: field, op: op, criteria: criteria))
                }
            }
        }
    }

    /// A list (`["a", "b"]`, exact values) or, for text keys, `{"mode": …, "content": […]}`.
    static func criteria(_ value: JSONValue, kind: KeyKind, at path: [PathComponent], _ validator: inout Validator) -> [Criterion]? {
        switch value {
        case .array:
            guard let values = parse(value, .array(of: nonEmptyString, count: 0...maxValues), at: path, &validator) else { return nil }
            return values.map { .equals(TextNormalizer.key($0)) }
        case .object(let object) where kind == .text:
            for key in object.keys where key != "mode" && key != "content" {
                validator.fail(path + [.key(key)], "Unknown field; expected mode and content")
            }
            var inner = Validator()
            let mode = inner.field(
                "mode", of: object, at: path,
                Parser<String>.string.map(
                    failure: "Must be one of: STRICT, WORD, SMART"
                ) { TextMode(rawValue: $0) }, required: true)
            let content = inner.field("content", of: object, at: path, .array(of: nonEmptyString, count: 0...maxValues), required: true)
            for issue in inner.issues { validator.fail(issue.path, issue.message) }
            guard let mode = mode.value, let content = content.value else { return nil }
            let criteria = content.map { Criterion.text(mode, words: TextNormalizer.words($0, foldingAccents: mode == .smart)) }
            for (index, criterion) in criteria.enumerated() {
                guard case .text(_, let words) = criterion else { continue }
                if words.isEmpty {
                    validator.fail(path + ["content", .index(index)], "Must contain a letter or digit")
                } else if words.count > maxWords {
                    validator.fail(path + ["content", .index(index)], "Must have at most \(maxWords) words")
                }
            }
            return criteria
        default:
            validator.fail(
                path,
                kind == .text
                    ? "Expected a list of strings or {\"mode\", \"content\"}, received \(value.typeName)"
                    : "Expected a list of strings, received \(value.typeName)")
            return nil
        }
    }

    /// `{"type": "RANGE", "range": [{"start": n, "end": m}, …]}`; a single range object is accepted too.
    static func ranges(_ object: [String: JSONValue], at path: [PathComponent], _ validator: inout Validator) -> [NumberRange]? {
        for key in object.keys where key != "type" && key != "range" {
            validator.fail(path + [.key(key)], "Unknown field; expected type and range")
        }
        var inner = Validator()
        _ = inner.field("type", of: object, at: path, Parser<String>.string.check("Must be RANGE") { $0 == "RANGE" }, required: true)
        let bounds = Parser<NumberRange> { value in
            guard case .object(let range) = value else { return .failure(ParseFailure("Expected object, received \(value.typeName)")) }
            var fields = Validator()
            for key in range.keys where key != "start" && key != "end" {
                fields.fail([.key(key)], "Unknown field; expected start and end")
            }
            let start = fields.field("start", of: range, .integer)
            let end = fields.field("end", of: range, .integer)
            if let low = start.value, let high = end.value, high < low {
                fields.fail(["end"], "Must not be less than start")
            }
            return fields.issues.isEmpty
                ? .success(NumberRange(start: start.value, end: end.value))
                : .failure(ParseFailure(issues: fields.issues))
        }
        let many = Parser<[NumberRange]>.array(of: bounds, count: 1...100)
        let either = Parser<[NumberRange]> { value in
            if case .object = value { return bounds.parse(value).map { [$0] } }
            return many.parse(value)
        }
        let ranges = inner.field("range", of: object, at: path, either, required: true)
        for issue in inner.issues { validator.fail(issue.path, issue.message) }
        return inner.issues.isEmpty ? ranges.value : nil
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
