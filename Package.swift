// swift-tools-version:6.0
import PackageDescription
import Foundation

/// Kernel build flags: compile for the host CPU and enable FMA only where the CPU has it.
/// `addProduct` in a generic x86-64 build becomes a library call per lane (12x slower), so FMA
/// is switched on only together with `-target-cpu native` on a CPU that reports `fma`.
/// Set `LIGHTGCN_PORTABLE=1` to build a binary that runs on any CPU of the architecture.
func kernelFlags() -> [SwiftSetting] {
    if ProcessInfo.processInfo.environment["LIGHTGCN_PORTABLE"] == "1" { return [] }
    #if os(Linux) && arch(x86_64)
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
    let hasFMA = flags.contains(" fma ")
    // 512-bit registers (32 of them) hold the whole 8 × 32 tile of the scorer and of the GEMM;
    // other builds compute it in quarters.
    let hasWideVectors = flags.contains(" avx512f ")
    return [.unsafeFlags(["-target-cpu", "native"] + (hasFMA ? ["-DKERNEL_FMA"] : [])
                         + (hasWideVectors ? ["-DKERNEL_WIDE_VECTORS"] : []))]
    #elseif arch(arm64)
    return [.define("KERNEL_FMA")]
    #else
    return []
    #endif
}

let settings = kernelFlags()

let package = Package(
    name: "LightGCN",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RecKernels", targets: ["RecKernels"]),
        .library(name: "RecData", targets: ["RecData"]),
        .library(name: "RecModels", targets: ["RecModels"]),
        .library(name: "RecTraining", targets: ["RecTraining"]),
        .library(name: "RecReports", targets: ["RecReports"]),
        .library(name: "RecStore", targets: ["RecStore"]),
        .executable(name: "lightgcn", targets: ["LightGCNCommand"]),
        .executable(name: "lightgcn-benchmarks", targets: ["LightGCNBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "RecKernels", swiftSettings: settings),
        .target(
            name: "RecData",
            dependencies: ["RecKernels", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: settings),
        .target(name: "RecModels", dependencies: ["RecKernels", "RecData"], swiftSettings: settings),
        .target(name: "RecTraining", dependencies: ["RecKernels", "RecData", "RecModels"], swiftSettings: settings),
        .target(name: "RecReports", dependencies: ["RecTraining"], swiftSettings: settings),
        .target(
            name: "RecStore",
            dependencies: [
                "RecData", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: settings),
        .target(
            name: "RecServing",
            dependencies: [
                "RecKernels", "RecData", "RecModels", "RecTraining", "RecStore",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: settings),
        .executableTarget(
            name: "LightGCNCommand",
            dependencies: [
                "RecKernels", "RecData", "RecModels", "RecTraining", "RecReports", "RecServing", "RecStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: settings),
        .executableTarget(
            name: "LightGCNBenchmarks",
            dependencies: ["RecKernels", "RecData", "RecModels", "RecTraining"],
            path: "Benchmarks/Sources/LightGCNBenchmarks", swiftSettings: settings),
        .testTarget(name: "RecKernelsTests", dependencies: ["RecKernels"], swiftSettings: settings),
        .testTarget(
            name: "RecDataTests",
            dependencies: [
                "RecData", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: settings),
        .testTarget(
            name: "RecModelsTests", dependencies: ["RecModels"],
            resources: [.copy("Fixtures")], swiftSettings: settings),
        .testTarget(name: "RecTrainingTests", dependencies: ["RecTraining"], swiftSettings: settings),
        .target(name: "XMLTestSupport", path: "Tests/XMLTestSupport", swiftSettings: settings),
        .testTarget(name: "RecReportsTests", dependencies: ["RecReports", "XMLTestSupport"], swiftSettings: settings),
        .testTarget(
            name: "RecServingTests",
            dependencies: ["RecServing", .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: settings),
        .testTarget(name: "CommandTests", dependencies: ["LightGCNCommand", "RecData", "XMLTestSupport"], swiftSettings: settings),
        .testTarget(
            name: "RecStoreTests",
            dependencies: [
                "RecStore", "RecServing", "RecTraining", "RecData", "RecModels", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: settings),
    ],
    swiftLanguageModes: [.v6]
)
