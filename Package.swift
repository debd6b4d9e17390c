// swift-tools-version:6.0
// Xinyu (心育): mental-health lesson scheduling for Chinese schools, on GLPK.
// Licensed GPL-3.0-or-later (GLPK is GPL-3.0-or-later).
import PackageDescription

let package = Package(
    name: "Xinyu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "xinyu", targets: ["xinyu"]),
        .library(name: "XinyuCore", targets: ["XinyuCore"]),
        .library(name: "XinyuVerify", targets: ["XinyuVerify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // The web portal (`xinyu serve`): HTTP server, bcrypt, templates, SQLite state.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // GLPK's C API (Debian libglpk-dev). No pkg-config file ships with it.
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        // Solver-neutral MIP model, options, statuses. Imports no C module.
        .target(name: "XinyuMIP"),
        // The GLPK backend: the only target that imports CGLPK.
        .target(name: "XinyuGLPK", dependencies: ["CGLPK", "XinyuMIP"]),
        // The district pack: domain types, reading and validation, output files.
        .target(name: "XinyuPack", dependencies: [
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "CSV", package: "CSV.swift"),
        ],
        // China's holiday table, read by import and generate (HolidayTable.swift): embedded in the
        // binary, so a copied `xinyu` needs no resource folder beside it.
        resources: [.embedInCode("Resources/holidays-cn.csv")]),
        // The one maximum flow (Ford–Fulkerson, edges in insertion order): the generator's
        // timetables and the planner's flow bound. No dependencies.
        .target(name: "XinyuFlow"),
        // The independent verifiers (lessons, duty, lesson details): they read pack types only, so
        // the compiler keeps them from using anything of the planner they check.
        .target(name: "XinyuVerify", dependencies: ["XinyuPack"]),
        // The planner, in rooms: Instance/ (calendar, indexing), Formulation/ (term model, costs),
        // Search/ (stages, greedy, re-planning), Bounds/, Duty/, Extras/ (lectures, details), Text/.
        .target(name: "XinyuCore", dependencies: ["XinyuPack", "XinyuMIP", "XinyuVerify", "XinyuFlow"]),
        // libxlsxwriter's C API (Debian libxlsxwriter-dev): the XLSX writer used by XinyuExport.
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // Exports of a schedule: XLSX workbooks, iCalendar files, a static HTML site (zh-CN / en).
        .target(name: "XinyuExport", dependencies: ["XinyuPack", "XinyuCore", "XinyuVerify", "CXLSXWriter"]),
        // Sample district generator.
        .target(name: "XinyuGenerate", dependencies: ["XinyuPack", "XinyuFlow"]),
        // Importers: FET, XHSTT (ITC 2011) and timetable grids (课程表) into a district pack.
        .target(name: "XinyuImport", dependencies: [
            "XinyuPack",
            // XLSX grids are zip archives of XML.
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // The district office: whole-district runs, staffing, capacity advice, shards and merge.
        .target(name: "XinyuDistrict", dependencies: [
            "XinyuCore", "XinyuPack", "XinyuMIP", "XinyuVerify",
        ]),
        // The district's web portal: accounts, uploads, background solves, the office's views, JSON API.
        .target(name: "XinyuServer", dependencies: [
            "XinyuCore", "XinyuPack", "XinyuVerify", "XinyuImport", "XinyuExport", "XinyuDistrict",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "GRDB", package: "GRDB.swift"),
            // SHA-256 of session ids and API tokens: the database never holds a usable secret.
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.copy("Templates"), .copy("Static"), .copy("openapi.yaml")]),
        // Commands (swift-argument-parser).
        .target(name: "XinyuCLI", dependencies: [
            "XinyuCore", "XinyuVerify", "XinyuPack", "XinyuGenerate", "XinyuGLPK", "XinyuImport", "XinyuExport", "XinyuDistrict",
            "XinyuServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "xinyu", dependencies: ["XinyuCLI"]),
        .testTarget(name: "XinyuFlowTests", dependencies: ["XinyuFlow"]),
        .testTarget(name: "XinyuMIPTests", dependencies: ["XinyuMIP", "XinyuGLPK"]),
        .testTarget(name: "XinyuPackTests", dependencies: ["XinyuPack"], resources: [.copy("Fixtures")]),
        .testTarget(name: "XinyuCoreTests", dependencies: ["XinyuVerify", "XinyuCore", "XinyuPack", "XinyuMIP", "XinyuGLPK"]),
        .testTarget(name: "XinyuGenerateTests", dependencies: ["XinyuVerify", "XinyuGenerate", "XinyuPack", "XinyuCore"]),
        .testTarget(name: "XinyuImportTests", dependencies: ["XinyuVerify", "XinyuImport", "XinyuPack", "XinyuCore", "XinyuGLPK", "CXLSXWriter"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "XinyuExportTests", dependencies: ["XinyuVerify", "XinyuExport", "XinyuCore", "XinyuPack", "XinyuGLPK", "XinyuDistrict"]),
        .testTarget(name: "XinyuDistrictTests", dependencies: ["XinyuVerify", "XinyuDistrict", "XinyuCore", "XinyuPack", "XinyuGLPK"]),
        .testTarget(name: "XinyuServerTests", dependencies: [
            "XinyuServer", "XinyuPack",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "XinyuCLITests", dependencies: ["XinyuCLI", "XinyuCore", "XinyuVerify", "XinyuPack"], exclude: ["Snapshots"]),
        // Hostile and broken input, resource bounds, interruptions and reproducibility (docs/TRUST.md).
        // The risky inputs run through the built `xinyu` in child processes; Corpus/ holds kept inputs.
        .testTarget(name: "XinyuFuzzTests", dependencies: [
            "XinyuPack", "XinyuImport", "XinyuCore", "XinyuGLPK",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], exclude: ["Corpus"]),
    ]
)

// Coverage-guided fuzzing (libFuzzer): the `xinyu-fuzz` binary exists only when XINYU_FUZZ=1 —
// scripts/fuzz-libfuzzer builds it with -sanitize=fuzzer,address into .build-fuzz (docs/TRUST.md).
if Context.environment["XINYU_FUZZ"] == "1" {
    package.targets.append(.executableTarget(
        name: "xinyu-fuzz", dependencies: ["XinyuPack", "XinyuImport"], path: "Fuzz/XinyuFuzz",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    package.products.append(.executable(name: "xinyu-fuzz", targets: ["xinyu-fuzz"]))
}
