import Foundation

/// The records of a CSV text (RFC 4180): fields separated by commas, records by LF or CRLF,
/// fields optionally quoted with `"` (a quoted field may hold commas, line breaks and `""` for
/// a quote). Each record knows the 1-based line it starts on. A lone `"` inside an unquoted
/// field is kept as a character; an unterminated quote runs to the end of the input.
struct CSVRecords {
    struct Record {
        var fields: [[UInt8]]
        var line: Int
    }

    /// The records in input order.
    let records: [Record]

    init(_ data: Data) {
        var records: [Record] = []
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var inQuotes = false, quotedField = false
        let bytes = [UInt8](data)
        var k = 0
        func endRecord() {
            fields.append(field)
            records.append(Record(fields: fields, line: recordLine))
            fields = []
            field = []
            quotedField = false
        }
        while k < bytes.count {
            let byte = bytes[k]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if k + 1 < bytes.count && bytes[k + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        k += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: ","):
                    fields.append(field)
                    field = []
                    quotedField = false
                case UInt8(ascii: "\n"):
                    if field.last == UInt8(ascii: "\r") && !quotedField { field.removeLast() }
                    endRecord()
                    line += 1
                    recordLine = line
                case UInt8(ascii: "\"") where field.isEmpty && !quotedField:
                    inQuotes = true
                    quotedField = true
                case UInt8(ascii: "\r") where quotedField && k + 1 < bytes.count && bytes[k + 1] == UInt8(ascii: "\n"):
                    break
                default:
                    field.append(byte)
                }
            }
            k += 1
        }
        if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
        self.records = records
    }
}
