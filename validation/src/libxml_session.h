// libxml2 reports errors and loads external resources through process-wide hooks. A session
// installs scapc's hooks for one operation and restores the previous ones afterwards, so that
// libxml2 never prints anything and never fetches anything this library did not allow.
#pragma once

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <string>
#include <vector>

namespace scapc::validation::detail {

// One message as libxml2 reported it.
struct LibxmlMessage {
  std::string file;  // the document or schema libxml2 was reading; may be empty
  int line = 0;
  bool warning = false;
  std::string message;
};

class LibxmlSession {
 public:
  enum class Loading {
    Nothing,     // an input document: no DTD, no external entity, nothing
    LocalFiles,  // an XSD and its imports: local files only, never the network
  };

  explicit LibxmlSession(Loading loading);
  ~LibxmlSession();
  LibxmlSession(const LibxmlSession&) = delete;
  LibxmlSession& operator=(const LibxmlSession&) = delete;

  // For the libxml2 APIs that take their own structured error handler.
  static void on_error(void* session, xmlErrorPtr error);

  [[nodiscard]] const std::vector<LibxmlMessage>& messages() const { return messages_; }

 private:
  static void on_generic_error(void* session, const char* format, ...);
  static xmlParserInputPtr load_entity(const char* url, const char* id, xmlParserCtxtPtr context);

  Loading loading_;
  std::vector<LibxmlMessage> messages_;
  std::string generic_text_;  // generic messages arrive in pieces; one line makes one message
  xmlStructuredErrorFunc previous_structured_;
  void* previous_structured_context_;
  xmlGenericErrorFunc previous_generic_;
  void* previous_generic_context_;
  LibxmlSession* previous_session_;
};

}  // namespace scapc::validation::detail
