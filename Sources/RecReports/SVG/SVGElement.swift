/// One element of an SVG (or XHTML) tree: a name, attributes in the order given, child elements
/// and optional text content.
///
/// Attribute values and text are escaped when rendered, so any string can be passed in:
///
///     SVGElement("text", ["x": "10", "y": "20"], text: "Recall <&> NDCG")
///     // <text x="10" y="20">Recall &lt;&amp;&gt; NDCG</text>
public struct SVGElement: Sendable, Equatable {
    /// One `name="value"` pair.
    public struct Attribute: Sendable, Equatable {
        /// Attribute name, e.g. `"stroke-width"`.
        public var name: String
        /// Unescaped value.
        public var value: String
    }

    /// Element name, e.g. `"path"`.
    public var name: String
    /// Attributes in output order.
    public var attributes: [Attribute]
    /// Child elements, rendered after the text.
    public var children: [SVGElement]
    /// Unescaped text content.
    public var text: String?

    /// An element with attributes in the order listed, children and text.
    public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:],
                children: [SVGElement] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes.map { Attribute(name: $0.key, value: $0.value) }
        self.children = children
        self.text = text
    }

    /// A `<g>` group of `children` with the given attributes.
    public static func group(_ attributes: KeyValuePairs<String, String> = [:],
                             _ children: [SVGElement]) -> SVGElement {
        SVGElement("g", attributes, children: children)
    }

    /// Sets (or replaces) an attribute.
    public mutating func set(_ name: String, _ value: String) {
        if let index = attributes.firstIndex(where: { $0.name == name }) {
            attributes[index].value = value
        } else {
            attributes.append(Attribute(name: name, value: value))
        }
    }

    /// The value of attribute `name`, if set.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Appends the element's markup to `output`; an element without text or children is
    /// self-closing.
    public func render(into output: inout String) {
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + XMLText.escaped(attribute.value) + "\""
        }
        if text == nil && children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        if let text { output += XMLText.escaped(text) }
        for child in children { child.render(into: &output) }
        output += "</" + name + ">"
    }

    /// The element's markup.
    public var markup: String {
        var output = ""
        render(into: &output)
        return output
    }
}
