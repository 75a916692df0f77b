#pragma once
// Reading a numeric field leniently: JSON numbers, and strings that hold a whole number
// ("503", "178.52"), which log and CSV-born events often carry.
#include <charconv>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <streamweaver/field_path.hpp>

namespace streamweaver::transforms {

inline std::optional<double> as_number(const nlohmann::json& value) {
  if (value.is_number()) return value.get<double>();
  if (!value.is_string()) return std::nullopt;
  const auto& text = value.get_ref<const std::string&>();
  double parsed = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return parsed;
}

inline std::optional<double> number_at(const nlohmann::json& root, const FieldPath& path) {
  const nlohmann::json* value = path.find(root);
  return value == nullptr ? std::nullopt : as_number(*value);
}

}  // namespace streamweaver::transforms
