// One table of a grid file: a CSV file or one worksheet, with the merged ranges of the sheet.
// A merged range's text lives in its top-left cell (its origin); `value` answers it for every cell
// of the range, so a day header merged over seven period columns, or a double period merged over
// two rows, reads as the same text in each cell, while `origin` tells the cells of one range apart
// for the accounting (one source cell, however many places it covers).
//
// `GridView` is the table as the layout reader walks it: as is, or transposed (days as rows,
// periods as columns, read with the same code as days as columns).

import Foundation

struct GridMerge: Sendable, Hashable {
    var top: Int, left: Int, bottom: Int, right: Int
}

/// A cell's place in the source table (0-based).
struct GridPosition: Hashable, Comparable, Sendable {
    var row: Int, column: Int
    static func < (a: GridPosition, b: GridPosition) -> Bool { (a.row, a.column) < (b.row, b.column) }
}

struct GridTable {
    /// "file.csv" or "file.xlsx[Sheet1]", for messages.
    var label: String
    /// The worksheet's name (nil for a CSV file).
    var sheet: String?
    var rows: [[String]]
    var width: Int
    /// Cell → the origin of the merged range that covers it (only covered non-origin cells).
    private var mergeOrigin: [GridPosition: GridPosition] = [:]
    /// Origin → how many rows and columns its range spans.
    private(set) var spans: [GridPosition: (rows: Int, columns: Int)] = [:]
    /// Each cell's text normalised once (GridLabels.normal): the layout reader asks many times.
    private var normalised: [[String]] = []

    init(label: String, sheet: String?, rows: [[String]], merges: [GridMerge] = []) {
        self.label = label
        self.sheet = sheet
        self.rows = rows
        width = rows.map(\.count).max() ?? 0
        normalised = rows.map { $0.map(GridLabels.normal) }
        // A range is clipped to the cells the sheet has: a range over a million empty rows costs nothing.
        for m in merges where m.top < rows.count && m.left < width {
            let bottom = min(m.bottom, rows.count - 1), right = min(m.right, width - 1)
            let origin = GridPosition(row: m.top, column: m.left)
            guard spans[origin] == nil, mergeOrigin[origin] == nil else { continue }  // overlapping ranges: the first wins
            spans[origin] = (bottom - m.top + 1, right - m.left + 1)
            for r in m.top...bottom {
                for c in m.left...right where !(r == m.top && c == m.left) && mergeOrigin[GridPosition(row: r, column: c)] == nil {
                    mergeOrigin[GridPosition(row: r, column: c)] = origin
                }
            }
        }
    }

    /// The origin of the cell at (r, c): itself unless a merged range covers it.
    func origin(_ r: Int, _ c: Int) -> GridPosition {
        mergeOrigin[GridPosition(row: r, column: c)] ?? GridPosition(row: r, column: c)
    }

    /// The raw text of the cell at (r, c), or of the merged range that covers it.
    func value(_ r: Int, _ c: Int) -> String {
        let o = origin(r, c)
        guard o.row >= 0, o.row < rows.count, o.column >= 0, o.column < rows[o.row].count else { return "" }
        return rows[o.row][o.column]
    }

    /// The normalised text of the cell at (r, c), or of the merged range that covers it.
    func text(_ r: Int, _ c: Int) -> String {
        let o = origin(r, c)
        guard o.row >= 0, o.row < normalised.count, o.column >= 0, o.column < normalised[o.row].count else { return "" }
        return normalised[o.row][o.column]
    }

    func isBlank(_ r: Int, _ c: Int) -> Bool { text(r, c).isEmpty }

    /// Every origin cell with text, in reading order.
    var filledCells: [GridPosition] {
        var out: [GridPosition] = []
        for (r, row) in rows.enumerated() {
            for (c, text) in row.enumerated() where !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                if mergeOrigin[GridPosition(row: r, column: c)] == nil { out.append(GridPosition(row: r, column: c)) }
            }
        }
        return out
    }

    /// "B3" (Excel's name of a cell), with the sheet for messages: "file.xlsx[Sheet1]!B3".
    func place(_ p: GridPosition) -> String { "\(label)!\(Self.columnName(p.column))\(p.row + 1)" }

    static func columnName(_ c: Int) -> String {
        var n = c + 1, s = ""
        while n > 0 {
            let k = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + k))) + s
            n = (n - 1) / 26
        }
        return s
    }
}

/// The table as the layout reader walks it: line i, position j. Not transposed, lines are rows;
/// transposed, lines are columns (a grid with days down the side reads like one with days across).
struct GridView {
    let table: GridTable
    let transposed: Bool
    var lines: Int { transposed ? table.width : table.rows.count }
    var length: Int { transposed ? table.rows.count : table.width }

    func position(_ i: Int, _ j: Int) -> GridPosition {
        transposed ? GridPosition(row: j, column: i) : GridPosition(row: i, column: j)
    }
    func value(_ i: Int, _ j: Int) -> String {
        let p = position(i, j)
        return table.value(p.row, p.column)
    }
    func text(_ i: Int, _ j: Int) -> String {
        let p = position(i, j)
        return table.text(p.row, p.column)
    }
    func origin(_ i: Int, _ j: Int) -> GridPosition {
        let p = position(i, j)
        return table.origin(p.row, p.column)
    }
    /// The line (in this view) of a cell's origin: a merged range's copies lie on later lines.
    func originLine(_ i: Int, _ j: Int) -> Int {
        let o = origin(i, j)
        return transposed ? o.column : o.row
    }
    func isBlankLine(_ i: Int, from: Int, to: Int) -> Bool {
        guard from <= to else { return true }
        return (from...to).allSatisfy { text(i, $0).isEmpty }
    }
}
