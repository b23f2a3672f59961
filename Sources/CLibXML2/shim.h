// libxml2 headers used by Extraction: the tolerant HTML parser and the streaming XML reader.
//
// Debian builds libxml2 with ICU support, so <libxml/encoding.h> would include the system's
// <unicode/ucnv.h>; Swift's Foundation carries its own ICU headers (_FoundationICU) and the two
// `UErrorCode` enums clash in any file that imports both. Nothing here uses libxml2's ICU
// converter fields (we hand libxml2 UTF-8 only), so the ICU part of its headers is switched off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void yz_xml_free(void *p) { xmlFree(p); }
