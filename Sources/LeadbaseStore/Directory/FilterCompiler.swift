import LeadbaseCore
import SQLKit

/// Turns a `SearchFilter` into a SQL condition over people (`p`) and their current company (`c`),
/// or over companies (`c`). Dialect differences live here: list columns are `TEXT[]` with GIN
/// operators (`&&`, `@>`) on PostgreSQL and JSON arrays read with `json_each` on SQLite.
///
/// Null rule: an exclude must pass a record that lacks the field, so every exclude is written
/// `NOT COALESCE(match, FALSE)`; includes need no such care (a NULL match does not select).
struct FilterCompiler {
    let database: Database

    /// Where a field is stored, and how.
    enum Column {
        /// One normalized value (`TextNormalizer.key`), '' when missing.
        case key(String)
        /// A list of normalized values.
        case keys(String)
        /// One padded text: (case-folded words, accent-folded words).
        case text(String, String)
        /// A list of padded texts (any entry may match).
        case texts(String, String)
        /// An integer, NULL when unknown.
        case number(String)
    }

    static func column(_ field: SearchField) -> Column {
        switch field {
        case .fullName: .text("p.name_words", "p.name_smart")
        case .jobTitle: .text("p.title_words", "p.title_smart")
        case .headline: .text("p.headline_words", "p.headline_smart")
        case .seniority: .key("p.seniority_key")
        case .departmentAndFunction: .keys("p.department_keys")
        case .personLocation: .keys("p.location_keys")
        case .skill: .texts("p.skill_words", "p.skill_smart")
        case .certification: .texts("p.certification_words", "p.certification_smart")
        case .language: .texts("p.language_words", "p.language_smart")
        case .currentCompany: .keys("p.current_company_keys")
        case .previousCompany: .keys("p.previous_company_keys")
        case .socialMediaLink: .keys("p.social_keys")
        case .socialPlatform: .keys("p.social_platform_keys")
        case .school: .texts("p.school_words", "p.school_smart")
        case .degree: .texts("p.degree_words", "p.degree_smart")
        case .fieldOfStudy: .texts("p.field_of_study_words", "p.field_of_study_smart")
        case .educationYear: .keys("p.education_year_keys")
        case .nameOrDomain: .texts("c.name_words", "c.name_smart")
        case .companyName: .text("c.name_only_words", "c.name_only_smart")
        case .domain: .key("c.domain_key")
        case .linkedin: .key("c.linkedin_key")
        case .industry: .key("c.industry_key")
        case .industryText: .text("c.industry_words", "c.industry_smart")
        case .companyLocation: .keys("c.location_keys")
        case .employeeSize: .number("c.employee_count")
        case .revenue: .number("c.annual_revenue")
        case .foundedYear: .number("c.founded_year")
        case .companyType: .key("c.type_key")
        case .technology: .keys("c.technology_keys")
        case .companyKeyword: .texts("c.keyword_words", "c.keyword_smart")
        case .companySocialPlatform: .keys("c.social_platform_keys")
        }
    }

    /// The whole filter as one condition (`TRUE` when empty), plus `extra` conditions.
    func condition(_ filter: SearchFilter, and extra: [SQLQueryString] = []) -> SQLQueryString {
        let parts = filter.conditions.map(condition) + filter.ranges.map(range) + extra
        guard !parts.isEmpty else { return "TRUE" }
        return joined(parts, by: " AND ")
    }

    func condition(_ condition: FilterCondition) -> SQLQueryString {
        let columns = condition.fields.map(Self.column)
        switch condition.op {
        case .anyInclude: return any(columns, condition.criteria)
        case .allInclude: return all(columns, condition.criteria)
        case .anyExclude: return "NOT COALESCE(\(any(columns, condition.criteria)), FALSE)"
        case .allExclude: return "NOT COALESCE(\(all(columns, condition.criteria)), FALSE)"
        }
    }

    /// Matches at least one criterion in at least one of the columns.
    func any(_ columns: [Column], _ criteria: [Criterion]) -> SQLQueryString {
        columns.count == 1 ? any(columns[0], criteria) : joined(columns.map { any($0, criteria) }, by: " OR ")
    }

    /// Matches every criterion, each in at least one of the columns. Each match is wrapped in a
    /// function so that SQLite does not try its OR optimization on every one of up to 1000 ORs
    /// over indexed columns (it fails: "Expression tree is too large").
    func all(_ columns: [Column], _ criteria: [Criterion]) -> SQLQueryString {
        guard columns.count > 1 else { return all(columns[0], criteria) }
        return joined(
            criteria.map { criterion in joined(columns.map { "COALESCE(\(match($0, criterion)), FALSE)" }, by: " OR ") }, by: " AND ")
    }

    /// Matches at least one criterion; one indexed operator where the column allows it.
    func any(_ column: Column, _ criteria: [Criterion]) -> SQLQueryString {
        switch column {
        case .key(let name):
            return "\(unsafeRaw: name) IN (\(binds: criteria.map(Self.value)))"
        case .keys(let name) where database.dialect == .postgres:
            return "\(unsafeRaw: name) && \(bind: criteria.map(Self.value))"
        case .keys(let name):
            return "EXISTS (SELECT 1 FROM json_each(\(unsafeRaw: name)) WHERE value IN (\(binds: criteria.map(Self.value))))"
        default:
            return joined(criteria.map { match(column, $0) }, by: " OR ")
        }
    }

