// One output set at a time. A run writes its whole set (schedule, months, report, exports …)
// into a new hidden folder beside `--out`, flushes it, and swaps it into `--out` at the end with
// one atomic exchange of the two folders (Linux renameat2 RENAME_EXCHANGE). So `--out` always
// holds one complete set of one run: never files of two runs, never a stale file of an earlier
// run; a failed write (a full disk) or a kill at any moment leaves the previous set whole. A lock
// (flock on `.NAME.xinyu-lock` beside `--out`) lets one run at a time write into a folder; a
// second run is refused at its start. docs/TRUST.md lists the guarantees and their tests.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output folder cannot be used; `usage` problems are the user's (exit 64), `busy` another
/// run's (exit 75), the rest the machine's (exit 70).
public struct OutputSetError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case usage, busy, io }
    public var kind: Kind
    public var text: Bilingual
    public init(kind: Kind, en: String, zh: String) {
        self.kind = kind
        self.text = Bilingual(en: en, zh: zh)
    }
    /// English / Chinese.
    public var message: String { text.description }
    public var description: String { message }
}

public final class OutputSet {
    /// The folder the set ends up in (`--out`).
    public let target: String
    /// Where this run writes its files until `commit()`.
    public let directory: String
    private let parent: String, base: String
    private var lockFD: Int32
    private var committed = false

    /// The marker every set holds, so a folder of other files is never replaced by mistake.
    public static let marker = ".xinyu-output"

    /// Locks `out` for this run, removes what killed runs left beside it, and creates the
    /// staging folder. Refuses a path that is a file, a folder of other files, or one another
    /// run is writing.
    public init(_ out: String) throws(OutputSetError) {
        var path = out
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        let url = URL(fileURLWithPath: path)
        target = url.path
        base = url.lastPathComponent
        parent = url.deletingLastPathComponent().path
        guard !base.isEmpty, base != "/", base != ".", base != ".." else {
            throw Self.usage(en: "\(out): name a folder for the output, e.g. out/run1", zh: "\(out)：请指定一个输出目录")
        }
        try Self.checkTarget(target, shown: out)
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputSetError(kind: .io, en: "\(parent): cannot create the folder (\(AtomicFile.errnoText()))", zh: "\(parent)：无法创建目录（\(AtomicFile.errnoText())）")
        }
        lockFD = try Self.lock(parent + "/." + base + ".xinyu-lock", shown: out)
        directory = parent + "/." + base + ".xinyu-new-\(getpid())"
        Self.removeLeftovers(parent: parent, base: base)
        guard mkdir(directory, 0o755) == 0 else {
            let text = AtomicFile.errnoText()
            close(lockFD)
            throw OutputSetError(kind: .io, en: "\(directory): cannot create the staging folder (\(text))", zh: "\(directory)：无法创建临时输出目录（\(text)）")
        }
        _ = FileManager.default.createFile(atPath: directory + "/" + Self.marker, contents: Data("xinyu output set\n".utf8))
    }

    deinit {
        if !committed { abandon() }
        if lockFD >= 0 { close(lockFD) }
    }

    /// The path of `name` inside the staged set.
    public func path(_ name: String) -> String { directory + "/" + name }

    /// Flushes the staged set and swaps it into `target`; the previous set is removed after.
    public func commit() throws(OutputSetError) {
        Self.syncTree(directory)
        if FileManager.default.fileExists(atPath: target) {
            if Self.exchange(directory, target) {
                // `directory` now holds the previous set.
                AtomicFile.syncDirectory(parent)
                try? FileManager.default.removeItem(atPath: directory)
            } else {
                // No atomic exchange on this file system: move the old set aside first. A kill
                // between the two renames leaves it in `.NAME.xinyu-old-PID`, restored by the
                // next run (removeLeftovers).
                let old = parent + "/." + base + ".xinyu-old-\(getpid())"
                guard rename(target, old) == 0 else { throw Self.io(Bilingual(en: "cannot move the previous set aside", zh: "无法移开原有输出"), target) }
                guard rename(directory, target) == 0 else {
                    let text = Self.io(Bilingual(en: "cannot move the new set into place", zh: "无法将新输出移入"), target)
                    _ = rename(old, target)
                    throw text
                }
                AtomicFile.syncDirectory(parent)
                try? FileManager.default.removeItem(atPath: old)
            }
        } else {
            guard rename(directory, target) == 0 else { throw Self.io(Bilingual(en: "cannot move the new set into place", zh: "无法将新输出移入"), target) }
            AtomicFile.syncDirectory(parent)
        }
        committed = true
        AtomicFile.syncDirectory(parent)
    }

    /// Drops the staged set: `target` stays as it was.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: directory)
        committed = true
    }
}
