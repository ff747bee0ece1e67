import LeadbaseCore

/// Reads the `contact` and `account` filter objects of a search request into a `SearchFilter`,
/// reporting every unknown key, wrong value form and unknown mode with its path.
public enum FilterParser {
    /// How a key's values read.
    enum KeyKind {
        /// `{"any"/"all": {"include"/"exclude": ["a", "b"]}}`: exact values.
        case list(ListValue)
        /// The same blocks, with values in the list form or the text form (`{"mode", "content"}`).
        case text
        /// `{"type": "RANGE", "range": …}`.
        case range
        /// `contact.keyword`: the text form, or `{"sources", "content"}` (see `KeywordSource`).
        case keyword
        /// `contact.language`: the text form, with an optional `range` of levels.
        case language
    }

    /// How a list value becomes what the field stores.
    enum ListValue {
        /// `TextNormalizer.key`.
        case key
        /// A profile URL, normalized (`ProfileURL.normalize`); a value that is no URL matches nothing.
        case profileURL
        /// A website URL or bare domain, as its domain; anything else is a 400.
        case domain
        /// A LinkedIn URL, normalized; anything else is a 400.
        case linkedinURL
        /// A LinkedIn URL (normalized) or a website (its domain), matched against both.
        case companyURL
        /// A `SocialPlatform` name.
        case platform
    }

    struct Key {
        let fields: [SearchField]
        let kind: KeyKind

        init(_ field: SearchField, _ kind: KeyKind) {
            fields = [field]
            self.kind = kind
        }

        init(_ fields: [SearchField], _ kind: KeyKind) {
            self.fields = fields
            self.kind = kind
        }
    }

    static let contactKeys: [String: Key] = [
        "fullName": Key(.fullName, .text),
        "jobTitle": Key(.jobTitle, .text),
        "seniority": Key(.seniority, .list(.key)),
        "departmentAndFunction": Key(.departmentAndFunction, .list(.key)),
        "location": Key(.personLocation, .list(.key)),
        "skill": Key(.skill, .text),
        "certification": Key(.certification, .text),
        "language": Key(.language, .language),
        "socialMediaLink": Key(.socialMediaLink, .list(.profileURL)),
        "socialMedia": Key(.socialPlatform, .list(.platform)),
        "keyword": Key(KeywordSource.allCases.map(\.field), .keyword),
    ]

    /// The parts of `contact.education`; `date` is read apart (years, see `educationYears`).
    static let educationKeys: [String: Key] = [
        "school": Key(.school, .text),
        "degree": Key(.degree, .text),
        "fieldOfStudy": Key(.fieldOfStudy, .text),
    ]

    static let accountKeys: [String: Key] = [
        "nameOrDomain": Key(.nameOrDomain, .text),
        "name": Key(.companyName, .text),
        "domain": Key(.domain, .list(.domain)),
        "linkedin": Key(.linkedin, .list(.linkedinURL)),
        "url": Key([.linkedin, .domain], .list(.companyURL)),
        "industry": Key(.industry, .list(.key)),
        "industries": Key(.industryText, .text),
        "location": Key(.companyLocation, .list(.key)),
        "employeeSize": Key(.employeeSize, .range),
        "revenue": Key(.revenue, .range),
        "foundedYear": Key(.foundedYear, .range),
        "type": Key(.companyType, .list(.key)),
        "technology": Key(.technology, .list(.key)),
        "technologies": Key(.technology, .list(.key)),
        "keyword": Key(.companyKeyword, .text),
        "socialMedia": Key(.companySocialPlatform, .list(.platform)),
    ]

    /// Every key of `contact`, and of `account`, for the API documents and the tests.
    public static var contactKeyNames: [String] { (Array(contactKeys.keys) + ["company", "education"]).sorted() }
    public static var accountKeyNames: [String] { accountKeys.keys.sorted() }

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

