// The class a class grid belongs to, looked for in this order: the header line's corner cell
// (`高一(3)班,周一,…`), the lines above the block within its columns (a title `一年级(1)班课程表`,
// an info line `班级：一年级(1)班   班主任：王五`, a bare class name), the lines right below it,
// then the sheet's name. Two different class names in one place are an error (which one?); so
// is a block with none. A name is checked before it becomes an id: one that holds a colon, an
// info word (班主任, 教室), equals a title or is longer than a class name can be is refused with
// a hint — it would travel into every sheet, file name and page.

import Foundation

enum GridClassName {
    struct Found { var id: String; var cells: [(GridPosition, LabelKind)] }

    static func find(_ reader: GridReader, _ view: GridView, header: GridHeader, labelColumns: [Int],
                     area: GridMerge) throws(ImportError) -> Found {
        let table = reader.table
        var cells: [(GridPosition, LabelKind)] = []
        let at = table.place(view.origin(header.line, header.days.first?.pos ?? 0))
        // 1. The corner.
        var names: [String] = []
        for j in labelColumns {
            let t = view.text(header.line, j)
            guard !t.isEmpty, !GridLabels.corner(t), !GridLabels.separator(t), GridLabels.period(t) == nil,
                  GridLabels.timeRange(t) == nil else { continue }
            let (found, kind) = nameOf(view.value(header.line, j), corner: true)
            cells.append((view.origin(header.line, j), kind))
            names += found
        }
        if let id = try single(names, at: at, table: table, titles: reader.out.titles) { return Found(id: id, cells: cells) }
        // 2. Above, 3. below (in the original table, within the block's columns).
        for rows in [zoneAbove(reader, area), zoneBelow(table, area)] {
            names = []
            for r in rows {
                var seen = Set<GridPosition>()
                for c in area.left...area.right {
                    let o = table.origin(r, c)
                    guard seen.insert(o).inserted, !table.text(r, c).isEmpty else { continue }
                    let (found, kind) = nameOf(table.value(r, c))
                    cells.append((o, kind))
                    names += found
                }
            }
            if let id = try single(names, at: at, table: table, titles: reader.out.titles) { return Found(id: id, cells: cells) }
        }
        // 4. The sheet's name.
        if let sheet = table.sheet, reader.blockCount == 1 {
            let inSheet = GridLabels.classNames(in: sheet)
            if let id = inSheet.first ?? (isDefaultSheetName(sheet) || GridLabels.title(sheet) ? nil : sheet.trimmingCharacters(in: .whitespaces)) {
                return Found(id: try check(id, at: "\(table.label) (sheet name 工作表名)", titles: reader.out.titles), cells: cells)
            }
        }
        throw .input(at, "a timetable block without a class name: none in its corner cell, above or below it, or in the sheet name (a sheet's name names its class only when the sheet holds one block; write e.g. 班级：一年级(1)班 above the block) / 课表块缺少班级名称（可在课表上方写“班级：一年级(1)班”）")
    }

    /// The classes a label cell names (a title naming two is ambiguous), and its kind of label.
    static func nameOf(_ raw: String, corner: Bool = false) -> ([String], LabelKind) {
        if let info = GridLabels.info(raw) {
            guard let value = info["班级"], !value.isEmpty else { return ([], .info) }
            let named = GridLabels.classNames(in: value)
            return (named.isEmpty ? value.split(whereSeparator: \.isWhitespace).prefix(1).map(String.init) : named, .info)
        }
        let found = GridLabels.classNames(in: raw)
        if GridLabels.title(raw) { return (found, .title) }
        if !found.isEmpty { return (found, .klass) }
        let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // A short word that is no other label is a class in the corner (7A, Grade 8 A); above or
        // below a block only when it says 班 or looks like 7A / Grade 8 A.
        let short = GridLabels.weekday(t) == nil && t.count <= 12 && !t.contains("\n") && GridLabels.schoolName(in: t) == nil
        if short && (corner || t.contains("班") || t.range(of: "^(grade|class)?\\s*[0-9]{1,2}\\s*[-.]?\\s*[a-z0-9]{0,2}$", options: [.regularExpression, .caseInsensitive]) != nil) {
            return ([t], .klass)
        }
        return ([], .title)
    }

    static func single(_ names: [String], at: String, table: GridTable, titles: [String]) throws(ImportError) -> String? {
        var distinct: [String] = []
        for n in names where !distinct.contains(n) { distinct.append(n) }
        guard let first = distinct.first else { return nil }
        guard distinct.count == 1 else {
            throw .input(at, "this block has several class names (\(distinct.joined(separator: ", "))); the layout is ambiguous / 课表块有多个班级名称，无法确定")
        }
        return try check(first, at: at, titles: titles)
    }

    /// Up to six lines above the block, stopping at another block.
    static func zoneAbove(_ reader: GridReader, _ area: GridMerge) -> [Int] {
        var out: [Int] = []
        var r = area.top - 1
        while r >= 0 && out.count < 6 {
            if reader.rects.contains(where: { $0.top <= r && r <= $0.bottom && $0.left <= area.right && area.left <= $0.right }) { break }
            out.append(r)
            r -= 1
        }
        return out
    }

    /// The non-blank lines right below the block (at most three).
    static func zoneBelow(_ table: GridTable, _ area: GridMerge) -> [Int] {
        var out: [Int] = []
        var r = area.bottom + 1
        while r < table.rows.count && out.count < 3 && !(area.left...area.right).allSatisfy({ table.isBlank(r, $0) }) {
            out.append(r)
            r += 1
        }
        return out
    }

    static func isDefaultSheetName(_ s: String) -> Bool {
        let t = GridLabels.squeezed(s)
        return ["sheet", "工作表", "页"].contains { t.hasPrefix($0) && t.dropFirst($0.count).allSatisfy(\.isNumber) }
    }

    /// A whole-school line's class cell: the class name in it, else its first line.
    static func nameIn(_ raw: String) -> String {
        GridLabels.classNames(in: raw).first
            ?? raw.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    /// The longest class name accepted (高中一年级(10)班 has 10 characters).
    static let maxLength = 20

    /// `name` as a class id, or an error saying why it cannot be one.
    static func check(_ name: String, at: String, titles: [String]) throws(ImportError) -> String {
        let id = name.trimmingCharacters(in: .whitespacesAndNewlines)
        var problem: String?
        if id.isEmpty { problem = "it is empty / 为空" }
        else if id.contains(":") || id.contains("：") { problem = "it holds a colon (an info line such as 班级：…？) / 含有冒号（可能是信息行）" }
        else if ["班主任", "教室", "学期", "备注", "课程表", "课表"].contains(where: { id.contains($0) }) { problem = "it holds an info or title word / 含有信息行或标题用词" }
        else if titles.contains(id) { problem = "it is the title of the sheet / 与表格标题相同" }
        else if id.count > maxLength { problem = "it is longer than \(maxLength) characters / 长度超过 \(maxLength) 个字符" }
        else if id.contains("\n") || id.contains("\t") { problem = "it spans several lines / 含有换行" }
        if let problem {
            throw .input(at, "\"\(id)\" cannot be a class id: \(problem). Put the class name alone in a cell (一年级(1)班) or in an info line 班级：一年级(1)班 / 无法作为班级标识，请把班级名称单独写在一个单元格中")
        }
        return id
    }
}
