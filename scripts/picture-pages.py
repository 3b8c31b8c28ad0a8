#!/usr/bin/python3
"""Turn pages of a real PDF into pictures of themselves: each page listed is rendered at DPI and put
back as one image with no text, as a department does when it scans printed (stamped) tables and binds
the scans into its electronic PDF. For tests of documents whose tables are printed as images.

Usage: picture-pages.py SRC DST PAGES [DPI]     PAGES: 1-based, e.g. 20-21 or 3,15-25 (default DPI 100)
Needs Debian's python3-fitz (/usr/bin/python3). Prints "pictured N pages".
"""
import sys

import fitz


def pages_of(spec):
    nos = set()
    for part in spec.split(','):
        a, _, b = part.partition('-')
        nos.update(range(int(a), int(b or a) + 1))
    return nos


def main(src, dst, spec, dpi='100'):
    doc = fitz.open(src)
    nos = pages_of(spec)
    out = fitz.open()
    for i in range(doc.page_count):
        page = doc[i]
        if i + 1 in nos:
            pix = page.get_pixmap(dpi=int(dpi))
            new = out.new_page(width=page.rect.width, height=page.rect.height)
            new.insert_image(new.rect, pixmap=pix)
        else:
            out.insert_pdf(doc, from_page=i, to_page=i)
    out.save(dst, garbage=3, deflate=True)
    print(f'pictured {len(nos & set(range(1, doc.page_count + 1)))} pages')


if __name__ == '__main__':
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