    /// Matches every criterion.
    func all(_ column: Column, _ criteria: [Criterion]) -> SQLQueryString {
        if case .keys(let name) = column, database.dialect == .postgres {
            return "\(unsafeRaw: name) @> \(bind: criteria.map(Self.value))"
        }
        return joined(criteria.map { match(column, $0) }, by: " AND ")
    }

    /// Whether the field matches one criterion.
    func match(_ column: Column, _ criterion: Criterion) -> SQLQueryString {
        switch column {
        case .key(let name):
            return "\(unsafeRaw: name) = \(bind: Self.value(criterion))"
        case .keys(let name) where database.dialect == .postgres:
            return "\(unsafeRaw: name) @> \(bind: [Self.value(criterion)])"
        case .keys(let name):
            return "EXISTS (SELECT 1 FROM json_each(\(unsafeRaw: name)) WHERE value = \(bind: Self.value(criterion)))"
        case .text(let words, let smart):
            return text(words: words, smart: smartForm(smart, words, list: false), criterion)
        case .texts(let words, let smart):
            let predicate = text(words: "value", smart: "value", criterion)
            let column = if case .text(.smart, _) = criterion { smartForm(smart, words, list: true) } else { words }
            return "EXISTS (SELECT 1 FROM \(unsafeRaw: elements(column)) WHERE \(predicate))"
        case .number:
            // Number fields take ranges only (the parser gives them no list or text values).
            return "FALSE"
        }
    }

    /// A text criterion against a padded column. Words hold only letters and digits, so they
    /// need no escaping inside LIKE patterns.
    func text(words: String, smart: String, _ criterion: Criterion) -> SQLQueryString {
        switch criterion {
        case .equals(let value):
            return "\(unsafeRaw: words) = \(bind: TextNormalizer.padded(value, foldingAccents: false))"
        case .text(.strict, let terms):
            return "\(unsafeRaw: words) = \(bind: terms.isEmpty ? "" : " " + terms.joined(separator: " ") + " ")"
        case .text(.word, let terms):
            return joined(terms.map { "\(unsafeRaw: words) LIKE \(bind: "% \($0) %")" }, by: " AND ")
        case .text(.smart, let terms):
            return joined(terms.map { "\(unsafeRaw: smart) LIKE \(bind: "% \($0)%")" }, by: " AND ")
        }
    }

    /// In at least one of the ranges (and known).
    func range(_ condition: RangeCondition) -> SQLQueryString {
        guard case .number(let name) = Self.column(condition.field) else { return "FALSE" }
        if condition.unknown { return "\(unsafeRaw: name) IS NULL" }
        let parts: [SQLQueryString] = condition.ranges.map { range in
            switch (range.start, range.end) {
            case (let start?, let end?): "(\(unsafeRaw: name) >= \(bind: start) AND \(unsafeRaw: name) <= \(bind: end))"
            case (let start?, nil): "\(unsafeRaw: name) >= \(bind: start)"
            case (nil, let end?): "\(unsafeRaw: name) <= \(bind: end)"
            case (nil, nil): "\(unsafeRaw: name) IS NOT NULL"
            }
        }
        return joined(parts, by: " OR ")
    }

    /// A smart column as it reads: empty stands for the words form (`PersonSearchColumns.stored`).
    func smartForm(_ smart: String, _ words: String, list: Bool) -> String {
        guard list else { return "COALESCE(NULLIF(\(smart), ''), \(words))" }
        let empty = database.dialect == .postgres ? "cardinality(\(smart)) = 0" : "\(smart) = '[]'"
        return "CASE WHEN \(empty) THEN \(words) ELSE \(smart) END"
    }

    /// The rows of a list column, each as `value`.
    func elements(_ column: String) -> String {
        database.dialect == .postgres ? "unnest(\(column)) AS e(value)" : "json_each(\(column))"
    }

    /// `parts` joined by `separator` (` AND `, ` OR `) as a balanced tree of parentheses: SQLite
    /// parses a flat chain as a tree as deep as it is long, and refuses more than 1000 levels.
    func joined(_ parts: [SQLQueryString], by separator: String) -> SQLQueryString {
        guard !parts.isEmpty else { return "FALSE" }
        guard parts.count > 8 else { return "(\(SQLList(parts, separator: SQLRaw(separator))))" }
        let middle = parts.count / 2
        return "(\(joined(Array(parts[..<middle]), by: separator))\(unsafeRaw: separator)\(joined(Array(parts[middle...]), by: separator)))"
    }

    /// What a criterion compares with a list value (the in-memory index compares the same).
    static func value(_ criterion: Criterion) -> String {
        switch criterion {
        case .equals(let value): value
        case .text(_, let words): words.joined(separator: " ")
        }
    }
}
