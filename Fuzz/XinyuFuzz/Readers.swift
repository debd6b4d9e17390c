// What each fuzz target runs on one input: the same code `xinyu validate` and `xinyu import` run.

import Foundation
@testable import XinyuImport
@testable import XinyuPack

enum FuzzReaders {
    /// district.toml / school.toml: decoding, the pre-checks and TOMLKit, then the district
    /// reader's checks on what parsed.
    static func toml(_ bytes: [UInt8], scratch: String) {
        var log = DiagnosticLog()
        let school = scratch + "/schools/S"
        try? FileManager.default.createDirectory(atPath: school, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: scratch + "/district.toml", contents: Data(bytes)),
              FileManager.default.createFile(atPath: school + "/school.toml", contents: Data(bytes)) else { return }
        _ = DistrictFile.read(root: scratch, log: &log)
        _ = SchoolFile.read(root: scratch, folder: "schools/S", log: &log)
    }

    /// A pack CSV file (teachers.csv's columns; the parser is shared by every pack CSV).
    static func csv(_ bytes: [UInt8]) {
        var log = DiagnosticLog()
        guard let text = PackText.decode(bytes, file: "teachers.csv", log: &log) else { return }
        _ = CSVTable.parse(text, file: "teachers.csv", required: ["teacher", "name", "psych"],
                           optional: ["stages", "max_per_day", "max_per_week"], log: &log)
    }

    /// An importer on a file: written to the scratch folder, read; a thrown ImportError is fine.
    static func importFile(_ bytes: [UInt8], name: String, scratch: String,
                           _ read: (String) throws -> ImportSource) {
        let path = scratch + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        _ = try? read(path)
    }
}
