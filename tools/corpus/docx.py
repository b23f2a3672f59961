"""A small DOCX writer (WordprocessingML written by hand, standard library only) for fixtures and the sample
corpus. The files open in Word and LibreOffice: content types, package relationships, the main
document, optional header, footer, footnotes and comments parts, and core properties."""
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _run(text):
    parts = text.split("\t")
    out = []
    for i, part in enumerate(parts):
        if i:
            out.append("<w:tab/>")
        if part:
            out.append('<w:t xml:space="preserve">%s</w:t>' % escape(part))
    return "<w:r>%s</w:r>" % "".join(out)


def paragraph(text, style=None, footnote=None, comment=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    body = _run(text)
    if comment is not None:
        body = '<w:commentRangeStart w:id="%d"/>%s<w:commentRangeEnd w:id="%d"/><w:r><w:commentReference w:id="%d"/></w:r>' % (comment, body, comment, comment)
    if footnote is not None:
        body += '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="%d"/></w:r>' % footnote
    return "<w:p>%s%s</w:p>" % (ppr, body)


def table(rows):
    xml = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>']
    for row in rows:
        xml.append("<w:tr>")
        for cell in row:
            xml.append('<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>%s</w:tc>' % paragraph(cell))
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    return "".join(xml)


def write_docx(path, body, title=None, author=None, created=None, modified=None,
               header=None, footer=None, footnotes=None, comments=None, document_xml=None):
    """body: a list of ('p', text) / ('h', text) / ('table', rows). footnotes/comments: lists of text,
    referenced by index from body items ('p', text, {'footnote': i} or {'comment': i})."""
    blocks = []
    for item in body:
        kind = item[0]
        opts = item[2] if len(item) > 2 else {}
        if kind == "p":
            blocks.append(paragraph(item[1], footnote=opts.get("footnote"), comment=opts.get("comment")))
        elif kind == "h":
            blocks.append(paragraph(item[1], style="Heading1"))
        elif kind == "table":
            blocks.append(table(item[1]))
            blocks.append("<w:p/>")
    rels = []
    overrides = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
                 '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
    parts = {}
    sect = ""
    if header is not None:
        rels.append('<Relationship Id="rIdH" Type="%s/header" Target="header1.xml"/>' % DOC_REL)
        overrides.append('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>')
        parts["word/header1.xml"] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="%s">%s</w:hdr>' % (W, paragraph(header))
        sect += '<w:headerReference w:type="default" r:id="rIdH"/>'
    if footer is not None:
        rels.append('<Relationship Id="rIdF" Type="%s/footer" Target="footer1.xml"/>' % DOC_REL)
        overrides.append('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>')
        parts["word/footer1.xml"] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="%s">%s</w:ftr>' % (W, paragraph(footer))
        sect += '<w:footerReference w:type="default" r:id="rIdF"/>'
    if footnotes:
        rels.append('<Relationship Id="rIdN" Type="%s/footnotes" Target="footnotes.xml"/>' % DOC_REL)
        overrides.append('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')
        notes = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
        for i, text in enumerate(footnotes, start=1):
            notes.append('<w:footnote w:id="%d">%s</w:footnote>' % (i, paragraph(text)))
        parts["word/footnotes.xml"] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="%s">%s</w:footnotes>' % (W, "".join(notes))
    if comments:
        rels.append('<Relationship Id="rIdC" Type="%s/comments" Target="comments.xml"/>' % DOC_REL)
        overrides.append('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
        cs = ['<w:comment w:id="%d" w:author="审核人" w:initials="SH">%s</w:comment>' % (i, paragraph(text)) for i, text in enumerate(comments)]
        parts["word/comments.xml"] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="%s">%s</w:comments>' % (W, "".join(cs))
    document = document_xml or (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s<w:sectPr>%s<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>'
        % (W, R, "".join(blocks), sect))
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '%s%s%s%s</cp:coreProperties>') % (
        "<dc:title>%s</dc:title>" % escape(title) if title else "",
        "<dc:creator>%s</dc:creator>" % escape(author) if author else "",
        '<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>' % created if created else "",
        '<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>' % modified if modified else "")
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>%s</Types>') % "".join(overrides)
    package_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="%s">'
                    '<Relationship Id="rId1" Type="%s/officeDocument" Target="word/document.xml"/>'
                    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                    '</Relationships>') % (PKG_REL, DOC_REL)
    document_rels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="%s">%s</Relationships>' % (PKG_REL, "".join(rels))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        def put(name, xml):
            # A fixed timestamp, so the same content always gives the same bytes.
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), xml, compress_type=zipfile.ZIP_DEFLATED)
        put("[Content_Types].xml", content_types)
        put("_rels/.rels", package_rels)
        put("word/document.xml", document)
        put("word/_rels/document.xml.rels", document_rels)
        put("docProps/core.xml", core)
        for name, xml in parts.items():
            put(name, xml)
