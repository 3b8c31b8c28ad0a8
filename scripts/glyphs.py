"""
Prints a PDF again with every glyph drawn apart: each character at its own position, in one
built-in CJK font, with the table rules drawn again; spaces dropped. Some producers (virtual
printers, report servers) write their PDFs so; a reader that relies on a producer's text runs to
keep a word or an amount together fails on them. Used by scripts/producer-probe.ts --via glyphs.

    /usr/bin/python3 scripts/glyphs.py IN.pdf OUT.pdf     (Debian python3-fitz)
"""
import sys

import fitz


def main(src_path: str, out_path: str) -> None:
    src = fitz.open(src_path)
    out = fitz.open()
    for page in src:
        again = out.new_page(width=page.rect.width, height=page.rect.height)
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                # (upright text only: a page's vertical or turned words are left out)
                if line["dir"] != (1.0, 0.0):
                    continue
                for span in line["spans"]:
                    for ch in span["chars"]:
                        if ch["c"].strip():
                            again.insert_text(ch["origin"], ch["c"], fontsize=span["size"], fontname="china-s")
        for drawing in page.get_drawings():
            for item in drawing["items"]:
                if item[0] == "l":
                    again.draw_line(item[1], item[2], width=0.5)
                elif item[0] == "re":
                    again.draw_rect(item[1], width=0.5)
    out.save(out_path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: glyphs.py IN.pdf OUT.pdf")
    main(sys.argv[1], sys.argv[2])
