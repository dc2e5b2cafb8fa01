/// The inline style sheet of every report page. It is written unescaped (a `<style>` element is
/// raw text in HTML), and contains no `<` or `&`, so it is plain character data in XML as well.
enum HTMLStyle {
    static let css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f5f6f8; color: #222;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
        main { max-width: 1480px; margin: 0 auto; padding: 24px 28px 48px; }
        h1 { font-size: 26px; margin: 0 0 2px; }
        h2 { font-size: 19px; margin: 30px 0 12px; padding-bottom: 4px; border-bottom: 1px solid #d9dce1; }
        h3 { font-size: 15px; margin: 0 0 6px; color: #444; }
        .subtitle { margin: 0 0 18px; color: #666; }
        .note { color: #666; font-size: 13px; margin: 4px 0 10px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 14px; }
        .card { background: #fff; border: 1px solid #e1e4e8; border-radius: 6px; padding: 10px 14px; }
        .card thead { display: none; }
        .card table { width: 100%; }
        .card td { white-space: normal; }
        .card td:first-child { color: #555; width: 45%; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 14px; }
        figure { margin: 0; background: #fff; border: 1px solid #e1e4e8; border-radius: 6px; padding: 6px; }
        figure svg { display: block; width: 100%; height: auto; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; background: #fff; font-size: 14px; }
        th, td { padding: 4px 12px; border-bottom: 1px solid #eceef1; text-align: left; white-space: nowrap; }
        th { background: #f0f2f5; font-weight: 600; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        td.best { font-weight: 700; }
        pre.file { background: #fff; border: 1px solid #e1e4e8; border-radius: 6px; padding: 10px 14px;
          font: 13px/1.4 "DejaVu Sans Mono", Menlo, Consolas, monospace; overflow-x: auto; margin: 0; }
        code { font: 13px "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        """
}
