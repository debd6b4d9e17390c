// XLSX grids: an .xlsx file is a zip archive of XML parts. Each worksheet becomes a table of
// cell texts (rows × columns, as a CSV export of it would give), which the grid importer reads
// like a CSV file. Shared strings (t="s"), inline strings and formula string results are
// resolved; numbers are taken as written; a merged cell's value is in its top-left cell, and the
// merged ranges (<mergeCells>) are returned beside the rows (GridTable spreads them).

import Foundation
import ZIPFoundation

enum XLSXReader {
    /// Thrown from the unpacking callback when a part outgrows `ImportLimits.maxPartBytes`.
    struct PartTooLarge: Error {}
    /// The most cells (empty ones included) a worksheet may span: 100,000 rows of 50 columns.
    static let maxCells = 5_000_000

    /// The worksheets of `path` in workbook order: (sheet name, rows).
    static func sheets(_ path: String) throws(ImportError) -> [(name: String, rows: [[String]], merges: [GridMerge])] {
        let whole = try ImportLimits.read(path)  // refuses an oversized file before unpacking it
        try ZipBounds.check([UInt8](whole), file: path)  // every entry's data inside the file (ZipBounds.swift)
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .input(path, "is not a readable XLSX (zip) file: \(error) / 无法读取 XLSX 文件")
        }
        guard let workbookData = try part(archive, "xl/workbook.xml", path: path) else {
            throw .input(path, "has no xl/workbook.xml: not an XLSX workbook / 不是 XLSX 工作簿")
        }
        let workbook = try parse(workbookData, file: "\(path)[xl/workbook.xml]")
        // Sheet relationship id → part name.
        var targets: [String: String] = [:]
        if let relsData = try part(archive, "xl/_rels/workbook.xml.rels", path: path) {
            let rels = try parse(relsData, file: "\(path)[xl/_rels/workbook.xml.rels]")
            for r in rels.all("Relationship") {
                guard let id = r.attributes["Id"], var target = r.attributes["Target"] else { continue }
                if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
                targets[id] = target
            }
        }
        var shared: [String] = []
        if let sstData = try part(archive, "xl/sharedStrings.xml", path: path) {
            let sst = try parse(sstData, file: "\(path)[xl/sharedStrings.xml]")
            shared = sst.all("si").map { si in si.child("t")?.text ?? si.descendants("t").map(\.text).joined() }
        }
        var out: [(String, [[String]], [GridMerge])] = []
        let sheetNodes = workbook.child("sheets")?.all("sheet") ?? []
        for (i, sheet) in sheetNodes.enumerated() {
            let name = sheet.attributes["name"] ?? "Sheet\(i + 1)"
            let rid = sheet.attributes.first { $0.key.hasSuffix(":id") }?.value ?? ""
            let partName = targets[rid] ?? "xl/worksheets/sheet\(i + 1).xml"
            guard let data = try part(archive, partName, path: path) else { throw .input(path, "sheet \"\(name)\": part \(partName) is missing / 工作表缺失") }
            let root = try parse(data, file: "\(path)[\(partName)]")
            let location = "\(path)[\(partName)]"
            out.append((name, try rows(root, location: location, shared: shared), try merges(root, location: location)))
        }
        return out
    }

    /// The bytes of part `name` of the archive (nil when it has none), at most
    /// `ImportLimits.maxPartBytes`: the declared size can lie, so the bytes unpacked are counted too.
    static func part(_ archive: Archive, _ name: String, path: String) throws(ImportError) -> Data? {
        guard let entry = archive[name] else { return nil }
        var data = Data()
        let limit = ImportLimits.maxPartBytes
        if entry.uncompressedSize > Int64(limit) {
            throw .input("\(path)[\(name)]", "unpacks to \(entry.uncompressedSize) bytes; at most \(limit) are allowed / 文件过大")
        }
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > limit { throw PartTooLarge() }
            }
        } catch is PartTooLarge {
            throw .input("\(path)[\(name)]", "unpacks to more than \(limit) bytes / 文件过大")
        } catch {
            throw .input("\(path)[\(name)]", "cannot be unpacked (a damaged file?): \(error) / 文件已损坏")
        }
        return data
    }

    /// An XML part, checked (XMLInput) and read.
    static func parse(_ data: Data, file: String) throws(ImportError) -> XMLNode {
        try XMLInput.check(data, file: file)
        return try XMLTree.parse(data, file: file)
    }

    /// A worksheet's cells as rows of texts (shared and inline strings resolved), bounded in rows,
    /// columns and cells.
    static func rows(_ root: XMLNode, location: String, shared: [String]) throws(ImportError) -> [[String]] {
        var rows: [[String]] = []
        var cells = 0
        for row in root.child("sheetData")?.all("row") ?? [] {
            // Row numbers are 1-based and bounded: r="0", a negative or a huge r is refused.
            let r = (row.attributes["r"].flatMap { Int($0) } ?? rows.count + 1) - 1
            guard (0..<ImportLimits.maxRows).contains(r) else {
                throw .input("\(location):\(row.line)", "row number \"\(row.attributes["r"] ?? "")\" is not 1–\(ImportLimits.maxRows) / 行号无效")
            }
            while rows.count <= r { rows.append([]) }
            for c in row.all("c") {
                let column = c.attributes["r"].map(columnIndex) ?? rows[r].count
                guard column < ImportLimits.maxColumns else {
                    throw .input("\(location):\(c.line)", "cell \"\(c.attributes["r"] ?? "")\" lies beyond column XFD (\(ImportLimits.maxColumns) columns) / 列号无效")
                }
                if column >= rows[r].count {
                    // Padding cells count too: a far-right cell on every row is refused here.
                    cells += column + 1 - rows[r].count
                    if cells > maxCells {
                        throw .input("\(location):\(c.line)", "the sheet spans more than \(maxCells) cells / 工作表过大")
                    }
                }
                var value = c.value("v") ?? ""
                switch c.attributes["t"] {
                case "s": value = Int(value).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
                case "inlineStr": value = c.child("is")?.descendants("t").map(\.text).joined() ?? ""
                default: break
                }
                while rows[r].count <= column { rows[r].append("") }
                rows[r][column] = value
            }
        }
        return rows
    }

    /// The merged ranges of a sheet (`<mergeCells><mergeCell ref="A1:C2"/>`), 0-based. At most
    /// `maxMerges`; a reference that is not a range is refused with its line.
    static let maxMerges = 100_000
    static func merges(_ root: XMLNode, location: String) throws(ImportError) -> [GridMerge] {
        let nodes = root.child("mergeCells")?.all("mergeCell") ?? []
        guard nodes.count <= maxMerges else {
            throw .input(location, "more than \(maxMerges) merged ranges / 合并单元格过多")
        }
        var out: [GridMerge] = []
        for m in nodes {
            let ref = m.attributes["ref"] ?? ""
            let ends = ref.split(separator: ":").map(String.init)
            guard ends.count == 2, let a = cellPosition(ends[0]), let b = cellPosition(ends[1]), a.row <= b.row, a.column <= b.column else {
                throw .input("\(location):\(m.line)", "merged range \"\(ref)\" is not a range like A1:B2 / 合并区域无效")
            }
            out.append(GridMerge(top: a.row, left: a.column, bottom: b.row, right: b.column))
        }
        return out
    }

    /// "C12" → (row 11, column 2), 0-based; nil when it is not a cell reference within the limits.
    static func cellPosition(_ reference: String) -> (row: Int, column: Int)? {
        let letters = reference.prefix { $0.isASCII && $0.isLetter }
        let digits = reference.dropFirst(letters.count)
        guard !letters.isEmpty, letters.count <= 3, letters.allSatisfy(\.isUppercase), !digits.isEmpty,
              digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 7, let row = Int(digits),
              (1...ImportLimits.maxRows).contains(row) else { return nil }
        let column = columnIndex(String(letters))
        guard column < ImportLimits.maxColumns else { return nil }
        return (row - 1, column)
    }

    /// "C12" → 2 (the column, 0-based). A reference with more letters than any real column
    /// (e.g. "ZZZZZZZZZZZZZZZ1") stops counting above the column limit instead of overflowing.
    static func columnIndex(_ reference: String) -> Int {
        var n = 0
        for ch in reference.unicodeScalars {
            guard ch.value >= 65 && ch.value <= 90 else { break }
            n = n * 26 + Int(ch.value - 64)
            if n > ImportLimits.maxColumns { return ImportLimits.maxColumns }
        }
        return max(n - 1, 0)
    }
}
