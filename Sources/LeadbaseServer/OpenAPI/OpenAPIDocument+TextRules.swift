import Foundation
import LeadbaseCore
import LeadbaseJSON

extension OpenAPIDocument {
    /// The document as served: `json` with the control-character rule of `TextRules` written
    /// into every request schema, which would be noise to write by hand at every string. A
    /// request body is checked whole, unknown properties too, so the document says so as well:
    ///
    /// - every string of a request schema (but enums and formatted strings, which cannot hold
    ///   one) refuses U+0000–U+001F and U+007F other than tab, line feed and carriage return;
    /// - every object of a request schema refuses such property names, and an object that takes
    ///   unknown properties takes them as `SafeJSON`: any JSON value obeying the same rule;
    /// - every integer of a request (body, query or path) lies within ±2^53 − 1.
    ///
    /// Identifiers (`UserId`, a company search's `url`) carry their stricter pattern in `json`.
    static let served: String = {
        guard case .object(var document) = try? JSONValue.parse(json.utf8),
            case .object(var components) = document["components"],
            case .object(var schemas) = components["schemas"],
            case .object(var paths) = document["paths"]
        else { preconditionFailure("OpenAPIDocument.json is not an OpenAPI document") }

        var requestSchemas = Set<String>()
        for (path, item) in paths {
            guard case .object(var operations) = item else { continue }
            operations["parameters"] = operations["parameters"].map(Self.boundingIntegerParameters)
            for (method, operation) in operations {
                guard case .object(var fields) = operation else { continue }
                fields["parameters"] = fields["parameters"].map(Self.boundingIntegerParameters)
                operations[method] = .object(fields)
            }
            for (method, operation) in operations {
                guard case .object(var fields) = operation, case .object(var body)? = fields["requestBody"],
                    case .object(var content)? = body["content"]
                else { continue }
                for (mediaType, value) in content {
                    guard case .object(var media) = value, let schema = media["schema"] else { continue }
                    media["schema"] = Self.applyingTextRules(to: schema, referring: &requestSchemas)
                    content[mediaType] = .object(media)
                }
                body["content"] = .object(content)
                fields["requestBody"] = .object(body)
                operations[method] = .object(fields)
            }
            paths[path] = .object(operations)
        }
        var done = Set<String>()
        while let name = requestSchemas.subtracting(done).sorted().first {
            done.insert(name)
            if let schema = schemas[name] { schemas[name] = Self.applyingTextRules(to: schema, referring: &requestSchemas) }
        }
        for level in 0...safeJSONDepth { schemas[safeJSONName(level)] = safeJSONSchema(level) }
        components["schemas"] = .object(schemas)
        document["components"] = .object(components)
        document["paths"] = .object(paths)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(JSONValue.object(document)), as: UTF8.self)
    }()

    /// A string that holds a control character of the free-text rule (for `not`).
    private static let noControlCharacter: JSONValue = [
        "type": "string", "pattern": #"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]"#,
    ]

    /// The integers a request may hold (`Parser<Int>.maxMagnitude`); another is a 400.
    private static let integerBounds: [String: JSONValue] = [
        "minimum": .number(Double(-Parser<Int>.maxMagnitude)), "maximum": .number(Double(Parser<Int>.maxMagnitude)),
    ]

    /// Query and path parameters, each integer one bounded by `integerBounds`.
    private static func boundingIntegerParameters(_ parameters: JSONValue) -> JSONValue {
        guard case .array(let items) = parameters else { return parameters }
        return .array(
            items.map { item in
                guard case .object(var parameter) = item, case .object(var schema)? = parameter["schema"],
                    schema["type"] == "integer"
                else { return item }
                schema.merge(integerBounds) { given, _ in given }
                parameter["schema"] = .object(schema)
                return .object(parameter)
            })
    }

    private static let safeJSON: JSONValue = ["$ref": .string("#/components/schemas/\(safeJSONName(0))")]

    /// How many levels of arrays and objects `SafeJSON` describes. The rule itself has no depth
    /// (the server reads up to `JSONParser.maxDepth`), but a recursive schema is what common
    /// client generators cannot read (openapi-python-client drops it and every request schema
    /// using it), so the document states it level by level, `SafeJSON` to `SafeJSON16`, the last
    /// holding scalars alone: deep enough for any whole list object a client sends back.
    static let safeJSONDepth = 16

    private static func safeJSONName(_ level: Int) -> String {
        level == 0 ? "SafeJSON" : "SafeJSON\(level)"
    }

    /// The values `level` levels below an unknown property: any JSON value whose strings and
    /// property names obey the rule, arrays and objects holding the next level's.
    private static func safeJSONSchema(_ level: Int) -> JSONValue {
        var kinds: [JSONValue] = [["type": ["null", "boolean", "number"]], ["type": "string", "not": noControlCharacter]]
        if level < safeJSONDepth {
            let next: JSONValue = ["$ref": .string("#/components/schemas/\(safeJSONName(level + 1))")]
            kinds += [
                ["type": "array", "items": next],
                ["type": "object", "propertyNames": ["not": noControlCharacter], "additionalProperties": next],
            ]
        }
        let description =
            level == 0
            ? "Any JSON value whose strings and property names hold no control character but tab, line feed and carriage return."
                + " Stated to \(safeJSONDepth) levels of arrays and objects (SafeJSON1 to SafeJSON\(safeJSONDepth)) for client generators"
                + " that cannot read a recursive schema; the server takes deeper values too"
            : "A value \(level) level\(level == 1 ? "" : "s") down in a SafeJSON value"
        return ["description": .string(description), "anyOf": .array(kinds)]
    }

    /// `schema` and every schema inside it with the rule added; the component schemas it refers
    /// to are added to `referring`, to be treated the same.
    private static func applyingTextRules(to schema: JSONValue, referring: inout Set<String>) -> JSONValue {
        switch schema {
        case .array(let items):
            return .array(items.map { applyingTextRules(to: $0, referring: &referring) })
        case .object(var fields):
            if case .string(let reference)? = fields["$ref"], reference.hasPrefix("#/components/schemas/") {
                referring.insert(String(reference.dropFirst("#/components/schemas/".count)))
                return schema
            }
            for key in ["items", "oneOf", "anyOf", "allOf"] {
                fields[key] = fields[key].map { applyingTextRules(to: $0, referring: &referring) }
            }
            if case .object(let properties)? = fields["properties"] {
                fields["properties"] = .object(properties.mapValues { applyingTextRules(to: $0, referring: &referring) })
            }
            if case .object(let additional)? = fields["additionalProperties"] {
                fields["additionalProperties"] = applyingTextRules(to: .object(additional), referring: &referring)
            }
            let types: [String] =
                switch fields["type"] {
                case .string(let type)?: [type]
                case .array(let types)?: types.compactMap { if case .string(let type) = $0 { type } else { nil } }
                default: []
                }
            if types.contains("integer") { fields.merge(integerBounds) { given, _ in given } }
            if types.contains("string"), fields["enum"] == nil, fields["format"] == nil {
                precondition(fields["not"] == nil, "a request string schema with its own `not`")
                fields["not"] = noControlCharacter
            }
            if types.contains("object") || fields["properties"] != nil {
                fields["propertyNames"] = ["not": noControlCharacter]
                if fields["additionalProperties"] == nil { fields["additionalProperties"] = safeJSON }
            }
            return .object(fields)
        default:
            return schema
        }
    }
}
