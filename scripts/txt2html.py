#!/usr/bin/env python3
"""Render a corpus text export as the HTML a municipal site publishes: each blank-line
separated paragraph becomes a <p> (its line breaks <br>), each run of tab-separated lines a
<table>, wrapped in site chrome (header, nav, footer, a script) that extraction must drop."""
import html
import sys

def render(text: str, title: str) -> str:
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
                out.append(f"<table>\n{rows}</table>")
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
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        text = f.read()
    with open(dst, "w", encoding="utf-8") as f:
        f.write(render(text, src.rsplit("/", 1)[-1]))
