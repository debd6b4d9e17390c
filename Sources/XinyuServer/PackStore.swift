import Foundation
import XinyuPack

/// The district pack under DATA/pack, read once and kept until the portal changes it.
/// Every change goes through `replace` so readers never see a half-written school.
actor PackStore {
    let path: String
    private var cached: LoadedPack?

    init(path: String) { self.path = path }

    /// The pack as read by the command line's reader; nil when it is missing or invalid.
    func load() -> LoadedPack? {
        if let cached { return cached }
        guard let loaded = try? PackReader.load(path: path) else { return nil }
        cached = loaded
        return loaded
    }

    /// The pack's errors and notes, for the office's pages (empty when valid); each page shows them
    /// in its language.
    func errors() -> [Diagnostic] {
        do { _ = try PackReader.load(path: path); return [] } catch { return error.diagnostics }
    }

    func invalidate() { cached = nil }

    /// Replaces `relative` (a file or a folder inside the pack) with `source`, checks that the pack
    /// still reads, and puts the old one back if not. Returns the reader's errors (empty: done).
    func replace(_ relative: String, with source: String) -> [String] {
        replaceChecked([(relative, source)]).map(\.description)
    }

    /// Replaces several files at once and checks the pack once with all of them in place (district.toml
    /// and calendar.csv depend on each other: a new term and the calendar that fits it). On any
    /// error every old file is put back. Returns the reader's diagnostics (errors first; empty: done).
    func replaceChecked(_ files: [(relative: String, source: String)]) -> [Diagnostic] {
        let fm = FileManager.default
        var moved: [(target: String, old: String?)] = []
        func restore() {
            for m in moved.reversed() {
                try? fm.removeItem(atPath: m.target)
                if let old = m.old { try? fm.moveItem(atPath: old, toPath: m.target) }
            }
        }
        for (relative, source) in files {
            let target = path + "/" + relative
            let old = target + ".old-\(getpid())"
            try? fm.removeItem(atPath: old)
            let existed = fm.fileExists(atPath: target)
            do {
                if existed { try fm.moveItem(atPath: target, toPath: old) }
                moved.append((target, existed ? old : nil))
                try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try fm.copyItem(atPath: source, toPath: target)
            } catch {
                restore()
                return [Diagnostic(.error, SourceLocation(file: relative), Bilingual(en: "cannot write: \(error)", zh: "无法写入：\(error)"))]
            }
        }
        cached = nil
        do {
            _ = try PackReader.load(path: path)
            for m in moved { if let old = m.old { try? fm.removeItem(atPath: old) } }
            return []
        } catch {
            restore()
            return error.diagnostics.filter { $0.severity == .error } + error.diagnostics.filter { $0.severity != .error }
        }
    }

    /// A copy of the whole pack at `destination` (the version a run solves).
    func snapshot(to destination: String) throws {
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: path, toPath: destination)
    }
}

/// `--from-pack`: the data folder's pack starts as a copy of a district pack (checked first).
public enum Seeding {
    public static func seed(dataDirectory: String, from pack: String) throws -> String {
        let loaded: LoadedPack
        do { loaded = try PackReader.load(path: pack) } catch {
            throw SeedError(message: error.diagnostics.map(\.description).joined(separator: "\n"))
        }
        let target = dataDirectory + "/pack"
        let fm = FileManager.default
        if fm.fileExists(atPath: target) {
            throw SeedError(message: "\(target) exists already: the data folder has a pack; not replaced / 数据目录中已有数据包，未覆盖")
        }
        try fm.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        try fm.copyItem(atPath: pack, toPath: target)
        return "\(loaded.district.schools.count) school(s) from \(pack)"
    }

    public struct SeedError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
