// libxml2, opened when validation first needs it instead of linked into scapc: loading it, with the
// ICU, zlib and liblzma it depends on, added 1.2 MiB of resident memory to every scapc run (a
// tenth of analysing SSG's OVAL), and only `scapc validate` uses it. The headers still give every
// type and signature; only the addresses are looked up at run time.
#pragma once

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include <string>

namespace scapc::validation::detail {

// Every libxml2 function validation calls, each declared from its own prototype.
#define SCAPC_LIBXML2_FUNCTIONS(X)      \
  X(xmlInitParser)                      \
  X(xmlReadMemory)                      \
  X(xmlFreeDoc)                         \
  X(xmlDocGetRootElement)               \
  X(xmlUnlinkNode)                      \
  X(xmlFreeNode)                        \
  X(xmlGetLineNo)                       \
  X(xmlHasNsProp)                       \
  X(xmlGetNoNsProp)                     \
  X(xmlGetNsProp)                       \
  X(xmlNodeGetContent)                  \
  X(xmlSchemaNewParserCtxt)             \
  X(xmlSchemaSetParserStructuredErrors) \
  X(xmlSchemaParse)                     \
  X(xmlSchemaFreeParserCtxt)            \
  X(xmlSchemaFree)                      \
  X(xmlSchemaNewValidCtxt)              \
  X(xmlSchemaSetValidStructuredErrors)  \
  X(xmlSchemaValidateDoc)               \
  X(xmlSchemaFreeValidCtxt)             \
  X(xmlReaderForMemory)                 \
  X(xmlFreeTextReader)                  \
  X(xmlTextReaderRead)                  \
  X(xmlTextReaderNext)                  \
  X(xmlTextReaderNodeType)              \
  X(xmlTextReaderIsEmptyElement)        \
  X(xmlTextReaderConstLocalName)        \
  X(xmlTextReaderConstNamespaceUri)     \
  X(xmlTextReaderGetAttribute)          \
  X(xmlSetStructuredErrorFunc)          \
  X(xmlSetGenericErrorFunc)             \
  X(xmlGetExternalEntityLoader)         \
  X(xmlSetExternalEntityLoader)         \
  X(xmlNoNetExternalEntityLoader)

struct LibXml2 {
#define SCAPC_LIBXML2_MEMBER(name) decltype(&::name) name = nullptr;
  SCAPC_LIBXML2_FUNCTIONS(SCAPC_LIBXML2_MEMBER)
#undef SCAPC_LIBXML2_MEMBER
  // Global variables, which the headers reach through macros of the same names: xmlFree is the
  // deallocator for strings libxml2 returns; the error handlers are per thread, behind functions.
  xmlFreeFunc* free_function = nullptr;
  decltype(&::__xmlStructuredError) structured_error = nullptr;
  decltype(&::__xmlStructuredErrorContext) structured_error_context = nullptr;
  decltype(&::__xmlGenericError) generic_error = nullptr;
  decltype(&::__xmlGenericErrorContext) generic_error_context = nullptr;

  void free(void* memory) const {
    (*free_function)(memory);
  }
};

// Opens `file` and looks up every entry point; false with the reason (the file, or the first name
// it lacks) in `error`. The library stays open for the rest of the process.
bool open_libxml2(const char* file, LibXml2& out, std::string& error);

// libxml2.so.2, opened and initialised on the first call (from any thread); nullptr, with the
// reason in `error`, when it cannot be.
const LibXml2* load_libxml2(std::string& error);

// The loaded library, for code that runs only after load_libxml2() succeeded.
const LibXml2& libxml2();

}  // namespace scapc::validation::detail
