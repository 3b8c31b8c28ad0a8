#!/usr/bin/python3
"""Turn pages of a real PDF into pictures of themselves, as departments publish them: each page listed
is rendered at DPI and put back as one image with no text (a printed, stamped page scanned and bound
into the electronic PDF); with --keep-title, the page's first line of text (a table's title) stays
text and everything below it becomes one picture (a table pasted as a screenshot under its title);
with --page-numbers, each whole-page picture gets its page number written as text at its foot (as a
PDF tool numbers pages after scanning); with --under=TEXT, what is printed under the line holding
TEXT becomes one picture, that line and what is above it staying text (a table pasted as a
screenshot under its title, after other text). For tests of documents whose tables are images.

Usage: picture-pages.py SRC DST PAGES [DPI] [--keep-title | --under=TEXT] [--page-numbers]
       PAGES: 1-based, e.g. 20-21 or 3,15-25 (default DPI 100)
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


def below_title(page, dpi, under=None):
    """Everything under the page's first line of text (or the line holding UNDER) becomes one picture."""
    words = page.get_text('words')
    if not words:
        sys.exit(f'page {page.number + 1} has no text to keep')
    if under is None:
        first = min(w[1] for w in words)
    else:
        at = [w for w in words if under in w[4]]
        if not at:
            sys.exit(f'"{under}" is not printed on page {page.number + 1}')
        first = at[0][1]
    top = max(w[3] for w in words if first - 2 <= w[1] <= first + 2) + 2
    rect = fitz.Rect(page.rect.x0 + 10, top, page.rect.x1 - 10, page.rect.y1 - 10)
    pix = page.get_pixmap(dpi=dpi, clip=rect)
    page.add_redact_annot(rect, fill=(1, 1, 1))
    page.apply_redactions(images=0)
    page.insert_image(rect, pixmap=pix)


def main(src, dst, spec, *rest):
    under = next((a.split('=', 1)[1] for a in rest if a.startswith('--under=')), None)
    keep_title = '--keep-title' in rest or under is not None
    page_numbers = '--page-numbers' in rest
    numbers = [a for a in rest if not a.startswith('--')]
    dpi = int(numbers[0]) if numbers else 100
    doc = fitz.open(src)
    nos = pages_of(spec) & set(range(1, doc.page_count + 1))
    if keep_title:
        for no in sorted(nos):
            below_title(doc[no - 1], dpi, under)
        doc.save(dst, garbage=3, deflate=True)
    else:
        out = fitz.open()
        for i in range(doc.page_count):
            page = doc[i]
            if i + 1 in nos:
                pix = page.get_pixmap(dpi=dpi)
                new = out.new_page(width=page.rect.width, height=page.rect.height)
                new.insert_image(new.rect, pixmap=pix)
                if page_numbers:
                    new.insert_text((new.rect.width / 2 - 10, new.rect.height - 15), f'- {i + 1} -', fontsize=9)
            else:
                out.insert_pdf(doc, from_page=i, to_page=i)
        out.save(dst, garbage=3, deflate=True)
    print(f'pictured {len(nos)} pages')


if __name__ == '__main__':
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
