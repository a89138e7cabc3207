#include "libxml2.h"

#include <dlfcn.h>

#include <cstring>
#include <stdexcept>

namespace scapc::validation::detail {
namespace {

// dlsym answers with an object pointer; POSIX guarantees a function's address converts back.
template <typename Pointer>
bool find(void* library, const char* file, const char* name, Pointer& out, std::string& error) {
  void* const address = ::dlsym(library, name);
  if (address == nullptr) {
    error = std::string(file) + " has no " + name + " (is it libxml2?)";
    return false;
  }
  static_assert(sizeof out == sizeof address);
  std::memcpy(&out, &address, sizeof out);
  return true;
}

struct Loaded {
  LibXml2 library;
  std::string error;
  bool ok = false;
};

// Opened once, on first use from any thread (a function-local static is initialised once, and
// every later call is a plain read: the semantic checks ask for it on every attribute they read).
const Loaded& loaded() {
  static const Loaded state = [] {
    Loaded opened;
    opened.ok = open_libxml2("libxml2.so.2", opened.library, opened.error);
    if (opened.ok) opened.library.xmlInitParser();
    return opened;
  }();
  return state;
}

}  // namespace

bool open_libxml2(const char* file, LibXml2& out, std::string& error) {
  // RTLD_LOCAL: its names serve only these pointers and never stand in for anyone else's.
  void* const library = ::dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* reason = ::dlerror();
    error = std::string("cannot open ") + file + ": " + (reason != nullptr ? reason : "unknown error") +
            " (Debian package libxml2)";
    return false;
  }
  LibXml2 found;
  bool complete = true;
#define SCAPC_LIBXML2_FIND(name) complete = complete && find(library, file, #name, found.name, error);
  SCAPC_LIBXML2_FUNCTIONS(SCAPC_LIBXML2_FIND)
#undef SCAPC_LIBXML2_FIND
  complete = complete && find(library, file, "xmlFree", found.free_function, error) &&
             find(library, file, "__xmlStructuredError", found.structured_error, error) &&
             find(library, file, "__xmlStructuredErrorContext", found.structured_error_context, error) &&
             find(library, file, "__xmlGenericError", found.generic_error, error) &&
             find(library, file, "__xmlGenericErrorContext", found.generic_error_context, error);
  if (!complete) {
    ::dlclose(library);
    return false;
  }
  out = found;
  return true;
}

const LibXml2* load_libxml2(std::string& error) {
  const auto& state = loaded();
  if (!state.ok) {
    error = state.error;
    return nullptr;
  }
  return &state.library;
}

const LibXml2& libxml2() {
  const auto& state = loaded();
  if (!state.ok) throw std::logic_error("libxml2 used before it was loaded: " + state.error);
  return state.library;
}

}  // namespace scapc::validation::detail
