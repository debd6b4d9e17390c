// libFuzzer entry point (coverage-guided fuzzing, docs/TRUST.md): one binary, the reader under
// test chosen by XINYU_FUZZ_TARGET (toml, csv, fet, xhstt, grid, xlsx). Built only by
// scripts/fuzz-libfuzzer (XINYU_FUZZ=1, -sanitize=fuzzer,address, scratch path .build-fuzz);
// `@testable import` works because that build is a debug build (-enable-testing).
//
// Every reader must return a value or a diagnostic for every input: a trap, an address
// sanitizer report, a leak or a hang is a finding (libFuzzer saves the input as crash-*/timeout-*).

import Foundation
@testable import XinyuImport
@testable import XinyuPack

/// The target, read once.
private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["XINYU_FUZZ_TARGET"] ?? ""
    guard let t = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("XINYU_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(64)
    }
    return t
}()

/// A private scratch folder for readers that take a path (importers, XLSX).
private let scratch: String = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let dir = base + "/xinyu-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}()

enum FuzzTarget: String, CaseIterable {
    case toml, csv, fet, xhstt, grid, xlsx
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch target {
    case .toml: FuzzReaders.toml(bytes, scratch: scratch)
    case .csv: FuzzReaders.csv(bytes)
    case .fet: FuzzReaders.importFile(bytes, name: "in.fet", scratch: scratch) { try FETImporter.read(files: [$0]) }
    case .xhstt: FuzzReaders.importFile(bytes, name: "in.xml", scratch: scratch) { try XHSTTImporter.read(file: $0, solution: nil) }
    case .grid: FuzzReaders.importFile(bytes, name: "in.csv", scratch: scratch) { try GridImporter.read(files: [$0]).0 }
    case .xlsx: FuzzReaders.importFile(bytes, name: "in.xlsx", scratch: scratch) { try GridImporter.read(files: [$0]).0 }
    }
    return 0
}

// SwiftPM links an executable with `main` aliased to `<module>_main`; libFuzzer's own `main` is
// then not used, so this one starts libFuzzer's driver with the same arguments.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("xinyu_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
