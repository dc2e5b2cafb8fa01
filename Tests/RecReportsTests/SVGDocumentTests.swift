import Testing
@testable import RecReports

@Suite("SVG writer")
struct SVGDocumentTests {
    @Test("markup characters are escaped in text and attributes")
    func escaping() {
        #expect(XMLText.escaped(#"a<b&c"d'e>f"#) == "a&lt;b&amp;c&quot;d&#39;e&gt;f")
        let element = SVGElement("text", ["data-name": #"x"<'&"#], text: "<&>")
        #expect(element.markup == #"<text data-name="x&quot;&lt;&#39;&amp;">&lt;&amp;&gt;</text>"#)
    }

    @Test("characters XML forbids are replaced, so any title stays well-formed")
    func forbiddenCharacters() {
        #expect(XMLText.escaped("a\u{0}b\u{1B}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
        var document = SVGDocument(width: 10, height: 10, title: "bell\u{7}")
        document.append(SVGElement("text", text: "nul\u{0}"))
        #expect(XMLCheck(document.xmlDocument).wellFormed)
    }

    @Test("a document with hostile strings parses and gives the strings back")
    func roundTrip() throws {
        let hostile = #"<script>alert("x") & 'y'</script>"#
        var document = SVGDocument(width: 100, height: 50, title: hostile)
        document.append(SVGElement("text", ["x": "1", "aria-label": hostile], text: hostile))
        let check = XMLCheck(document.xmlDocument)
        #expect(check.wellFormed, "\(check.error ?? "")")
        #expect(check.elements(named: "title").first?.text == hostile)
        let text = try #require(check.elements(named: "text").first)
        #expect(text.text == hostile)
        #expect(text.attributes["aria-label"] == hostile)
        #expect(check.elements(named: "script").isEmpty)
    }

    @Test("empty elements self-close; the root has the SVG namespace and size")
    func structure() {
        #expect(SVGElement("circle", ["r": "3"]).markup == #"<circle r="3"/>"#)
        let root = XMLCheck(SVGDocument(width: 720, height: 400, title: "t").markup).elements.first
        #expect(root?.name == "svg")
        #expect(root?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root?.attributes["viewBox"] == "0 0 720 400")
    }

    @Test("coordinates have at most two decimals and never nan", arguments: [
        (12.0, "12"), (12.5, "12.5"), (-0.254, "-0.25"), (0.001, "0"), (3.10, "3.1"), (0.05, "0.05"),
        (Double.nan, "0"), (Double.infinity, "0"), (-7.0, "-7"),
    ])
    func numbers(value: Double, expected: String) {
        #expect(SVGNumber.format(value) == expected)
    }
}
