/// A table of a report: a header row and body rows of cells, numbers right-aligned.
struct HTMLTable {
    /// One cell.
    struct Cell {
        var text: String
        /// Right-aligned with tabular digits.
        var numeric = false
        /// Shown in bold (e.g. the best value of a column).
        var emphasized = false

        /// A text cell.
        static func label(_ text: String) -> Cell { Cell(text: text) }
        /// A number cell.
        static func number(_ text: String, emphasized: Bool = false) -> Cell {
            Cell(text: text, numeric: true, emphasized: emphasized)
        }
    }

    /// Column titles.
    var header: [String]
    /// Body rows.
    var rows: [[Cell]]
    /// Columns (by index) whose header is right-aligned.
    var numericColumns: Set<Int> = []

    /// Appends the table, wrapped in a horizontally scrolling box, to `writer`.
    func write(into writer: inout HTMLWriter) {
        writer.open("div", ["class": "table-wrap"])
        writer.open("table")
        writer.open("thead")
        writer.open("tr")
        for (index, title) in header.enumerated() {
            if numericColumns.contains(index) {
                writer.element("th", ["class": "num"], text: title)
            } else {
                writer.element("th", text: title)
            }
        }
        writer.close("tr")
        writer.close("thead")
        writer.open("tbody")
        for row in rows {
            writer.open("tr")
            for cell in row {
                let classes = [cell.numeric ? "num" : nil, cell.emphasized ? "best" : nil].compactMap { $0 }
                if classes.isEmpty {
                    writer.element("td", text: cell.text)
                } else {
                    writer.element("td", ["class": classes.joined(separator: " ")], text: cell.text)
                }
            }
            writer.close("tr")
        }
        writer.close("tbody")
        writer.close("table")
        writer.close("div")
    }

    /// A two-column table of keys and values.
    static func keyValue(_ pairs: [(key: String, value: String)]) -> HTMLTable {
        HTMLTable(header: ["", ""], rows: pairs.map { [.label($0.key), .label($0.value)] })
    }
}
