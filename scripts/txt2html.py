#!/usr/bin/env python3
"""Render a corpus text export as the HTML a municipal site publishes: each blank-line
separated paragraph becomes a <p> (its line breaks <br>), each run of tab-separated lines a
<table>, wrapped in site chrome (header, nav, footer, a script) that extraction must drop."""
import html
import sys

def render(text: str, title: str, bare: bool = False) -> str:
    out = []
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n")]
    for block in blocks:
        lines = [l for l in block.split("\n") if l.strip()]
        run = []  # consecutive lines of the same kind
        kind = None
        def flush():
            if not run:
                return
            if kind == "table":
                rows = "".join(
                    "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in l.split("\t")) + "</tr>\n"
                    for l in run)
                # Column widths as a secretary would set them: the first (text) column
                # wide, the figures narrow, so cells do not wrap in the Word/PDF renderings.
                cols = max(len(l.split("\t")) for l in run)
                first = max(40, 100 - 12 * (cols - 1))
                rest = (100 - first) / max(cols - 1, 1)
                group = f'<col width="{first}%">' + "".join(f'<col width="{rest:.0f}%">' for _ in range(cols - 1))
                out.append(f"<table>\n<colgroup>{group}</colgroup>\n{rows}</table>")
            else:
                out.append("<p>" + "<br>\n".join(html.escape(l) for l in run) + "</p>")
            run.clear()
        for l in lines:
            k = "table" if "\t" in l else "para"
            if k != kind:
                flush()
                kind = k
            run.append(l)
        flush()
    body = "\n".join(out)
    if bare:
        return f"<!DOCTYPE html>\n<html lang=\"da\"><body>\n{body}\n</body></html>\n"
    return f"""<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>table {{ border-collapse: collapse; }}</style>
<script>window.dataLayer = [];</script></head>
<body>
<header><a href="/">Kommunens forside</a></header>
<nav><ul><li><a href="/politik">Politik</a></li><li><a href="/moeder">Møder</a></li></ul></nav>
<main>
{body}
</main>
<footer>Kontakt kommunen · Tilgængelighedserklæring</footer>
</body>
</html>
"""

if __name__ == "__main__":
    args = sys.argv[1:]
    bare = args[0] == "--bare"
    if bare:
        args = args[1:]
    src, dst = args
    with open(src, encoding="utf-8") as f:
        text = f.read()
    with open(dst, "w", encoding="utf-8") as f:
        f.write(render(text, src.rsplit("/", 1)[-1], bare))
