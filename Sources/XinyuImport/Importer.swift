// The entry point: read the files of one format, assemble the pack. Nothing is written here;
// PackAssembly.write writes a result.

import XinyuPack

public enum Importer {
    /// Reads `files` as `format` and assembles a district with one school.
    public static func run(_ format: ImportFormat, files: [String], options: ImportOptions) throws(ImportError) -> ImportResult {
        guard !files.isEmpty else { throw .usage("give at least one file / 请给出输入文件") }
        var source: ImportSource
        switch format {
        case .fet:
            source = try FETImporter.read(files: files)
            try TwoWeekCycle.fold(&source)
        case .xhstt:
            guard files.count == 1 else { throw .usage("xhstt: give one XHSTT file / 只能给一个 XHSTT 文件") }
            source = try XHSTTImporter.read(file: files[0], solution: options.solution)
            try TwoWeekCycle.fold(&source)
        case .grid:
            source = try GridImporter.read(files: files, strict: options.strict).0
        }
        if format != .xhstt && options.solution != nil {
            throw .usage("--solution applies to xhstt only / --solution 仅用于 xhstt")
        }
        return try PackAssembly.assemble(source, options: options)
    }
}
