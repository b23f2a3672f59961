// libxml2 headers used by Extraction: the tolerant HTML parser and the streaming XML reader.
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void yz_xml_free(void *p) { xmlFree(p); }
