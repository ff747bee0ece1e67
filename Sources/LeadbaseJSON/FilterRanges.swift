import LeadbaseCore

/// Ranges of the filter grammar: numeric ranges with their `type`, and a language's levels.
extension FilterParser {
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
}
