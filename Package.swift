// swift-tools-version:6.0
import PackageDescription

/// Every module is compiled with these: `any` is written wherever an existential is meant.
let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "leadbase",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex
    products: [
        .executable(name: "leadbase", targets: ["leadbase"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "LeadbaseCore",
            dependencies: []
        ),
        // JSON in and out: the parser, the typed readers of request bodies and filters, the
        // hand-written record reader and canonical writer, ISO-8601.
        .target(
            name: "LeadbaseJSON",
            dependencies: ["LeadbaseCore"]
        ),
        // The synthetic directory (`leadbase directory seed`).
        .target(
            name: "LeadbaseSeed",
            dependencies: ["LeadbaseCore", "LeadbaseJSON"]
        ),
        .target(
            name: "LeadbaseStore",
            dependencies: [
                "LeadbaseCore",
                "LeadbaseJSON",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "LeadbaseServer",
            dependencies: [
                "LeadbaseCore",
                "LeadbaseJSON",
                "LeadbaseStore",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("OpenAPI/openapi.json")]
        ),
        .executableTarget(
            name: "leadbase",
            dependencies: [
                "LeadbaseCore",
                "LeadbaseJSON",
                "LeadbaseSeed",
                "LeadbaseStore",
                "LeadbaseServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The properties the JSON and filter parsers keep for any input; built with libFuzzer
        // by scripts/fuzz-parsers.sh, or plain to replay a corpus.
        .executableTarget(
            name: "LeadbaseFuzz",
            dependencies: ["LeadbaseCore", "LeadbaseJSON"]
        ),
        .testTarget(
            name: "LeadbaseCoreTests",
            dependencies: ["LeadbaseCore"]
        ),
        .testTarget(
            name: "LeadbaseJSONTests",
            dependencies: ["LeadbaseCore", "LeadbaseJSON", "LeadbaseSeed"]
        ),
        // What the store and server suites share: the database a test runs on (SQLite, or a
        // fresh schema of the PostgreSQL server the test command starts) and a test tenant.
        .target(
            name: "LeadbaseTestSupport",
            dependencies: [
                "LeadbaseCore",
                "LeadbaseStore",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            path: "Tests/LeadbaseTestSupport"
        ),
        // Storage without HTTP: migrations, stores, units of work, SQL logs.
        .testTarget(
            name: "LeadbaseStoreTests",
            dependencies: [
                "LeadbaseCore",
                "LeadbaseStore",
                "LeadbaseTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .testTarget(
            name: "LeadbaseServerTests",
            dependencies: [
                "LeadbaseCore",
                "LeadbaseJSON",
                "LeadbaseSeed",
                "LeadbaseServer",
                "LeadbaseStore",
                "LeadbaseTestSupport",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
