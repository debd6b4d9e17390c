// Writing an imported pack: into a staging folder beside the target, validated there by the
// pack's own reader, then renamed into place (an existing pack is replaced only with --force).

import Foundation
import XinyuPack

extension PackAssembly {
    /// Writes the pack: nothing is written on error, an existing folder is replaced only with
    /// `force` (and only an empty folder or a pack). district.toml gets comments saying where it came
    /// from and, for a default term, that the term is to be edited.
    public static func write(_ result: ImportResult, to path: String, force: Bool) throws(ImportError) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: target.path, isDirectory: &isDir)
        if exists {
            guard force else { throw .usage("\(path): already exists; use --force to replace it / 目标已存在，如需覆盖请加 --force") }
            let entries = (try? fm.contentsOfDirectory(atPath: target.path)) ?? []
            guard isDir.boolValue, entries.isEmpty || entries.contains("district.toml") else {
                throw .usage("\(path): exists and is not a pack (no district.toml); refusing to replace it / 目标不是数据包，拒绝覆盖")
            }
        }
        let parent = target.deletingLastPathComponent().path
        let staging = parent + "/." + target.lastPathComponent + ".import-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try writeAndValidate(result, to: staging, label: path)
        var old: String?
        if exists {
            old = parent + "/." + target.lastPathComponent + ".old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            guard rename(target.path, old!) == 0 else {
                try? fm.removeItem(atPath: staging)
                throw .input(path, "cannot move the old pack aside / 无法移开旧数据包")
            }
        }
        guard rename(staging, target.path) == 0 else {
            if let old { _ = rename(old, target.path) }
            try? fm.removeItem(atPath: staging)
            throw .input(path, "cannot move the new pack into place / 无法写入目标位置")
        }
        if let old { try? fm.removeItem(atPath: old) }
    }

    /// Writes the pack into `folder` (new) and reads it back with the pack's own validating reader;
    /// a pack that does not validate is removed and refused (exit 65): an import never leaves a
    /// pack that `xinyu validate` rejects.
    static func writeAndValidate(_ result: ImportResult, to folder: String, label: String) throws(ImportError) {
        do {
            try PackWriter.write(result.district, to: folder, overwrite: false)
            let tomlPath = folder + "/district.toml"
            let toml = try String(contentsOfFile: tomlPath, encoding: .utf8)
            try AtomicFile.write(annotate(toml, result), to: tomlPath)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw .input(label, "cannot write the pack: \(error) / 无法写出数据包")
        }
        do {
            _ = try PackReader.load(path: folder)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            let errors = error.diagnostics.filter { $0.severity == .error }.prefix(10).map { "  \($0)" }.joined(separator: "\n")
            throw .input(result.report.files.joined(separator: " "), "the pack assembled from this file does not validate, so it is not written / 由该文件生成的数据包未通过校验，未写出:\n\(errors)")
        }
    }

    /// The check `write` makes, without writing anything where the user can see it (for --dry-run).
    public static func validate(_ result: ImportResult) throws(ImportError) {
        let folder = NSTemporaryDirectory() + "xinyu-import-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try writeAndValidate(result, to: folder + "/pack", label: folder)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// district.toml with comments: the source, the default term warning, the policy hints.
    static func annotate(_ toml: String, _ result: ImportResult) -> String {
        var lines = toml.components(separatedBy: "\n")
        let header = [
            "# Imported by `xinyu import \(result.report.format.rawValue)` from \(result.report.files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")).",
            "# 由 xinyu import 生成。Name the psychology teachers in schools/*/teachers.csv (psych = full|part)",
            "# and check [policy.displaceable] before `xinyu solve`. 请在 teachers.csv 中指定心理教师，并核对可替换科目。",
            "",
        ]
        if result.termIsDefault, let i = lines.firstIndex(of: "[term]") {
            lines.insert(contentsOf: [
                "# DEFAULT TERM — EDIT ME: no --term-start/--term-end was given, so this is the autumn 2026 term",
                "# (2026-09-01 … 2027-01-15). calendar.csv holds the 2026 public holidays of that term only.",
                "# 默认学期（2026年秋季学期），请按本校实际修改。",
            ], at: i)
        }
        if let i = lines.firstIndex(of: "[policy.displaceable]") {
            lines.insert("# Subjects a mental-health lesson may replace, with a cost (higher = less preferred). 可被替换的科目及代价。", at: i)
        }
        return (header + lines).joined(separator: "\n")
    }
}

/// Clashes, each said once: the same clash in week A and week B is one line.
struct ClashList {
    private var order: [String] = []
    private var weeks: [String: Set<Int>] = [:]
    private var parts: [String: (String, String)] = [:]

    mutating func add(_ what: String, week: Int, _ detail: String) {
        let key = what + "\u{0}" + detail
        if weeks[key] == nil { order.append(key); parts[key] = (what, detail) }
        weeks[key, default: []].insert(week)
    }

    func lines(twoWeek: Bool) -> [String] {
        order.compactMap { key in
            guard let (what, detail) = parts[key], let w = weeks[key] else { return nil }
            let label = !twoWeek || w.count == 2 ? "" : w.contains(1) ? " (week A)" : " (week B)"
            return "\(what)\(label): \(detail)"
        }
    }
}
