import Configuration
import Foundation

/// One setting, documented once: the key the code reads through a `ConfigReader`, the flag and
/// environment variable an operator sets it with, its default and what it means. Each settings
/// value declares its own (`DatabaseSettings.keys`, `HTTPSettings.keys`, …); the README's
/// configuration table lists the same, and a test keeps the two equal.
public struct Setting: Sendable, Hashable {
    /// The reader's key, per concern (`http.port`, `jwt.issuer`).
    public let key: String
    /// The long flag without its dashes (`port`), for the settings a command takes on its line.
    public let flag: String?
    /// The environment variable (`LEADBASE_PORT`).
    public let environment: String
    /// The value when neither flag nor environment gives one, as an operator would write it.
    public let defaultValue: String?
    /// Kept out of logs and access reports (secrets, URLs with passwords).
    public let isSecret: Bool
    public let summary: String

    public init(
        key: String, flag: String? = nil, environment: String, default defaultValue: String? = nil, isSecret: Bool = false,
        summary: String
    ) {
        self.key = key
        self.flag = flag
        self.environment = environment
        self.defaultValue = defaultValue
        self.isSecret = isSecret
        self.summary = summary
    }

    /// The command-line help: the summary, the environment variable and the default.
    public var help: String {
        "\(summary) (env \(environment)" + (defaultValue.map { "; default \($0)" } ?? "") + ")"
    }
}

/// A setting that cannot be used; the message names the key (its environment variable).
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let key: String
    public let message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public init(_ setting: Setting, _ message: String) {
        self.init(key: setting.environment, message: message)
    }

    public var description: String { "invalid configuration \(key): \(message)" }
}

extension ConfigReader {
    /// The reader of a Leadbase process: the flags given on the command line, then the
    /// environment, then each setting's default. An empty value counts as unset. Values are read
    /// as text and checked by the settings that read them, so a flag and its environment variable
    /// obey one rule.
    ///
    /// - Parameters:
    ///   - settings: every setting the process may read; their environment names and defaults.
    ///   - flags: the values of the flags that were given.
    public init(
        settings: [Setting],
        flags: [Setting: String] = [:],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        accessReporter: (any AccessReporter)? = nil
    ) {
        let environmentNames = Dictionary(settings.map { ($0.key, $0.environment) }, uniquingKeysWith: { first, _ in first })
        let secrets = Set(settings.filter(\.isSecret).map(\.environment))
        let variables = EnvironmentVariablesProvider(
            environmentVariables: environment.filter { !$0.value.isEmpty }, secretsSpecifier: .specific(secrets))
        // Today's variable names predate the reader's keys: `http.port` is `LEADBASE_PORT`.
        let named = KeyMappingProvider(upstream: variables) { key in
            guard let name = environmentNames[key.components.joined(separator: ".")] else { return key.prepending(["leadbase"]) }
            return AbsoluteConfigKey([name], context: key.context)
        }
        func values(_ pairs: [(Setting, String)]) -> [AbsoluteConfigKey: ConfigValue] {
            Dictionary(
                pairs.filter { !$0.1.isEmpty }.map {
                    (AbsoluteConfigKey(ConfigKey($0.0.key)), ConfigValue(.string($0.1), isSecret: $0.0.isSecret))
                },
                uniquingKeysWith: { first, _ in first })
        }
        self.init(
            providers: [
                InMemoryProvider(name: "command line", values: values(flags.map { ($0.key, $0.value) })),
                named,
                InMemoryProvider(
                    name: "defaults", values: values(settings.compactMap { setting in setting.defaultValue.map { (setting, $0) } })),
            ],
            accessReporter: accessReporter)
    }

    /// The setting's text, or nil where no provider (not even the defaults) has one.
    package func text(_ setting: Setting) -> String? {
        string(forKey: ConfigKey(setting.key), isSecret: setting.isSecret)
    }

    /// The setting's text; a setting without a default that nobody set stops start-up.
    package func requiredText(_ setting: Setting) throws(ConfigurationError) -> String {
        guard let text = text(setting) else { throw ConfigurationError(setting, "is not set") }
        return text
    }

    /// The setting read by `parse`, or nil where it is unset; text that `parse` refuses stops
    /// start-up with "'text' is not `expected`".
    package func value<Value>(_ setting: Setting, expected: String, _ parse: (String) -> Value?) throws(ConfigurationError) -> Value? {
        guard let text = text(setting) else { return nil }
        guard let value = parse(text) else { throw ConfigurationError(setting, "'\(text)' is not \(expected)") }
        return value
    }

    /// As `value(_:expected:_:)`, for a setting that must have a value (one with a default).
    package func requiredValue<Value>(_ setting: Setting, expected: String, _ parse: (String) -> Value?) throws(ConfigurationError) -> Value
    {
        guard let value = try value(setting, expected: expected, parse) else { throw ConfigurationError(setting, "is not set") }
        return value
    }
}
