// pugixml's memory on transparent huge pages. A parsed document is its file's text (read into one
// buffer) and the DOM, which pugixml builds in pages of 32 KiB: 190 MB for a 57 MB system
// characteristics file. Taking that memory from the kernel 4 KiB at a time was half of `oval
// analyse`'s run on this project's virtual machines (40,000 page faults, 0.35 s of system time of
// 0.7 s), and well under a tenth of it in 2 MiB pages. The DOM pages come from regions asked for in
// huge pages and go back to a free list when pugixml frees them, so a run that parses documents
// host after host reuses the same memory; buffers of a few megabytes and more get a mapping each.
#include <scapc/input.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SCAPC_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(SCAPC_ADDRESS_SANITIZER)
#define SCAPC_ADDRESS_SANITIZER 1
#endif

namespace scapc::input {
namespace {

#ifdef SCAPC_ADDRESS_SANITIZER
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif

constexpr std::size_t kRegion = std::size_t{32} << 20;
// What pugixml asks for a page of its DOM (PUGIXML_MEMORY_PAGE_SIZE as Debian builds it); other
// sizes below kOwnMapping come from malloc.
constexpr std::size_t kDomPage = 32768;
constexpr std::size_t kOwnMapping = std::size_t{4} << 20;
constexpr std::size_t kSmallPages = std::size_t{4} << 20;

// Every block starts with what it is, so that deallocate (which pugixml gives no size) knows where
// it came from; 16 bytes keep the caller's pointer aligned as malloc's are.
enum class Kind : std::uint64_t { Malloc = 0x6d616c6c6f63, Pooled = 0x706f6f6c6564, Mapped = 0x6d6170706564 };
struct alignas(16) Header {
  Kind kind;
  std::size_t size;  // of the mapping, for Mapped
};
constexpr std::size_t kBlock = sizeof(Header) + kDomPage;

void* map_huge(std::size_t size) {
  void* memory = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return nullptr;
  // Only advice: a kernel without transparent huge pages gives small ones.
  (void)::madvise(memory, size, MADV_HUGEPAGE);
  return memory;
}

class DomPages {
 public:
  void* take() {
    const std::lock_guard<std::mutex> hold(mutex_);
    if (!free_.empty()) {
      auto* block = free_.back();
      free_.pop_back();
      return block;
    }
    if (left_ < kBlock) {
      next_ = static_cast<char*>(map_huge(kRegion));
      if (next_ == nullptr) return nullptr;
      left_ = kRegion;
      // A huge page is taken whole at its first touch: a process with a few documents of a few
      // megabytes (SSG's definitions and collection: 11 MiB in all) grew by a sixth, up to 2 MiB for
      // the huge page it had begun. So the first megabytes of DOM pages stay in small pages.
      if (!started_) (void)::madvise(next_, kSmallPages, MADV_NOHUGEPAGE);
      started_ = true;
    }
    auto* block = next_;
    next_ += kBlock;
    left_ -= kBlock;
    return block;
  }
  void give_back(void* block) {
    const std::lock_guard<std::mutex> hold(mutex_);
    free_.push_back(static_cast<char*>(block));
  }

 private:
  std::mutex mutex_;
  std::vector<char*> free_;  // regions are kept: the next document takes their blocks
  char* next_ = nullptr;
  std::size_t left_ = 0;
  bool started_ = false;
};

DomPages& dom_pages() {
  static auto* pages = new DomPages();  // never destroyed: documents may outlive static destructors
  return *pages;
}

void* with_header(void* block, Kind kind, std::size_t size) {
  auto* header = new (block) Header{kind, size};
  return header + 1;
}

void* allocate(std::size_t size) {
  if (size == kDomPage) {
    void* block = dom_pages().take();
    return block == nullptr ? nullptr : with_header(block, Kind::Pooled, 0);
  }
  if (size >= kOwnMapping) {
    // Not rounded up to whole huge pages: the tail past the last one stays in small pages rather
    // than growing the process by up to 2 MiB a buffer.
    const auto mapped = size + sizeof(Header);
    void* block = map_huge(mapped);
    return block == nullptr ? nullptr : with_header(block, Kind::Mapped, mapped);
  }
  void* block = std::malloc(sizeof(Header) + size);
  return block == nullptr ? nullptr : with_header(block, Kind::Malloc, 0);
}

void deallocate(void* pointer) {
  if (pointer == nullptr) return;
  auto* header = static_cast<Header*>(pointer) - 1;
  switch (header->kind) {
    case Kind::Pooled:
      dom_pages().give_back(header);
      return;
    case Kind::Mapped:
      (void)::munmap(header, header->size);
      return;
    case Kind::Malloc:
      std::free(header);
      return;
  }
  std::abort();  // not a block of ours: memory is corrupt
}

}  // namespace

void use_huge_pages_for_xml() {
  // AddressSanitizer finds use after free in pugixml's pages only while malloc hands them out.
  if (kAddressSanitizer) return;
  static std::once_flag once;
  std::call_once(once, [] { pugi::set_memory_management_functions(allocate, deallocate); });
}

bool xml_uses_huge_pages() {
  return pugi::get_memory_allocation_function() == &allocate;
}

}  // namespace scapc::input
