"""
Prints a PDF again with a watermark over every page: a department's "仅供公开使用" (or any text) set
at a slant, in light grey, a dozen times across the page and over its tables, as many departments
stamp what they publish. The watermark is text like the tables' own: a reader that places every
run of text where it starts reads it into the title and into the tables' rows.
Used by scripts/producer-probe.ts --via watermark and test/roundtrip/turned.test.ts.

    /usr/bin/python3 scripts/watermark.py IN.pdf OUT.pdf [ANGLE] [TEXT]     (Debian python3-fitz)
"""
import sys

import fitz


def main(src_path: str, out_path: str, angle: float, text: str) -> None:
    doc = fitz.open(src_path)
    for page in doc:
        r = page.rect
        for gx in range(3):
            for gy in range(4):
                at = fitz.Point(r.width * (0.15 + 0.3 * gx), r.height * (0.2 + 0.22 * gy))
                page.insert_text(
                    at, text, fontsize=22, fontname="china-s", color=(0.85, 0.85, 0.85),
                    morph=(at, fitz.Matrix(angle)), overlay=True,
                )
    doc.save(out_path)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4, 5):
        sys.exit("usage: watermark.py IN.pdf OUT.pdf [ANGLE] [TEXT]")
    main(
        sys.argv[1],
        sys.argv[2],
        float(sys.argv[3]) if len(sys.argv) > 3 else 30.0,
        sys.argv[4] if len(sys.argv) > 4 else "仅供公开使用",
    )
