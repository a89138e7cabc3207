#include "libxml_session.h"

#include <array>
#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <string_view>

#include "libxml2.h"

namespace scapc::validation::detail {
namespace {

// The session of this thread's current operation; the entity loader hook has no context pointer.
thread_local LibxmlSession* current_session = nullptr;

// libxml2's error hooks are per thread, but the entity loader is one process-wide pointer. A schema
// may load on another thread while a document parses (validator.cpp), so the first session
// installs the loader and the last one restores the previous loader; load_entity decides by the
// calling thread's session either way.
std::mutex loader_mutex;
int loader_users = 0;
xmlExternalEntityLoader loader_before = nullptr;

void acquire_loader(xmlExternalEntityLoader ours) {
  const std::lock_guard<std::mutex> lock(loader_mutex);
  if (loader_users++ == 0) {
    loader_before = libxml2().xmlGetExternalEntityLoader();
    libxml2().xmlSetExternalEntityLoader(ours);
  }
}

void release_loader() {
  const std::lock_guard<std::mutex> lock(loader_mutex);
  if (--loader_users == 0) libxml2().xmlSetExternalEntityLoader(loader_before);
}

std::string without_trailing_newlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

bool is_local(std::string_view url) {
  const auto scheme_end = url.find("://");
  return scheme_end == std::string_view::npos || url.substr(0, scheme_end) == "file";
}

}  // namespace

LibxmlSession::LibxmlSession(Loading loading)
    : loading_(loading),
      previous_structured_(*libxml2().structured_error()),
      previous_structured_context_(*libxml2().structured_error_context()),
      previous_generic_(*libxml2().generic_error()),
      previous_generic_context_(*libxml2().generic_error_context()),
      previous_session_(current_session) {
  libxml2().xmlSetStructuredErrorFunc(this, &LibxmlSession::on_error);
  libxml2().xmlSetGenericErrorFunc(this, &LibxmlSession::on_generic_error);
  acquire_loader(&LibxmlSession::load_entity);
  current_session = this;
}

LibxmlSession::~LibxmlSession() {
  if (!generic_text_.empty()) messages_.push_back({"", 0, false, without_trailing_newlines(generic_text_)});
  current_session = previous_session_;
  release_loader();
  libxml2().xmlSetGenericErrorFunc(previous_generic_context_, previous_generic_);
  libxml2().xmlSetStructuredErrorFunc(previous_structured_context_, previous_structured_);
}

void LibxmlSession::on_error(void* session, xmlErrorPtr error) {
  if (session == nullptr || error == nullptr) return;
  auto* self = static_cast<LibxmlSession*>(session);
  int line = error->line;
  // Schema validation errors carry the node; its line is exact even beyond 65535.
  if (error->node != nullptr && error->domain == XML_FROM_SCHEMASV) {
    line = static_cast<int>(libxml2().xmlGetLineNo(static_cast<const xmlNode*>(error->node)));
  }
  self->messages_.push_back({error->file == nullptr ? std::string() : std::string(error->file), line,
                             error->level == XML_ERR_WARNING,
                             without_trailing_newlines(error->message == nullptr ? "" : error->message)});
}

void LibxmlSession::on_generic_error(void* session, const char* format, ...) {
  if (session == nullptr) return;
  auto* self = static_cast<LibxmlSession*>(session);
  std::array<char, 1024> buffer{};
  va_list arguments;
  va_start(arguments, format);
  std::vsnprintf(buffer.data(), buffer.size(), format, arguments);
  va_end(arguments);
  self->generic_text_ += buffer.data();
  for (auto end = self->generic_text_.find('\n'); end != std::string::npos; end = self->generic_text_.find('\n')) {
    const std::string piece = self->generic_text_.substr(0, end);
    self->generic_text_.erase(0, end + 1);
    if (!piece.empty()) self->messages_.push_back({"", 0, false, piece});
  }
}

xmlParserInputPtr LibxmlSession::load_entity(const char* url, const char* id, xmlParserCtxtPtr context) {
  LibxmlSession* self = current_session;
  const std::string_view target = url != nullptr ? url : (id != nullptr ? id : "");
  if (self == nullptr || self->loading_ == Loading::Nothing || !is_local(target)) {
    if (self != nullptr) {
      self->messages_.push_back({"", 0, false, "refused to load external resource '" + std::string(target) + "'"});
    }
    return nullptr;
  }
  // Refuses http:// and ftp:// itself, as a second line of defence.
  return libxml2().xmlNoNetExternalEntityLoader(url, id, context);
}

}  // namespace scapc::validation::detail
