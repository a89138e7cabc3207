#define CATCH_CONFIG_RUNNER
#include <scapc/input.h>

#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
  // As the program does: every document the tests parse lives in the memory scapc runs with.
  scapc::input::use_huge_pages_for_xml();
  return Catch::Session().run(argc, argv);
}
