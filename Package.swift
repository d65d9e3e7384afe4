// swift-tools-version: 6.1
import PackageDescription

// Modules follow the data's path: snapshot -> reconcile -> propagate.
// SyncCore (pure: model, mapping, normalisation, planner) <- SyncStore (the StateStore protocol,
// the SQLite state file) and SyncStorePostgres (the same state in PostgreSQL) <- SyncEngine (runs
// the phases) <- fgsync (CLI). Simulators (fake Fulcrum and GHL APIs)
// depend on nothing of ours.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The executables allocate through jemalloc (Debian's libjemalloc-dev) on Linux. A snapshot
/// allocates and frees a few small objects per field on every core at once; glibc's malloc,
/// capped to few arenas to keep the peak down, spent a fifth of the ingest in malloc, free and
/// their locks. Linked ahead of libc, jemalloc's `malloc` serves the whole process: ingesting
/// 800,000 records took 11.6 s instead of 14.2 s at the same peak memory (`fgsync-bench plan`;
/// mimalloc: 11.9 s). The libraries leave the choice to their host.
let jemalloc: [LinkerSetting] = [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]

let package = Package(
    name: "fgsync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fgsync", targets: ["fgsync"]),
        .executable(name: "fgsync-bench", targets: ["fgsync-bench"]),
        .library(name: "SyncCore", targets: ["SyncCore"]),
        .library(name: "SyncStore", targets: ["SyncStore"]),
        .library(name: "SyncEngine", targets: ["SyncEngine"]),
        .library(name: "Simulators", targets: ["Simulators"]),
        .library(name: "FulcrumAPI", targets: ["FulcrumAPI"]),
        .library(name: "HighLevelAPI", targets: ["HighLevelAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-asn1", exact: "1.7.4"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
    ],
    targets: [
        // Google's libphonenumber (Debian's libphonenumber-dev) behind a C header, so SyncCore
        // stays plain Swift: it decides whether a phone is a valid number for its region.
        .target(
            name: "CPhoneNumber",
            linkerSettings: [.linkedLibrary("phonenumber"), .linkedLibrary("stdc++")]
        ),
        // zlib (Debian's zlib1g-dev) expands the raw JSON that state files hold from before zstd
        // (deflate against a preset dictionary, which no Swift package here exposes).
        .target(
            name: "CZlib",
            linkerSettings: [.linkedLibrary("z")]
        ),
        // Zstandard (Debian's libzstd-dev) compresses new raw JSON: against a dictionary prepared
        // once, a record takes about 3.7 µs where deflate took 12-13 µs, at the same size
        // (issue 12; measured with `fgsync-bench codec`). Rows deflate wrote are still expanded.
        .target(
            name: "CZstd",
            linkerSettings: [.linkedLibrary("zstd")]
        ),
        // glibc's mallopt, to cap malloc arenas in long runs (`ProcessMemory`).
        .target(name: "CMalloc"),
        .target(
            name: "SyncCore",
            dependencies: ["CPhoneNumber", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SyncStore",
            dependencies: [
                "SyncCore", "CZlib", "CZstd", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // The state of a sync in PostgreSQL (issue 15 item 4): the same StateStore protocol, the
        // same blobs (projection, compressed raw JSON, digests) in bytea columns; no GRDB here.
        .target(
            name: "SyncStorePostgres",
            dependencies: [
                "SyncStore", "SyncCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SyncHTTP",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FulcrumAPI",
            dependencies: ["SyncHTTP"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HighLevelAPI",
            dependencies: ["SyncHTTP"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SyncEngine",
            dependencies: [
                "SyncCore", "SyncStore", "SyncStorePostgres", "FulcrumAPI", "HighLevelAPI", "SyncHTTP", "CMalloc",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SyncReports",
            dependencies: ["SyncCore", "SyncStore", "SyncEngine"],
            swiftSettings: strictSettings
        ),
        // `fgsync serve`: webhooks in (verified, into the inbox), delta passes out, metrics, and
        // the web console (Console/: server-rendered Mustache pages over SyncReports' jobs).
        .target(
            name: "SyncServer",
            dependencies: [
                "SyncCore", "SyncStore", "SyncEngine", "SyncHTTP", "SyncReports",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Simulators",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Demo",
            dependencies: [
                "SyncCore", "SyncStore", "SyncEngine", "SyncReports", "SyncServer", "Simulators", "SyncHTTP", "FulcrumAPI", "HighLevelAPI",
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "fgsync",
            dependencies: [
                "SyncCore", "SyncEngine", "SyncReports", "Simulators", "Demo", "SyncStore", "SyncHTTP", "FulcrumAPI", "HighLevelAPI",
                "SyncServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings,
            linkerSettings: jemalloc
        ),
        .executableTarget(
            name: "fgsync-bench",
            dependencies: [
                "SyncCore", "SyncStore", "SyncStorePostgres", "SyncEngine", "SyncServer", "Demo", "Simulators", "SyncHTTP", "FulcrumAPI", "HighLevelAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings,
            linkerSettings: jemalloc
        ),
        // posix_spawn for the tests' child processes (TestSupport's ChildProcess), every inherited
        // fd closed by close_range(2): Foundation's Process scans /proc/self/fd instead, and read
        // past glibc's buffer (a crash) once 1,354 or more fds were open. Only tests depend on it.
        .target(
            name: "CSpawn",
            path: "Tests/CSpawn"
        ),
        .target(
            name: "TestSupport",
            dependencies: ["SyncCore", "CSpawn", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SyncCoreTests",
            dependencies: ["SyncCore", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SyncStoreTests",
            dependencies: [
                "SyncStore", "SyncStorePostgres", "SyncCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SyncEngineTests",
            dependencies: [
                "SyncEngine", "SyncStore", "SyncCore", "SyncReports", "TestSupport", "Demo", "Simulators", "SyncHTTP", "FulcrumAPI",
                "HighLevelAPI", "SyncServer", "SyncStorePostgres", .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SyncReportsTests",
            dependencies: ["SyncReports", "SyncEngine", "SyncStore", "SyncCore", "TestSupport", "Demo", "Simulators"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "APIClientTests",
            dependencies: ["SyncHTTP", "FulcrumAPI", "HighLevelAPI", "Simulators", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SimulatorsTests",
            dependencies: [
                "Simulators",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
