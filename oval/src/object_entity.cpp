#include "object_entity.h"

#include "exchange_text.h"
#include "pattern.h"

namespace scapc::oval::detail {

const ObjectEntity* entity_named(const std::vector<ObjectEntity>& entities, std::string_view name) {
  for (const auto& entity : entities) {
    if (entity.name == name) return &entity;
  }
  return nullptr;
}

std::optional<bool> picks(const ObjectEntity& entity, const std::string& text) {
  const auto one = [&](const std::string& value) -> std::optional<bool> {
    if (entity.operation == "equals" || entity.operation == "case insensitive equals")
      return same_ignoring_case(value, text);
    if (entity.operation == "not equal" || entity.operation == "case insensitive not equal")
      return !same_ignoring_case(value, text);
    if (entity.operation == "pattern match") {
      std::string why;
      const auto matched = pattern_match(text, value, why);
      if (matched == Result::Error) return std::nullopt;
      return matched == Result::True;
    }
    return std::nullopt;
  };
  if (!entity.variable) return one(entity.value);
  for (const auto& value : entity.values) {  // an object names the items of every value
    const auto picked = one(value);
    if (!picked || *picked) return picked;
  }
  return false;
}

}  // namespace scapc::oval::detail
