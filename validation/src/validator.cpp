#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

#include "checks.h"
#include "document_kind.h"
#include "libxml2.h"
#include "libxml_session.h"
#include "scapc/parallel.h"
#include "scapc/validation.h"
#include "xml_tree.h"

namespace scapc::validation {
namespace {

using detail::libxml2;
using detail::LibxmlSession;

// Larger files are not SCAP content this tool reads; refusing them keeps a stray input from
// exhausting memory (SSG's biggest data streams are a few tens of MiB).
constexpr std::uintmax_t kMaxFileSize = std::uintmax_t{256} * 1024 * 1024;

// No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR/DTDVALID (no DTD is read), NONET (no
// network even if something asked), BIG_LINES (exact line numbers past 65535).
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT;

struct DocumentDeleter {
  void operator()(xmlDoc* document) const { libxml2().xmlFreeDoc(document); }
};
using Document = std::unique_ptr<xmlDoc, DocumentDeleter>;

void add_messages(const LibxmlSession& session, const std::string& file, std::vector<Problem>& problems) {
  for (const auto& message : session.messages())
    problems.push_back({file, message.line, message.warning, message.message});
}

std::optional<std::string> read_file(const std::filesystem::path& file, std::vector<Problem>& problems) {
  const std::string name = file.string();
  std::error_code error;
  const auto status = std::filesystem::status(file, error);
  if (status.type() == std::filesystem::file_type::not_found) {
    problems.push_back({name, 0, false, "cannot read the file: it does not exist"});
    return std::nullopt;
  }
  if (error) {
    problems.push_back({name, 0, false, "cannot read the file: " + error.message()});
    return std::nullopt;
  }
  if (!std::filesystem::is_regular_file(status)) {
    problems.push_back({name, 0, false, "cannot read the file: it is not a regular file"});
    return std::nullopt;
  }
  const auto size = std::filesystem::file_size(file, error);
  if (!error && size > kMaxFileSize) {
    problems.push_back({name, 0, false, "the file is larger than 256 MiB; not read"});
    return std::nullopt;
  }
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    problems.push_back({name, 0, false, "cannot read the file"});
    return std::nullopt;
  }
  // Into a string of the file's size: a growing stringstream copied the text several times and
  // touched twice its size in fresh pages (tens of MB for a large data stream).
  std::string text;
  if (!error) text.reserve(static_cast<std::size_t>(size));
  std::array<char, 65536> buffer{};
  while (stream.read(buffer.data(), buffer.size()) || stream.gcount() > 0) {
    text.append(buffer.data(), static_cast<std::size_t>(stream.gcount()));
  }
  if (stream.bad()) {
    problems.push_back({name, 0, false, "cannot read the file"});
    return std::nullopt;
  }
  return text;
}

// Entity references survive parsing unexpanded (no NOENT); libxml2's XSD validator cannot handle
// them and would stop with an internal error. Each becomes a problem and is removed, so that the
// rest of the document is still validated.
void remove_entity_references(xmlNode* node, const std::string& file, std::vector<Problem>& problems) {
  struct Found {
    xmlNode* reference;
    const xmlNode* element;  // where it is: libxml2 has no line for a reference inside an attribute
  };
  std::vector<Found> found;
  const auto scan = [&](auto& self, xmlNode* parent, const xmlNode* element) -> void {
    for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
      if (child->type == XML_ENTITY_REF_NODE) {
        found.push_back({child, element});
      } else if (child->type == XML_ELEMENT_NODE) {
        for (xmlAttr* attribute = child->properties; attribute != nullptr; attribute = attribute->next) {
          self(self, reinterpret_cast<xmlNode*>(attribute), child);
        }
        self(self, child, child);
      }
    }
  };
  scan(scan, node, nullptr);
  for (const Found& entry : found) {
    const bool in_text = entry.reference->parent == entry.element;
    problems.push_back({file, detail::line(in_text ? entry.reference : entry.element), false,
                        "entity reference '&" + std::string(reinterpret_cast<const char*>(entry.reference->name)) +
                            ";' is not expanded: SCAP content is read without DTDs or entities"});
    libxml2().xmlUnlinkNode(entry.reference);
    libxml2().xmlFreeNode(entry.reference);
  }
}

