/// Builds XHTML markup: every text and attribute value is escaped, every element is closed,
/// so the page is well-formed XML as well as valid HTML5.
struct HTMLWriter {
    /// The markup so far.
    private(set) var output = ""

    /// Appends `<tag attributes…>`.
    mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        output += "<" + tag + Self.attributeText(attributes) + ">"
    }

    /// Appends `</tag>`.
    mutating func close(_ tag: String) {
        output += "</" + tag + ">\n"
    }

    /// Appends `<tag …>text</tag>`.
    mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        output += "<" + tag + Self.attributeText(attributes) + ">" + XMLText.escaped(text) + "</" + tag + ">\n"
    }

    /// Appends a self-closed empty element, `<tag …/>`.
    mutating func empty(_ tag: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        output += "<" + tag + Self.attributeText(attributes) + "/>\n"
    }

    /// Appends escaped text.
    mutating func text(_ text: String) {
        output += XMLText.escaped(text)
    }

    /// Appends markup that is already well-formed (an SVG picture).
    mutating func markup(_ markup: String) {
        output += markup + "\n"
    }

    /// ` name="value"` for each attribute.
    static func attributeText(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " " + $0.key + "=\"" + XMLText.escaped($0.value) + "\"" }.joined()
    }
}
