#pragma once
// Reading a numeric field leniently: JSON numbers, and strings that hold a whole number
// ("503", "178.52"), which log and CSV-born events often carry (see number_of).
#include <optional>

#include <nlohmann/json.hpp>

#include <streamweaver/field_path.hpp>
#include <streamweaver/json/fields.hpp>

namespace streamweaver::transforms {

inline std::optional<double> number_at(const nlohmann::json& root, const FieldPath& path) {
  const nlohmann::json* value = path.find(root);
  return value == nullptr ? std::nullopt : number_of(*value);
}

}  // namespace streamweaver::transforms
