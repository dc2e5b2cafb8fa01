/// A self-contained report page: XHTML5 with inline CSS and inline SVG, no external resource
/// (no script, font, stylesheet or image is loaded), so it can be mailed or archived as is.
///
/// The page is well-formed XML (checked with `XMLParser` in the tests): no HTML-only entities,
/// every element closed, the XHTML namespace on the root.
struct HTMLPage {
    /// The page's title and main heading.
    var title: String
    /// One line under the heading.
    var subtitle: String
    /// The body after the header.
    var body = HTMLWriter()

    /// A page with a title and subtitle and an empty body.
    init(title: String, subtitle: String) {
        self.title = title
        self.subtitle = subtitle
    }

    /// Appends a section heading.
    mutating func heading(_ text: String, id: String? = nil) {
        if let id { body.element("h2", ["id": id], text: text) } else { body.element("h2", text: text) }
    }

    /// Appends a paragraph of muted explanatory text.
    mutating func note(_ text: String) {
        body.element("p", ["class": "note"], text: text)
    }

    /// Appends a block of preformatted text (a configuration file), shown as written.
    mutating func preformatted(_ text: String) {
        body.open("pre", ["class": "file"])
        body.text(text)
        body.close("pre")
    }

    /// Appends the "Reproduce" section: what `file` is, the command that repeats the run, and
    /// the file itself.
    mutating func reproduce(file: String, command: String) {
        heading("Reproduce", id: "reproduce")
        note("The effective configuration of this run: every option, the seeds and the split's fingerprint. "
             + "'\(command)' repeats the run; options on the command line override the file.")
        preformatted(file)
    }

    /// Appends a grid of cards, each a titled key-value table.
    mutating func cards(_ cards: [(title: String, rows: [(key: String, value: String)])]) {
        body.open("div", ["class": "cards"])
        for card in cards where !card.rows.isEmpty {
            body.open("section", ["class": "card"])
            body.element("h3", text: card.title)
            HTMLTable.keyValue(card.rows).write(into: &body)
            body.close("section")
        }
        body.close("div")
    }

    /// Appends a responsive grid of charts.
    mutating func charts(_ pictures: [SVGDocument]) {
        body.open("div", ["class": "charts"])
        for picture in pictures {
            body.open("figure")
            body.markup(picture.markup)
            body.close("figure")
        }
        body.close("div")
    }

    /// Appends a table.
    mutating func table(_ table: HTMLTable) {
        table.write(into: &body)
    }

    /// The complete document.
    var html: String {
        var page = HTMLWriter()
        page.markup("<!DOCTYPE html>")
        page.open("html", ["xmlns": "http://www.w3.org/1999/xhtml", "lang": "en", "xml:lang": "en"])
        page.open("head")
        page.empty("meta", ["charset": "utf-8"])
        page.empty("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        page.empty("meta", ["name": "generator", "content": "RecReports"])
        page.element("title", text: title)
        page.markup("<style>\n" + HTMLStyle.css + "\n</style>")
        page.close("head")
        page.open("body")
        page.open("main")
        page.open("header")
        page.element("h1", text: title)
        page.element("p", ["class": "subtitle"], text: subtitle)
        page.close("header")
        page.markup(body.output)
        page.close("main")
        page.close("body")
        page.close("html")
        return page.output
    }
}
