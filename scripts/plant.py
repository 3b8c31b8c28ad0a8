#!/usr/bin/python3
"""Change one printed figure of a real PDF: the first figure OLD printed right of the words LABEL on
page PAGE (1-based), on the same line, becomes NEW, white-boxed and written over in its place at the
same size. For tests that need a known wrong amount in a known cell of a real layout (where
../shared/tools/pdf_mutants.py picks figures at random).

Usage: plant.py SRC DST PAGE LABEL OLD NEW     (needs Debian's python3-fitz; /usr/bin/python3)
Prints "planted OLD→NEW on page PAGE"; exits 1 when the figure is not found.
"""
import sys

import fitz


def main(src, dst, page_no, label, old, new):
    doc = fitz.open(src)
    page = doc[int(page_no) - 1]
    words = page.get_text('words')
    at = next((w for w in words if w[4] == label), None)
    if at is None:
        sys.exit(f'"{label}" is not printed on page {page_no}')
    mid = (at[1] + at[3]) / 2
    fig = next((w for w in sorted(words, key=lambda w: w[0])
                if w[4] == old and w[0] > at[2] and w[1] <= mid <= w[3]), None)
    if fig is None:
        sys.exit(f'no "{old}" right of "{label}" on page {page_no}')
    rect = fitz.Rect(fig[:4])
    span = None
    for block in page.get_text('dict')['blocks']:
        for line in block.get('lines', []):
            for sp in line['spans']:
                if sp['text'].strip() == old and fitz.Rect(sp['bbox']).intersects(rect):
                    span = sp
    if span is None:
        sys.exit(f'"{old}" on page {page_no} is not a span of its own')
    page.add_redact_annot(fitz.Rect(rect.x0 + 0.3, rect.y0 + 0.3, rect.x1 - 0.3, rect.y1 - 0.3), fill=(1, 1, 1))
    page.apply_redactions(images=0)
    page.insert_text(fitz.Point(span['origin']), new, fontname='helv', fontsize=span['size'])
    doc.save(dst, garbage=3, deflate=True)
    print(f'planted {old}→{new} on page {page_no}')


if __name__ == '__main__':
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    main(*sys.argv[1:])
