#include <scapc/input.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

using namespace scapc;

namespace {

// Fills every byte, so a block shorter than it claims to be faults or corrupts its neighbour.
void* filled(std::size_t size, char value) {
  auto* block = static_cast<char*>(pugi::get_memory_allocation_function()(size));
  REQUIRE(block != nullptr);
  std::memset(block, value, size);
  CHECK(reinterpret_cast<std::uintptr_t>(block) % 16 == 0);
  return block;
}

}  // namespace

TEST_CASE("pugixml's pages, small blocks and large buffers come back whole", "[input][memory]") {
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
  // Under AddressSanitizer pugixml keeps malloc, whose blocks it checks.
  CHECK_FALSE(input::xml_uses_huge_pages());
  return;
#endif
#endif
  REQUIRE(input::xml_uses_huge_pages());
  const auto free = pugi::get_memory_deallocation_function();
  // A DOM page freed is the next one handed out: documents parsed host after host reuse memory.
  void* page = filled(32768, 'a');
  free(page);
  void* again = filled(32768, 'b');
  CHECK(again == page);
  std::vector<void*> pages;
  for (int i = 0; i < 3000; ++i) pages.push_back(filled(32768, static_cast<char>(i)));  // past one region
  void* small = filled(100, 'c');
  void* large = filled(std::size_t{9} << 20, 'd');
  CHECK(static_cast<char*>(large)[(std::size_t{9} << 20) - 1] == 'd');
  for (void* block : pages) free(block);
  free(small);
  free(large);
  free(again);
}

TEST_CASE("documents parsed in the huge-page memory read as before, again and again", "[input][memory]") {
  std::string text = "<root>";
  for (int i = 0; i < 20000; ++i) text += "<item n=\"" + std::to_string(i) + "\">text " + std::to_string(i) + "</item>";
  text += "</root>";
  for (int round = 0; round < 3; ++round) {
    pugi::xml_document document;
    std::string error;
    REQUIRE(input::parse_xml(text, "items.xml", document, error));
    const auto items = document.child("root").children("item");
    CHECK(std::distance(items.begin(), items.end()) == 20000);
    CHECK(std::string(document.child("root").last_child().attribute("n").value()) == "19999");
    CHECK(std::string(document.child("root").last_child().text().get()) == "text 19999");
  }
}
