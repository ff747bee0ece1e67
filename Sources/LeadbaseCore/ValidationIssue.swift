/// One step of the path to a failing field: an object key or an array index.
public enum PathComponent: Sendable, Hashable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)

    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let index = try? container.decode(Int.self) {
            self = .index(index)
        } else {
            self = .key(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .key(let key): try container.encode(key)
        case .index(let index): try container.encode(index)
        }
    }
}

/// A field that failed validation: where it is (`["prospects", 0, "firstName"]`) and why.
public struct ValidationIssue: Sendable, Hashable, Codable {
    public var path: [PathComponent]
    public var message: String

    public init(path: [PathComponent], message: String) {
        self.path = path
        self.message = message
    }
}
