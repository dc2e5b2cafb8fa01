/// A complete SVG picture of a fixed size: a root `<svg>` element with a title for assistive
/// technology and the drawing's elements.
///
/// `markup` is the `<svg>` element alone, for inlining in an (X)HTML page; `xmlDocument` adds the
/// XML declaration for a standalone `.svg` file. Both are well-formed XML for any title and
/// content, because every string is escaped (`XMLText`).
public struct SVGDocument: Sendable, Equatable {
    /// Width in pixels.
    public var width: Double
    /// Height in pixels.
    public var height: Double
    /// Accessible title (the `<title>` child of the root).
    public var title: String
    /// Font families of all text, as a CSS `font-family` list.
    public var fontFamily = "DejaVu Sans, Helvetica Neue, Helvetica, Arial, sans-serif"
    /// The drawing, in painting order.
    public var elements: [SVGElement] = []

    /// An empty picture of the given size.
    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// Appends one element to the drawing.
    public mutating func append(_ element: SVGElement) {
        elements.append(element)
    }

    /// Appends elements to the drawing.
    public mutating func append(contentsOf newElements: [SVGElement]) {
        elements.append(contentsOf: newElements)
    }

    /// The root `<svg>` element.
    public var root: SVGElement {
        let w = SVGNumber.format(width), h = SVGNumber.format(height)
        return SVGElement(
            "svg",
            ["xmlns": "http://www.w3.org/2000/svg", "width": w, "height": h,
             "viewBox": "0 0 \(w) \(h)", "role": "img", "aria-label": title,
             "font-family": fontFamily],
            children: [SVGElement("title", text: title),
                       SVGElement("rect", ["width": w, "height": h, "fill": "#ffffff"])] + elements)
    }

    /// The `<svg>` element's markup, for inlining in a page.
    public var markup: String { root.markup }

    /// A standalone SVG file: XML declaration, then the `<svg>` element and a final line feed.
    public var xmlDocument: String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + markup + "\n"
    }
}
