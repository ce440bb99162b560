"""Workbooks that are not what they say: a small file unpacking past the size limit, text named .xlsx, a damaged
workbook, a named pipe. Each is one located problem, refused before openpyxl parses anything it should not."""

import io
import zipfile


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def run(h):
    h.write("bomb.xlsx", _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b" " * (3 * 1024 * 1024)}))
    h.ratings("import", "bomb.xlsx", env={"RATINGS_MAX_FILE_MB": "1"}).refused(
        "too-large", "bomb.xlsx", "the workbook unpacks to 3 MB, more than the limit of 1 MB")
    h.write("text.xlsx", "case,2.1.1\nC1,yes\n")
    h.ratings("import", "text.xlsx").refused("sheet-unreadable", "text.xlsx", "not a zip archive")
    h.write("damaged.xlsx", _zip({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<workbook><sheets><sheet"}))
    h.ratings("import", "damaged.xlsx").refused("sheet-unreadable", "damaged.xlsx", "damaged")
    h.ratings("import", h.fifo("pipe.xlsx")).refused("not-a-file", "pipe.xlsx")