    /// A list value as the field stores it.
    static func listValue(_ value: String, _ rule: ListValue) -> Result<String, ParseFailure> {
        switch rule {
        case .key:
            return .success(TextNormalizer.key(value))
        case .profileURL:
            return .success(ProfileURL.normalize(value) ?? TextNormalizer.key(value))
        case .domain:
            guard let domain = ProfileURL.domain(value), domain.contains(".") else { return .failure(ParseFailure("Invalid domain")) }
            return .success(domain)
        case .linkedinURL:
            guard let url = ProfileURL.normalize(value), url.hasPrefix("linkedin.com/") else {
                return .failure(ParseFailure("Invalid LinkedIn URL"))
            }
            return .success(url)
        case .companyURL:
            guard let url = ProfileURL.normalize(value), let domain = ProfileURL.domain(value), domain.contains(".") else {
                return .failure(ParseFailure("Invalid URL"))
            }
            return .success(domain == "linkedin.com" ? url : domain)
        case .platform:
            guard let platform = SocialPlatform(rawValue: value) else {
                return .failure(ParseFailure("Must be one of: \(SocialPlatform.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            return .success(platform.key)
        }
    }

    /// A language's `range`: `{"start": LEVEL, "end": LEVEL}` (either may be left out), the
    /// levels from start to end.
    static func languageLevels(_ value: JSONValue, at path: [PathComponent], _ validator: inout Validator) -> [LanguageLevel]? {
        guard value != .null, let object = object(value, at: path, &validator) else { return nil }
        for key in object.keys where key != "start" && key != "end" {
            validator.fail(path + [.key(key)], "Unknown field; expected start and end")
        }
        let names = LanguageLevel.allCases.map(\.name).joined(separator: ", ")
        let level = Parser<String>.string.map(failure: "Must be one of: \(names)") { name in
            LanguageLevel.allCases.first { $0.name == name }
        }
        var inner = Validator()
        let start = inner.field("start", of: object, at: path, level)
        let end = inner.field("end", of: object, at: path, level)
        if let low = start.value, let high = end.value, high < low {
            inner.fail(path + ["end"], "Must not be less than start")
        }
        for issue in inner.issues { validator.fail(issue.path, issue.message) }
        guard inner.issues.isEmpty else { return nil }
        let low = start.value ?? .elementary
        let high = end.value ?? .nativeOrBilingual
        return LanguageLevel.allCases.filter { $0 >= low && $0 <= high }
    }

    /// A language filter's conditions with a level range: each include must be met at one of
    /// `levels` (its entry with a level token, see `PersonSearchColumns.languageForms`), and with
    /// no include, some language must be; excludes stay as they are (the language at any level).
    static func leveled(_ conditions: [FilterCondition], _ levels: [LanguageLevel]) -> [FilterCondition] {
        func atLevels(_ criterion: Criterion) -> [Criterion] {
            levels.map { level in
                switch criterion {
                case .equals(let name): .text(.strict, words: TextNormalizer.words(name, foldingAccents: false) + [level.token])
                case .text(let mode, let words): .text(mode, words: words + [level.token])
                }
            }
        }
        var leveled: [FilterCondition] = []
        var included = false
        for condition in conditions {
            switch condition.op {
            case .anyInclude:
                included = true
                leveled.append(FilterCondition(fields: condition.fields, op: .anyInclude, criteria: condition.criteria.flatMap(atLevels)))
            case .allInclude:
                included = true
                for criterion in condition.criteria {
                    leveled.append(FilterCondition(fields: condition.fields, op: .anyInclude, criteria: atLevels(criterion)))
                }
            case .anyExclude, .allExclude:
                leveled.append(condition)
            }
        }
        if !included {
            let anyLanguage = levels.map { Criterion.text(.smart, words: [$0.token]) }
            leveled.append(FilterCondition(field: .language, op: .anyInclude, criteria: anyLanguage))
        }
        return leveled
    }

    /// What a range key's `type` asks for.
    enum RangeType {
        /// Every record: no filter.
        case everything
        /// Records without a value.
        case unknown
        /// Records with a value in one of the ranges.
        case ranges([NumberRange])
    }

    /// `{"type": "RANGE", "range": [{"start": n, "end": m}, …]}` (a single range object is
    /// accepted too), `{"type": "ALL"}` or `{"type": "NONE"}` (a `range` beside them must be
    /// well formed, and is ignored).
    static func rangeType(_ object: [String: JSONValue], at path: [PathComponent], _ validator: inout Validator) -> RangeType? {
        for key in object.keys where key != "type" && key != "range" {
            validator.fail(path + [.key(key)], "Unknown field; expected type and range")
        }
        var inner = Validator()
        let type = inner.field(
            "type", of: object, at: path,
            Parser<String>.string.check("Must be one of: ALL, NONE, RANGE") { ["ALL", "NONE", "RANGE"].contains($0) },
            required: true)
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
        // Without a type (a 400 already), `range` is checked too, so that every fault is told at once.
        let ranges = inner.field("range", of: object, at: path, either, required: object["type"] == nil || type.value == "RANGE")
        for issue in inner.issues { validator.fail(issue.path, issue.message) }
        guard inner.issues.isEmpty else { return nil }
        switch type.value {
        case "ALL": return .everything
        case "NONE": return .unknown
        default: return ranges.value.map { .ranges($0) }
        }
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

extension FilterParser.KeyKind {
    var isLanguage: Bool {
        if case .language = self { true } else { false }
    }
}
