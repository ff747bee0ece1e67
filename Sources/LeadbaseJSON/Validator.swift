import LeadbaseCore

/// One field of a JSON object as the request gave it: left out, explicitly `null`, a valid value,
/// or invalid (already reported).
public enum Field<Value> {
    case absent
    case null
    case value(Value)
    case invalid

    /// The value, when the field held a valid one.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// For PATCH semantics: nil when the field was left out (or invalid), `.some(nil)` when it was `null`.
    public var change: Value?? {
        switch self {
        case .absent, .invalid: nil
        case .null: .some(nil)
        case .value(let value): .some(value)
        }
    }
}

/// Walks a request body and collects every failing field, so one 400 answer lists them all.
public struct Validator {
    public private(set) var issues: [ValidationIssue] = []

    public init() {}

    /// Records a failure at `path`.
    public mutating func fail(_ path: [PathComponent], _ message: String) {
        issues.append(ValidationIssue(path: path, message: message))
    }

    /// A request body's top level, which must be an object: nothing else can be read from it.
    public static func object(_ body: JSONValue) throws(LeadbaseError) -> [String: JSONValue] {
        guard case .object(let object) = body else {
            throw LeadbaseError.invalidBody([ValidationIssue(path: [], message: "Expected object, received \(body.typeName)")])
        }
        return object
    }

    /// Reads `key` of `object` with `parser`. A required field that is absent or null is reported as "Required".
    public mutating func field<T>(
        _ key: String,
        of object: [String: JSONValue],
        at path: [PathComponent] = [],
        _ parser: Parser<T>,
        required: Bool = false
    ) -> Field<T> {
        let fieldPath = path + [.key(key)]
        guard let raw = object[key] else {
            if required { fail(fieldPath, "Required") }
            return required ? .invalid : .absent
        }
        if raw == .null {
            if required { fail(fieldPath, "Required") }
            return required ? .invalid : .null
        }
        switch parser.parse(raw) {
        case .success(let value):
            return .value(value)
        case .failure(let failure):
            issues += failure.issues.map { ValidationIssue(path: fieldPath + $0.path, message: $0.message) }
            return .invalid
        }
    }

    /// Throws the 400 with every collected issue, if there is any.
    public func validate() throws(LeadbaseError) {
        if !issues.isEmpty { throw LeadbaseError.invalidBody(issues) }
    }
}
