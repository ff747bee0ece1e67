import Foundation
import LeadbaseCore

/// Why a JSON value could not be read: issues with paths relative to that value.
public struct ParseFailure: Error, Sendable {
    public var issues: [ValidationIssue]

    public init(_ message: String) {
        self.issues = [ValidationIssue(path: [], message: message)]
    }

    public init(issues: [ValidationIssue]) {
        self.issues = issues
    }
}

/// Turns a `JSONValue` into a domain value, or explains every reason it cannot.
///
/// Parsers compose (`array(of:)`, `map`, `check`) so that request validation is written once per
/// field kind and reports nested failures with full paths, e.g. `["userIds", 2]`.
public struct Parser<Output>: Sendable {
    public let parse: @Sendable (JSONValue) -> Result<Output, ParseFailure>

    public init(_ parse: @escaping @Sendable (JSONValue) -> Result<Output, ParseFailure>) {
        self.parse = parse
    }

    /// A parser whose output is transformed, or rejected with a message when `transform` gives nil.
    public func map<T>(
        failure message: String,
        _ transform: @escaping @Sendable (Output) -> T?
    ) -> Parser<T> {
        Parser<T> { value in
            self.parse(value).flatMap { output in
                transform(output).map { .success($0) } ?? .failure(ParseFailure(message))
            }
        }
    }

    /// A parser that also requires `predicate` to hold.
    public func check(_ message: String, _ predicate: @escaping @Sendable (Output) -> Bool) -> Parser<Output> {
        map(failure: message) { predicate($0) ? $0 : nil }
    }
}

extension Parser {
    static func expected(_ type: String, received value: JSONValue) -> Result<Output, ParseFailure> {
        .failure(ParseFailure("Expected \(type), received \(value.typeName)"))
    }
}

extension Parser where Output == String {
    public static let string = Parser { value in
        guard case .string(let string) = value else { return expected("string", received: value) }
        return .success(string)
    }

    /// A string that is not empty once surrounding white space is removed (which is also trimmed),
    /// and at most `maxLength` characters long.
    public static func text(maxLength: Int) -> Parser<String> {
        string
            .map(failure: "Must not be empty") { string in
                let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : trimmed
            }
            .check("Must be at most \(maxLength) characters") { $0.count <= maxLength }
    }
}

extension Parser where Output == Int {
    /// The largest magnitude an integer of a request may have: the integers a JSON number
    /// (an IEEE double) carries exactly, 2^53 − 1. The OpenAPI document says the same.
    public static let maxMagnitude = 9_007_199_254_740_991

    public static let integer = Parser { value in
        guard case .number(let number) = value else { return expected("integer", received: value) }
        guard number.rounded() == number, let integer = Int(exactly: number), integer.magnitude <= maxMagnitude.magnitude else {
            return .failure(ParseFailure("Expected integer, received \(number)"))
        }
        return .success(integer)
    }
}

extension Parser where Output == [String: JSONValue] {
    public static let object = Parser { value in
        guard case .object(let object) = value else { return expected("object", received: value) }
        return .success(object)
    }
}

extension Parser where Output == UUID {
    /// A UUID in its textual form; either case is accepted.
    public static let uuid = Parser<String>.string.map(failure: "Invalid UUID") { UUID(uuidString: $0) }
}

extension Parser where Output == Date {
    /// An ISO-8601 date-time with a time zone (`2026-01-31T09:00:00Z`, fractional seconds allowed)
    /// or a calendar date (`2026-01-31`, read as midnight UTC).
    public static let iso8601 = Parser<String>.string.map(failure: "Expected an ISO-8601 date or date-time") {
        ISO8601.parse($0)
    }
}

extension Parser where Output: RawRepresentable & CaseIterable & Sendable, Output.RawValue == String {
    /// One of the enumeration's raw values, exactly.
    public static var oneOf: Parser<Output> {
        let allowed = Output.allCases.map(\.rawValue).joined(separator: ", ")
        return Parser<String>.string.map(failure: "Must be one of: \(allowed)") { Output(rawValue: $0) }
    }
}

extension Parser {
    /// An array whose every element is read by `element`; failures carry the element's index.
    public static func array<Element>(
        of element: Parser<Element>,
        count: ClosedRange<Int>? = nil
    ) -> Parser<[Element]> where Output == [Element] {
        Parser<[Element]> { value in
            guard case .array(let items) = value else { return Parser<[Element]>.expected("array", received: value) }
            if let count, !count.contains(items.count) {
                let message =
                    items.count < count.lowerBound
                    ? "Must contain at least \(count.lowerBound) item(s)"
                    : "Must contain at most \(count.upperBound) item(s)"
                return .failure(ParseFailure(message))
            }
            var output: [Element] = []
            output.reserveCapacity(items.count)
            var issues: [ValidationIssue] = []
            for (index, item) in items.enumerated() {
                switch element.parse(item) {
                case .success(let parsed):
                    output.append(parsed)
                case .failure(let failure):
                    issues += failure.issues.map { ValidationIssue(path: [.index(index)] + $0.path, message: $0.message) }
                }
            }
            return issues.isEmpty ? .success(output) : .failure(ParseFailure(issues: issues))
        }
    }
}