// libxml2 keeps no line for the DOCTYPE; it is the first "<!DOCTYPE" of the text.
int doctype_line(std::string_view text) {
  const auto at = text.find("<!DOCTYPE");
  return at == std::string_view::npos ? 0 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

void report_doctype(const xmlDoc* document, std::string_view text, const std::string& file,
                    std::vector<Problem>& problems) {
  const xmlDtd* dtd = document->intSubset;
  if (dtd == nullptr || (dtd->SystemID == nullptr && dtd->ExternalID == nullptr)) return;
  const xmlChar* id = dtd->SystemID != nullptr ? dtd->SystemID : dtd->ExternalID;
  problems.push_back({file, doctype_line(text), true,
                      "the DOCTYPE names the external DTD '" + std::string(reinterpret_cast<const char*>(id)) +
                          "'; it is not loaded"});
}

}  // namespace

struct Validator::Impl {
  struct CachedSchema {
    xmlSchemaPtr schema = nullptr;  // nullptr: the XSD failed to load, and is not tried again
    std::string failure;
  };

  std::filesystem::path schema_dir;
  std::map<std::string, CachedSchema> schemas;  // by XSD path relative to schema_dir

  // An XSD parsing on a second thread while the document parses: the two take about as long for
  // a data stream of a few MB. The result joins the cache only if the guess was right, so
  // schemas_loaded() and every message stay what a sequential run gives.
  class Prefetch {
   public:
    Prefetch(Impl& impl, DocumentKind guess) : impl_(impl) {
      if (guess == DocumentKind::Unknown) return;
      relative_ = detail::schema_for(guess);
      if (impl.schemas.contains(relative_)) return;
      loading_.start([this] { result_ = impl_.load(relative_); });
    }
    Prefetch(const Prefetch&) = delete;
    Prefetch& operator=(const Prefetch&) = delete;
    ~Prefetch() {
      try {
        finish();
      } catch (...) {
        // A load that failed on the other thread leaves nothing to free.
      }
      if (result_.schema != nullptr) libxml2().xmlSchemaFree(result_.schema);
    }
    // Waits for the XSD; caches it when it is the one this kind needs.
    void adopt(DocumentKind kind) {
      finish();
      if (!loaded_ || detail::schema_for(kind) != relative_) return;
      impl_.schemas.emplace(relative_, std::move(result_));
      result_ = CachedSchema{};
      loaded_ = false;
    }

   private:
    void finish() {
      if (!loading_.pending()) return;
      loading_.wait();
      loaded_ = true;
    }
    Impl& impl_;
    std::string relative_;
    CachedSchema result_;
    bool loaded_ = false;
    parallel::Background loading_;  // last: waited for before what it fills is destroyed
  };

  ~Impl() {
    for (auto& [path, cached] : schemas) {
      if (cached.schema != nullptr) libxml2().xmlSchemaFree(cached.schema);
    }
  }

  // Parses one XSD. Touches no member but schema_dir, so it may run on another thread.
  [[nodiscard]] CachedSchema load(std::string_view relative) const {
    const std::filesystem::path path = schema_dir / relative;
    CachedSchema loaded;
    LibxmlSession session(LibxmlSession::Loading::LocalFiles);
    if (std::filesystem::is_regular_file(path)) {
      xmlSchemaParserCtxtPtr parser = libxml2().xmlSchemaNewParserCtxt(path.c_str());
      if (parser != nullptr) {
        libxml2().xmlSchemaSetParserStructuredErrors(parser, &LibxmlSession::on_error, &session);
        loaded.schema = libxml2().xmlSchemaParse(parser);
        libxml2().xmlSchemaFreeParserCtxt(parser);
      }
    }
    if (loaded.schema == nullptr) {
      loaded.failure = "cannot load the XSD " + path.string();
      if (!std::filesystem::is_regular_file(path)) loaded.failure += ": no such file";
      // The first error says why; the rest are mostly its consequences.
      const auto& messages = session.messages();
      const auto first = std::find_if(messages.begin(), messages.end(), [](const auto& m) { return !m.warning; });
      if (first != messages.end()) {
        loaded.failure += ": ";
        if (!first->file.empty()) {
          loaded.failure += first->file + (first->line > 0 ? ":" + std::to_string(first->line) : "") + ": ";
        }
        loaded.failure += first->message;
      }
    }
    return loaded;
  }

  const CachedSchema& schema(std::string_view relative) {
    const std::string key(relative);
    if (const auto cached = schemas.find(key); cached != schemas.end()) return cached->second;
    return schemas.emplace(key, load(relative)).first->second;
  }

