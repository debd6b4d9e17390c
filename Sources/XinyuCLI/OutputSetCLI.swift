// The commands' side of OutputSet (XinyuPack/OutputSet.swift): open the set at the start of a
// run, commit it at the end, each failure a bilingual message and an exit code.

import ArgumentParser
import Foundation
import XinyuPack

/// Exit code of a run refused because another run is writing into the same `--out` (EX_TEMPFAIL).
let busyExitCode: Int32 = 75

/// Locks `out` and opens the staging folder of this run's set (exit 64 for a bad `--out`, 75
/// when another run is writing into it, 70 when the folder cannot be created).
func openOutputSet(_ out: String) throws -> OutputSet {
    do {
        return try OutputSet(out)
    } catch {
        printError(error.message)
        switch error.kind {
        case .usage: throw ExitCode(Exit.usage)
        case .busy: throw ExitCode(busyExitCode)
        case .io: throw ExitCode(Exit.internalError)
        }
    }
}

/// Swaps the staged set into `--out` (exit 70 when that fails; the previous set is then whole).
func commitOutputSet(_ set: OutputSet) throws {
    do {
        try set.commit()
    } catch {
        printError(error.message)
        set.abandon()
        throw ExitCode(Exit.internalError)
    }
}

/// A path with symbolic links resolved and `.`/`..` removed (to tell whether two name one folder).
func resolvedPath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
}

/// Copies `names` (files or folders) of `folder` into the staged set, each file atomically
/// (a run that exports into the schedule's own folder keeps that schedule in its new set).
func copySetFiles(_ names: [String], from folder: String, into set: OutputSet) throws {
    for name in names { try copyTree(folder + "/" + name, to: set.path(name)) }
}

private func copyTree(_ source: String, to destination: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else { return }
    if isDirectory.boolValue {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: source)) ?? []).sorted()
        for name in names { try copyTree(source + "/" + name, to: destination + "/" + name) }
        return
    }
    guard let data = FileManager.default.contents(atPath: source) else {
        throw PackWriteError(path: source, en: "cannot be read", zh: "无法读取")
    }
    try AtomicFile.write(Array(data), to: destination)
}
