/// How a text value is matched (all ignore case):
/// STRICT, the whole field is the value's words; WORD, every word of the value is a whole word of the
/// field; SMART, every word of the value starts a word of the field, accents ignored.
public enum TextMode: String, Sendable, Hashable, CaseIterable {
    case strict = "STRICT"
    case word = "WORD"
    case smart = "SMART"
}

/// What one value of a filter asks of a field.
public enum Criterion: Sendable, Hashable {
    /// Equal to a list value (already in `TextNormalizer.key` form).
    case equals(String)
    /// A text match; `words` are normalized for the mode (accent-folded for SMART).
    case text(TextMode, words: [String])
}

/// The four operators of the grammar over a set of values.
public enum FilterOperator: String, Sendable, Hashable, CaseIterable {
    /// Matches at least one value.
    case anyInclude
    /// Matches none of the values.
    case anyExclude
    /// Matches every value.
    case allInclude
    /// Does not match all of the values together.
    case allExclude
}

/// The fields the grammar filters on. Person fields are searched by people search; company fields
/// by company search, and by people search on the person's current company.
public enum SearchField: String, Sendable, Hashable, CaseIterable {
    // contact
    case fullName, jobTitle, seniority, departmentAndFunction, personLocation, skill, language
    case currentCompany, previousCompany, socialMediaLink, keyword
    // account
    case nameOrDomain, industry, companyLocation, employeeSize, revenue, foundedYear, companyType, technology

    public var isCompanyField: Bool {
        switch self {
        case .nameOrDomain, .industry, .companyLocation, .employeeSize, .revenue, .foundedYear, .companyType, .technology: true
        default: false
        }
    }
}

/// One operator of one key, with its values.
public struct FilterCondition: Sendable, Hashable {
    public let field: SearchField
    public let op: FilterOperator
    public let criteria: [Criterion]

    public init(field: SearchField, op: FilterOperator, criteria: [Criterion]) {
        self.field = field
        self.op = op
        self.criteria = criteria
    }
}

/// Inclusive numeric bounds; either may be open.
public struct NumberRange: Sendable, Hashable {
    public let start: Int?
    public let end: Int?

    public init(start: Int?, end: Int?) {
        self.start = start
        self.end = end
    }
}

/// A range filter: the field lies in at least one of the ranges (and has a value).
public struct RangeCondition: Sendable, Hashable {
    public let field: SearchField
    public let ranges: [NumberRange]

    public init(field: SearchField, ranges: [NumberRange]) {
        self.field = field
        self.ranges = ranges
    }
}

/// Every filter of a search, ANDed together. Empty means "everything".
public struct SearchFilter: Sendable, Hashable {
    public var conditions: [FilterCondition] = []
    public var ranges: [RangeCondition] = []

    public init(conditions: [FilterCondition] = [], ranges: [RangeCondition] = []) {
        self.conditions = conditions
        self.ranges = ranges
    }

    /// Whether any part filters on the company.
    public var usesCompany: Bool {
        conditions.contains { $0.field.isCompanyField } || ranges.contains { $0.field.isCompanyField }
    }
}