  // Returns whether the XSD validated the document (whatever the outcome).
  bool validate_against_schema(xmlDoc* document, DocumentKind kind, const std::string& file,
                               std::vector<Problem>& problems) {
    const CachedSchema& cached = schema(detail::schema_for(kind));
    if (cached.schema == nullptr) {
      problems.push_back({file, 0, false, cached.failure});
      return false;
    }
    LibxmlSession session(LibxmlSession::Loading::Nothing);
    xmlSchemaValidCtxtPtr context = libxml2().xmlSchemaNewValidCtxt(cached.schema);
    if (context == nullptr) {
      problems.push_back({file, 0, false, "cannot create an XSD validation context"});
      return false;
    }
    libxml2().xmlSchemaSetValidStructuredErrors(context, &LibxmlSession::on_error, &session);
    const int outcome = libxml2().xmlSchemaValidateDoc(context, document);
    libxml2().xmlSchemaFreeValidCtxt(context);
    for (const auto& message : session.messages()) {
      // libxml2 follows an invalid value that a unique/key field selects with this internal
      // complaint on the same element: a second problem for the same mistake.
      if (message.message.find("No precomputed value available") != std::string::npos && !problems.empty() &&
          problems.back().line == message.line) {
        continue;
      }
      problems.push_back({file, message.line, message.warning, message.message});
    }
    return outcome >= 0;
  }
};

Validator::Validator(std::filesystem::path schema_dir) : impl_(std::make_unique<Impl>()) {
  impl_->schema_dir = std::move(schema_dir);
}

Validator::~Validator() = default;
Validator::Validator(Validator&&) noexcept = default;
Validator& Validator::operator=(Validator&&) noexcept = default;

std::size_t Validator::schemas_loaded() const {
  return impl_->schemas.size();
}

std::vector<Problem> Validator::validate_file(const std::filesystem::path& file, DocumentKind* kind_out) {
  if (kind_out != nullptr) *kind_out = DocumentKind::Unknown;
  std::vector<Problem> problems;
  const std::string name = file.string();
  std::string unavailable;
  if (detail::load_libxml2(unavailable) == nullptr) {
    problems.push_back({name, 0, false, "cannot validate: " + unavailable});
    return problems;
  }
  auto text = read_file(file, problems);
  if (!text) return problems;
  if (text->empty()) {
    problems.push_back({name, 0, false, "the file is empty"});
    return problems;
  }

  Impl::Prefetch prefetch(*impl_, detail::guess_kind(*text));
  Document document;
  {
    LibxmlSession session(LibxmlSession::Loading::Nothing);
    document.reset(
        libxml2().xmlReadMemory(text->data(), static_cast<int>(text->size()), name.c_str(), nullptr, kParseOptions));
    add_messages(session, name, problems);
  }
  const xmlNode* root = document ? libxml2().xmlDocGetRootElement(document.get()) : nullptr;
  if (root == nullptr) {
    if (problems.empty()) problems.push_back({name, 0, false, "not an XML document"});
    return problems;
  }
  report_doctype(document.get(), *text, name, problems);
  text.reset();  // the tree holds everything from here on; a large file need not stay in memory twice
  remove_entity_references(reinterpret_cast<xmlNode*>(document.get()), name, problems);

  const DocumentKind kind = detail::detect_kind(root);
  if (kind_out != nullptr) *kind_out = kind;
  if (kind == DocumentKind::Unknown) {
    const std::string uri(detail::namespace_uri(root));
    problems.push_back({name, detail::line(root), false,
                        "unknown document type: root element '" + std::string(detail::local_name(root)) + "'" +
                            (uri.empty() ? " in no namespace" : " in namespace '" + uri + "'")});
    return problems;
  }

  // The semantic checks only read the tree, and neither does XSD validation change it (without
  // XML_SCHEMA_VAL_VC_I_CREATE it adds no attribute and rewrites no value), so they run on a second
  // thread while the XSD loads and validates. They assume the XSD will validate and run again in
  // the rare case it cannot (XSD missing or broken, internal error). Their problems follow the
  // XSD's, as in a sequential run.
  const bool strict = kind != DocumentKind::ResultDataStream;  // the ARF XSD takes report contents laxly
  std::vector<Problem> semantic;
  bool validated = false;
  {
    const auto run_checks = [&] {
      detail::run_semantic_checks(document.get(), detail::Findings{name, strict, semantic});
    };
    parallel::Background checks(run_checks);
    prefetch.adopt(kind);
    validated = impl_->validate_against_schema(document.get(), kind, name, problems);
    checks.wait();
  }
  if (strict && !validated) {
    semantic.clear();
    detail::run_semantic_checks(document.get(), detail::Findings{name, false, semantic});
  }
  problems.insert(problems.end(), std::make_move_iterator(semantic.begin()), std::make_move_iterator(semantic.end()));

  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
  return problems;
}

}  // namespace scapc::validation
