#include "scapc/controls/literal.h"

#include <catch2/catch.hpp>

using scapc::controls::compare_literals;
using scapc::controls::Literal;
using scapc::controls::parse_literal;
using scapc::controls::ValueType;

namespace {

Literal must_parse(ValueType type, const std::string& text) {
  std::string why;
  const auto literal = parse_literal(type, text, why);
  INFO(text << ": " << why);
  REQUIRE(literal.has_value());
  return *literal;
}

std::string failure(ValueType type, const std::string& text) {
  std::string why;
  const auto literal = parse_literal(type, text, why);
  REQUIRE_FALSE(literal.has_value());
  return why;
}

}  // namespace

TEST_CASE("booleans read PowerShell's True as well as JSON's true", "[controls][literal]") {
  CHECK(must_parse(ValueType::Boolean, "True").boolean);
  CHECK(must_parse(ValueType::Boolean, "true").boolean);
  CHECK_FALSE(must_parse(ValueType::Boolean, "FALSE").boolean);
  CHECK(failure(ValueType::Boolean, "yes") == "expected true or false");
}

TEST_CASE("integers and Unlimited", "[controls][literal]") {
  CHECK(must_parse(ValueType::Int, "60").number == 60);
  CHECK(must_parse(ValueType::Int, "-1").number == -1);
  CHECK(must_parse(ValueType::Int, "Unlimited").unlimited);
  CHECK(failure(ValueType::Int, "12abc") == "expected a 64-bit integer or Unlimited");
  CHECK(failure(ValueType::Int, "99999999999999999999") == "expected a 64-bit integer or Unlimited");
  CHECK(compare_literals(must_parse(ValueType::Int, "Unlimited"), must_parse(ValueType::Int, "1000")) > 0);
}

TEST_CASE(".NET time spans as Exchange prints them", "[controls][literal]") {
  CHECK(must_parse(ValueType::TimeSpan, "00:10:00").number == 600);
  CHECK(must_parse(ValueType::TimeSpan, "00:00:05").number == 5);
  CHECK(must_parse(ValueType::TimeSpan, "1.00:00:00").number == 86400);
  CHECK(must_parse(ValueType::TimeSpan, "2.03:04:05").number == 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
  CHECK(must_parse(ValueType::TimeSpan, "00:00:05.5000000").seconds == Approx(5.5));
  CHECK(must_parse(ValueType::TimeSpan, "-00:01:00").number == -60);
  CHECK(must_parse(ValueType::TimeSpan, "Unlimited").unlimited);
  for (const char* bad : {"10 minutes", "00:60:00", "24:00:00", "0:10:00", "00:10", "00:00:05.12345678", ""}) {
    INFO(bad);
    CHECK(failure(ValueType::TimeSpan, bad) == "expected a time span [-][d.]hh:mm:ss[.fffffff] or Unlimited");
  }
  CHECK(compare_literals(must_parse(ValueType::TimeSpan, "00:10:00"), must_parse(ValueType::TimeSpan, "00:09:59")) > 0);
}

TEST_CASE("byte quantities as Exchange prints them", "[controls][literal]") {
  CHECK(must_parse(ValueType::Bytes, "36 MB (37,748,736 bytes)").number == 37748736);
  CHECK(must_parse(ValueType::Bytes, "25 MB").number == 25 * 1024 * 1024);
  CHECK(must_parse(ValueType::Bytes, "25MB").number == 25 * 1024 * 1024);
  CHECK(must_parse(ValueType::Bytes, "1.5 GB").number == 1610612736);
  CHECK(must_parse(ValueType::Bytes, "10485760").number == 10485760);
  CHECK(must_parse(ValueType::Bytes, "64 KB").number == 65536);
  CHECK(must_parse(ValueType::Bytes, "unlimited").unlimited);
  for (const char* bad : {"25 XB", "MB", "36 MB (37,748,736 bits)", "36 MB (37,748,736 bytes) extra", ""}) {
    INFO(bad);
    CHECK_FALSE(failure(ValueType::Bytes, bad).empty());
  }
  CHECK(compare_literals(must_parse(ValueType::Bytes, "36 MB (37,748,736 bytes)"),
                         must_parse(ValueType::Bytes, "25 MB")) > 0);
}

TEST_CASE("versions compare part by part", "[controls][literal]") {
  const auto cu = must_parse(ValueType::Version, "15.2.1118.7");
  CHECK(cu.version == std::vector<std::uint64_t>{15, 2, 1118, 7});
  CHECK(compare_literals(cu, must_parse(ValueType::Version, "15.2.986.5")) > 0);
  CHECK(compare_literals(must_parse(ValueType::Version, "15.2"), must_parse(ValueType::Version, "15.2.0")) == 0);
  CHECK(compare_literals(must_parse(ValueType::Version, "15.2"), cu) < 0);
  CHECK(failure(ValueType::Version, "15.2.x") == "expected dotted integers such as 15.2.1118.7");
  CHECK(failure(ValueType::Version, "15..2") == "expected dotted integers such as 15.2.1118.7");
}

TEST_CASE("strings are kept exactly as written", "[controls][literal]") {
  CHECK(must_parse(ValueType::String, " DomainValidation ").text == " DomainValidation ");
}
