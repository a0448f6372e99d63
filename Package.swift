// swift-tools-version:6.0
import PackageDescription

/// Afield: one Swift server, modules as targets. Import direction (DESIGN §1):
/// AfieldAPI ← Platform ← domains ← App ← afield.
let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Afield",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "afield", targets: ["afield"]),
        .library(name: "AfieldAPI", targets: ["AfieldAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        // AES-GCM for fields encrypted at rest and HMAC-SHA1 for TOTP (already in Vapor's graph).
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        // CSV with quoted multi-line fields (Northwind employees.csv), a well-kept parser instead of our own.
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        // XLSX export of lists (an .xlsx is a ZIP of XML parts); listed for this machine in the env.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(name: "AfieldAPI", swiftSettings: swiftSettings),
        .target(
            name: "Platform",
            dependencies: [
                "AfieldAPI",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "Partners", dependencies: ["Platform", "AfieldAPI"], swiftSettings: swiftSettings),
        .target(name: "Products", dependencies: ["Platform", "AfieldAPI", "Partners"], swiftSettings: swiftSettings),
        .target(name: "Sales", dependencies: ["Platform", "AfieldAPI", "Partners", "Products"], swiftSettings: swiftSettings),
        .target(name: "CRM", dependencies: ["Platform", "AfieldAPI", "Partners", "Products", "Sales", .product(name: "SwiftCSV", package: "SwiftCSV")],
                swiftSettings: swiftSettings),
        .target(name: "Approvals", dependencies: ["Platform", "AfieldAPI"], swiftSettings: swiftSettings),
        .target(name: "Attendance", dependencies: ["Platform", "AfieldAPI", "Partners"], swiftSettings: swiftSettings),
        .target(name: "Leave", dependencies: ["Platform", "AfieldAPI", "Attendance"], swiftSettings: swiftSettings),
        .target(name: "Expenses", dependencies: ["Platform", "AfieldAPI", "Partners"], swiftSettings: swiftSettings),
        .target(name: "Projects", dependencies: ["Platform", "AfieldAPI", "Partners", "Sales", "Approvals", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: swiftSettings),
        .target(
            name: "App",
            dependencies: ["Platform", "AfieldAPI", "Partners", "Products", "Sales", "CRM", "Approvals", "Attendance", "Leave", "Expenses", "Projects", .product(name: "SwiftCSV", package: "SwiftCSV")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "afield",
            dependencies: [
                "App", "Platform", "Sales",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AfieldTesting",
            dependencies: ["App", "Platform", "AfieldAPI", .product(name: "VaporTesting", package: "vapor")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "PlatformTests", dependencies: ["Platform", "AfieldTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "AppTests", dependencies: ["App", "AfieldTesting", "Sales", "CRM", "Partners", "Approvals", "Attendance", "Leave", "Expenses", "Projects", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["Fixtures"], swiftSettings: swiftSettings),
    ]
)
