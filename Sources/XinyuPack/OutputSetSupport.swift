// The file-system steps of OutputSet: checking `--out`, the lock, the atomic exchange, flushing
// a tree, and cleaning up after runs that were killed.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputSet {
    static func usage(en: String, zh: String) -> OutputSetError { OutputSetError(kind: .usage, en: en, zh: zh) }

    static func io(_ what: Bilingual, _ path: String) -> OutputSetError {
        let reason = AtomicFile.errnoText()
        return OutputSetError(kind: .io, en: "\(path): \(what.en) (\(reason)); the previous output is unchanged",
                              zh: "\(path)：\(what.zh)（\(reason)），原有输出未改动")
    }

    /// `--out` must be missing, an empty folder, or a folder a run wrote (its marker, or a
    /// schedule.csv / report.md of a run from before the marker, or only the xlsx/ics/html
    /// folders of an export from before it).
    static func checkTarget(_ target: String, shown: String) throws(OutputSetError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw usage(en: "\(shown): is a file, not a folder; --out names the folder the output set is written to", zh: "\(shown)：--out 须为目录，这里是一个文件")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        let known = [marker, "schedule.csv", "report.md"]
        // A folder `xinyu export` wrote before exports were output sets holds only these.
        let exportFolders = ["xlsx", "ics", "html"]
        if !entries.isEmpty && !entries.contains(where: known.contains) && !entries.allSatisfy(exportFolders.contains) {
            throw usage(en: "\(shown): holds files that are not a Xinyu output set; the whole folder is replaced by each run, so name a new or empty folder", zh: "\(shown)：该目录含有非 Xinyu 输出文件；每次运行会整体替换输出目录，请指定新的或空的目录")
        }
    }

    /// An exclusive lock on `path` (created if missing), or `busy` when another run holds it.
    static func lock(_ path: String, shown: String) throws(OutputSetError) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw io(Bilingual(en: "cannot create the lock file", zh: "无法创建锁文件"), path) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw OutputSetError(kind: .busy, en: "\(shown): another xinyu run is writing into this folder; try again when it has ended", zh: "\(shown)：另一个 xinyu 运行正在写入该目录，请待其结束后再试")
        }
        return fd
    }

    /// Swaps two folders atomically (Linux renameat2 with RENAME_EXCHANGE, found at run time);
    /// false where the kernel or file system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// fsync of every file and folder of the staged set (the files are flushed when written;
    /// this also covers files written by C libraries).
    static func syncTree(_ root: String) {
        let fm = FileManager.default
        for entry in (fm.enumerator(atPath: root)?.allObjects as? [String] ?? []) {
            let fd = open(root + "/" + entry, O_RDONLY)
            if fd >= 0 { _ = fsync(fd); close(fd) }
        }
        AtomicFile.syncDirectory(root)
    }

    /// What runs killed before they ended left beside `--out` (called under the lock, so no
    /// live run owns them): staging folders are removed; a previous set moved aside is put back
    /// if `--out` is missing (a kill between the two renames of the fallback swap).
    static func removeLeftovers(parent: String, base: String) {
        let fm = FileManager.default
        let prefix = "." + base + ".xinyu-"
        let names = ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
        for name in names where name.hasPrefix(prefix + "old-") {
            if !fm.fileExists(atPath: parent + "/" + base) {
                _ = rename(parent + "/" + name, parent + "/" + base)
            } else {
                try? fm.removeItem(atPath: parent + "/" + name)
            }
        }
        for name in names where name.hasPrefix(prefix + "new-") {
            try? fm.removeItem(atPath: parent + "/" + name)
        }
    }
}
