import Foundation
import XMLTestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A report page parsed with Foundation's `XMLParser`: whether it is well-formed XML, and the
/// text of its elements by name (the `<title>` of each inline SVG chart, legend texts…).
struct PageCheck {
    var wellFormed: Bool
    var error: String?
    /// (element name, text, parent element's name) in document order.
    var elements: [(name: String, text: String, parent: String?)]

    /// Parses the file at `path`.
    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let collector = Collector()
        let (parsed, problem) = XMLParsing.serialized {
            let parser = XMLParser(data: data)
            parser.delegate = collector
            let parsed = parser.parse()
            return (parsed, parser.parserError.map { "\($0) at line \(parser.lineNumber)" })
        }
        wellFormed = parsed
        error = problem
        elements = collector.elements
    }

    /// The texts of the elements named `name`.
    func texts(_ name: String) -> [String] { elements.filter { $0.name == name }.map(\.text) }

    /// The chart titles: the `<title>` children of the inline `<svg>` roots (not the page's
    /// `<title>`, nor the tooltips of lines and points).
    var chartTitles: [String] { elements.filter { $0.name == "title" && $0.parent == "svg" }.map(\.text) }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, text: String, parent: String?)] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append((elementName, "", open.last.map { elements[$0].name }))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }
    }
}

/// The JSON object printed on standard output by a `--json` run.
func jsonObject(_ text: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    guard let object = value as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
    return object
}
