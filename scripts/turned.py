"""
Prints a PDF again with its pages drawn turned: each landscape page laid sideways on a portrait
sheet (or, with a turn of 180, every page upside down), with no /Rotate entry to set it upright.
Some print drivers and PDF merging tools write documents so, and the reader turns the page (or the
viewer) to read the wide tables. A reader that keeps only upright text finds no text on them.
Used by scripts/producer-probe.ts --via turned and test/roundtrip/turned.test.ts.

    /usr/bin/python3 scripts/turned.py IN.pdf OUT.pdf [90|180|270]     (Debian python3-fitz)
"""
import sys

import fitz


def main(src_path: str, out_path: str, turn: int) -> None:
    src = fitz.open(src_path)
    out = fitz.open()
    turned = 0
    for no, page in enumerate(src):
        r = page.rect
        if turn == 180:
            again = out.new_page(width=r.width, height=r.height)
        elif r.width > r.height:
            again = out.new_page(width=r.height, height=r.width)
        else:
            out.insert_pdf(src, from_page=no, to_page=no)
            continue
        again.show_pdf_page(again.rect, src, no, rotate=turn)
        turned += 1
    out.save(out_path)
    print(f"{turned} of {len(src)} pages turned")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] not in ("90", "180", "270")):
        sys.exit("usage: turned.py IN.pdf OUT.pdf [90|180|270]")
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 90)
