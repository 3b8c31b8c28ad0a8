"""
Prints a PDF again with a running head and foot on every page: the department's "XX局2026年部门预算"
over the page and "第 N 页 共 M 页" under it, as word processors print a document's header and
footer. A reader that takes them for text breaks the 说明's sentences wherever a page turns.
Used by test/roundtrip/stamped.test.ts.

    /usr/bin/python3 scripts/running-head.py IN.pdf OUT.pdf HEAD     (Debian python3-fitz)
"""
import sys

import fitz


def main(src_path: str, out_path: str, head: str) -> None:
    doc = fitz.open(src_path)
    for no, page in enumerate(doc):
        r = page.rect
        page.insert_text(fitz.Point(r.width * 0.35, 22), head, fontsize=9, fontname="china-s", overlay=True)
        foot = f"第 {no + 1} 页 共 {len(doc)} 页"
        page.insert_text(fitz.Point(r.width * 0.45, r.height - 14), foot, fontsize=9, fontname="china-s", overlay=True)
    doc.save(out_path)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: running-head.py IN.pdf OUT.pdf HEAD")
    main(sys.argv[1], sys.argv[2], sys.argv[3])
