/// Estimates of how wide text is drawn, for layout without a font engine.
///
/// Widths are per-character averages of DejaVu Sans / Helvetica in ems (narrow `il.,:'|`,
/// wide `MW@`, upper case, digits, everything else); layouts leave a margin for the error.
enum TextMetrics {
    /// Estimated width in pixels of `text` at `fontSize`.
    static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", ".", ",", ":", ";", "'", "|", "!", "I", " ": ems += 0.32
            case "f", "t", "r", "(", ")", "[", "]", "/", "-": ems += 0.42
            case "M", "W", "m", "w", "@", "%": ems += 0.92
            case "0"..."9": ems += 0.62
            default:
                ems += character.isUppercase ? 0.7 : (character.isASCII ? 0.6 : 0.75)
            }
        }
        return ems * fontSize
    }

    /// `text`, shortened with a final "…" when wider than `maxWidth`.
    static func truncated(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        guard width(text, fontSize: fontSize) > maxWidth else { return text }
        var characters = Array(text)
        while !characters.isEmpty && width(String(characters) + "…", fontSize: fontSize) > maxWidth {
            characters.removeLast()
        }
        return String(characters) + "…"
    }
}
