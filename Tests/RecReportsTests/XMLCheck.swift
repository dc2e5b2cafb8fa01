import Foundation
import XMLTestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The outcome of parsing a document with Foundation's `XMLParser`: whether it is well-formed,
/// the parser's error, and every element with its attributes and decoded text.
struct XMLCheck {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        /// `class` attributes of the enclosing elements, outermost first.
        var enclosingClasses: [String]
    }

    var wellFormed: Bool
    var error: String?
    var elements: [Element]

    /// Parses `text` (UTF-8).
    init(_ text: String) {
        let collector = Collector()
        let (parsed, problem) = XMLParsing.serialized {
            let parser = XMLParser(data: Data(text.utf8))
            parser.delegate = collector
            let parsed = parser.parse()
            return (parsed, parser.parserError.map { "\($0) at line \(parser.lineNumber), column \(parser.columnNumber)" })
        }
        wellFormed = parsed
        error = problem
        elements = collector.finished
    }

    /// Elements named `name`.
    func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Elements whose `class` attribute is `className`.
    func elements(withClass className: String) -> [Element] {
        elements.filter { $0.attributes["class"] == className }
    }

    /// Elements named `name` inside an element of class `className`.
    func elements(named name: String, inside className: String) -> [Element] {
        elements.filter { $0.name == name && $0.enclosingClasses.contains(className) }
    }

    /// Collects elements in document order of their opening tags.
    private final class Collector: NSObject, XMLParserDelegate {
        var finished: [Element] = []
        var stack: [Int] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let enclosing = stack.compactMap { finished[$0].attributes["class"] }
            finished.append(Element(name: elementName, attributes: attributes, text: "", enclosingClasses: enclosing))
            stack.append(finished.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = stack.last { finished[index].text += string }
        }
    }
}
