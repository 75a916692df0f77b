#include "config/table_reader.hpp"

#include <cstdio>
#include <map>

#include "config/did_you_mean.hpp"

namespace streamweaver::config {

TableReader::TableReader(const toml::table& table, std::string context, std::string file,
                         ConfigErrors& errors)
    : table_(table), context_(std::move(context)), file_(std::move(file)), errors_(errors) {}

void TableReader::error(const Location& at, std::string message) const {
  errors_.push_back({at, std::move(message)});
}

Location TableReader::where(std::string_view key) const {
  const toml::node* value = table_.get(key);
  return value ? location_of(value->source(), file_) : where();
}

const toml::node* TableReader::find(std::string_view key, bool required) {
  known_.emplace_back(key);
  const toml::node* value = table_.get(key);
  if (!value && required)
    error(where(), context_ + ": missing required key '" + std::string(key) + "'");
  return value;
}

void TableReader::wrong_type(std::string_view key, const char* expected) {
  error(where(key), context_ + ": '" + std::string(key) + "' must be " + expected);
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
  const toml::node* value = find(key, required);
  if (!value) return std::nullopt;
  if (auto s = value->value<std::string>(); s && value->is_string()) return s;
  wrong_type(key, "a string");
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max) {
  const toml::node* value = find(key, false);
  if (!value) return std::nullopt;
  if (!value->is_integer()) {
    wrong_type(key, "an integer");
    return std::nullopt;
  }
  auto v = value->value<std::int64_t>().value();
  if (v < min || v > max) {
    auto range = max == INT64_MAX ? "at least " + std::to_string(min)
                                  : "between " + std::to_string(min) + " and " + std::to_string(max);
    error(where(key), context_ + ": '" + std::string(key) + "' must be " + range + ", got " +
                          std::to_string(v));
    return std::nullopt;
  }
  return v;
}

std::optional<double> TableReader::number(std::string_view key, double min) {
  const toml::node* value = find(key, false);
  if (!value) return std::nullopt;
  if (!value->is_number()) {
    wrong_type(key, "a number");
    return std::nullopt;
  }
  double v = value->value<double>().value();
  if (v < min) {
    char bound[32];
    std::snprintf(bound, sizeof bound, "%g", min);
    error(where(key), context_ + ": '" + std::string(key) + "' must be at least " + bound);
    return std::nullopt;
  }
  return v;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const toml::node* value = find(key, false);
  if (!value) return std::nullopt;
  if (value->is_boolean()) return value->value<bool>();
  wrong_type(key, "true or false");
  return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key) {
  const toml::node* value = find(key, false);
  if (!value) return std::nullopt;
  const toml::array* array = value->as_array();
  std::vector<std::string> out;
  if (array) {
    for (const auto& item : *array) {
      if (!item.is_string()) {
        error(location_of(item.source(), file_),
              context_ + ": '" + std::string(key) + "' must hold only strings");
        return std::nullopt;
      }
      out.push_back(item.value<std::string>().value());
    }
    return out;
  }
  wrong_type(key, "an array of strings");
  return std::nullopt;
}

const toml::table* TableReader::table(std::string_view key) {
  const toml::node* value = find(key, false);
  if (!value) return nullptr;
  if (const toml::table* t = value->as_table()) return t;
  wrong_type(key, "a table");
  return nullptr;
}

const toml::node* TableReader::node(std::string_view key) { return find(key, false); }

void TableReader::finish() {
  for (const auto& [key, value] : table_) {
    std::string name(key.str());
    bool asked = false;
    for (const auto& k : known_) asked = asked || k == name;
    if (!asked)
      error(location_of(key.source(), file_),
            context_ + ": unknown key '" + name + "'" + did_you_mean(name, known_));
  }
}

std::map<std::string, std::string> read_string_map(const toml::table& table,
                                                   const std::string& context,
                                                   const std::string& file,
                                                   ConfigErrors& errors) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : table) {
    std::string name(key.str());
    if (value.is_string())
      out[name] = value.value<std::string>().value();
    else if (value.is_integer())
      out[name] = std::to_string(value.value<std::int64_t>().value());
    else if (value.is_floating_point())
      out[name] = std::to_string(value.value<double>().value());
    else if (value.is_boolean())
      out[name] = value.value<bool>().value() ? "true" : "false";
    else
      errors.push_back({location_of(value.source(), file),
                        context + ": '" + name + "' must be a string, number or boolean"});
  }
  return out;
}

}  // namespace streamweaver::config
