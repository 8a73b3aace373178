#!/usr/bin/env python3
"""Hostile document shapes for the scaling section of scripts/bench.sh: each must take time
and memory linear in its size. Usage: hostile_shapes.py SHAPE N OUT"""
import sys

HEADER = "REFERAT Økonomiudvalget d. 15-04-2026\n\n"
FIRST = ["Anna", "Bo", "Carl", "Dorte", "Eva", "Finn", "Gitte", "Hans", "Ida", "Jens"]
LAST = ["Hansen", "Jensen", "Berg", "Lund", "Holm", "Dahl", "Bech", "Kjær", "Møller"]


def name(i):
    tag = "".join(chr(65 + (i // 26**k) % 26) for k in range(4))
    return f"{FIRST[i % 10]} {tag.capitalize()} {LAST[(i // 10) % 9]}"


def participants(n):
    people = "".join(f"{name(i)} (A)\n" for i in range(n))
    return HEADER + "Deltagere:\n" + people + "\nPunkt 1: Sag\n\nBeslutning\n\nGodkendt.\n"


def votes(n):
    line = "For stemte A (3), V (2). Imod stemte C (1).\n"
    return HEADER + "Mødedeltagere Anna Hansen (A)\n\nPunkt 1: Sag\n\nBeslutning\n\n" + line * n


def toc(n):
    entries = "".join(f"{i + 1}. Sag om emne {i} ord{i}\n" for i in range(n))
    items = "".join(f"Punkt {i + 1}: Sag om emne {i} ord{i + 7}\n\nBeslutning\n\nGodkendt.\n\n" for i in range(n))
    return HEADER + "Mødedeltagere Anna Hansen (A)\n\nIndholdsfortegnelse\n" + entries + "\n" + items


def breaks_html(n):
    return "<html><body><h1>" + HEADER + "</h1><p>Punkt 1: Sag</p>" + "<br><p></p>" * n + "</body></html>"


def nested_html(n):
    return "<html><body><h1>" + HEADER + "</h1>" + "<div>" * n + "Punkt 1: Sag" + "</div>" * n + "</body></html>"


SHAPES = {"participants": participants, "votes": votes, "toc": toc,
          "breaks-html": breaks_html, "nested-html": nested_html}

if __name__ == "__main__":
    shape, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(out, "w", encoding="utf-8") as f:
        f.write(SHAPES[shape](n))
