#include "../../oval/src/item_index.h"

#include <catch2/catch.hpp>
#include <string>

using scapc::oval::detail::ItemIndex;

TEST_CASE("item ids are found by number and by text, each once", "[oval][items]") {
  ItemIndex index(3);
  CHECK(index.add("1", 0));
  CHECK(index.add("2", 1));
  CHECK(index.add("item-3", 2));
  CHECK_FALSE(index.add("2", 7));       // a duplicate number
  CHECK_FALSE(index.add("item-3", 7));  // a duplicate text
  CHECK(index.find("1") == 0U);
  CHECK(index.find("2") == 1U);
  CHECK(index.find("item-3") == 2U);
  CHECK_FALSE(index.find("3"));
  CHECK_FALSE(index.find("0"));
  CHECK_FALSE(index.find(""));
}

TEST_CASE("only canonical numbers share the vector; other spellings stay distinct ids", "[oval][items]") {
  ItemIndex index(2);
  CHECK(index.add("7", 0));
  CHECK(index.add("07", 1));  // another id as text
  CHECK(index.add("+7", 2));
  CHECK(index.find("7") == 0U);
  CHECK(index.find("07") == 1U);
  CHECK(index.find("+7") == 2U);
  // Numbers of any size up to 19 digits are numbers; 20 digits are kept by text, still unique.
  CHECK(index.add("4000000000", 3));
  CHECK(index.add("123456789", 4));
  CHECK_FALSE(index.add("123456789", 5));
  CHECK(index.add("18446744073709551615", 6));
  CHECK_FALSE(index.add("18446744073709551615", 7));
  CHECK(index.find("4000000000") == 3U);
  CHECK(index.find("123456789") == 4U);
  CHECK(index.find("18446744073709551615") == 6U);
  CHECK_FALSE(index.find("4000000001"));
}

TEST_CASE("oscap-style ids, far more than expected, are all found once", "[oval][items]") {
  // oscap numbers items from large values with gaps; the table grows past its first size.
  ItemIndex index(10);
  for (std::uint32_t i = 0; i < 5000; ++i) CHECK(index.add(std::to_string(10063799 + 7 * i), i));
  for (std::uint32_t i = 0; i < 5000; ++i) {
    CHECK(index.find(std::to_string(10063799 + 7 * i)) == i);
    CHECK_FALSE(index.find(std::to_string(10063799 + 7 * i + 1)));
  }
  CHECK_FALSE(index.add("10063799", 1));
  CHECK_FALSE(index.find("1"));
}
