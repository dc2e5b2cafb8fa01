/// A report that renders to one self-contained HTML page.
public protocol HTMLReport: Sendable {
    /// The page: XHTML5 with inline CSS and SVG, well-formed XML, no external resources.
    func html() -> String
}

extension HTMLReport {
    /// Writes the page to `path` atomically (temporary file, then rename).
    public func write(to path: String) throws(ReportError) {
        try AtomicFile.write(html(), to: path)
    }
}

extension SVGDocument {
    /// Writes the picture as a standalone `.svg` file to `path` atomically.
    public func write(to path: String) throws(ReportError) {
        try AtomicFile.write(xmlDocument, to: path)
    }
}
