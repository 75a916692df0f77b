#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace streamweaver {

enum class OptionType { string, integer, number, boolean, string_list, number_list, table };

inline const char* to_string(OptionType type) {
  switch (type) {
    case OptionType::string: return "string";
    case OptionType::integer: return "integer";
    case OptionType::number: return "number";
    case OptionType::boolean: return "boolean";
    case OptionType::string_list: return "string list";
    case OptionType::number_list: return "number list";
    case OptionType::table: return "table";
  }
  return "?";
}

// Whether a JSON value has the shape an option type asks for (integers are numbers too).
inline bool fits(OptionType type, const nlohmann::json& value) {
  auto all = [&](auto pred) {
    if (!value.is_array()) return false;
    for (const auto& item : value)
      if (!pred(item)) return false;
    return true;
  };
  switch (type) {
    case OptionType::string: return value.is_string();
    case OptionType::integer: return value.is_number_integer();
    case OptionType::number: return value.is_number();
    case OptionType::boolean: return value.is_boolean();
    case OptionType::string_list: return all([](const auto& v) { return v.is_string(); });
    case OptionType::number_list: return all([](const auto& v) { return v.is_number(); });
    case OptionType::table: return value.is_object();
  }
  return false;
}

// "option 'window' must be an integer, got string": for a value that does not fit.
inline std::string type_mismatch(const std::string& name, OptionType type, const nlohmann::json& value) {
  std::string wanted = to_string(type);
  const char* article = wanted.front() == 'i' ? "an " : "a ";  // only "integer" starts with a vowel
  return "option '" + name + "' must be " + article + wanted + ", got " + value.type_name();
}

// One declared option. The host validates the pipeline file against these (unknown key,
// wrong type, missing required) and prints them for `streamweaver plugins`.
struct OptionSpec {
  std::string name;  // snake_case noun, units in the name: interval_ms, max_bytes
  OptionType type = OptionType::string;
  nlohmann::json default_value = nullptr;  // null: no default
  bool required = false;
  std::string description;
};

// The validated options of one plugin instance: every declared option with a default is
// present, every value has its declared type.
class Options {
 public:
  Options() : values_(nlohmann::json::object()) {}
  explicit Options(nlohmann::json values) : values_(std::move(values)) {}

  bool has(std::string_view name) const {
    auto it = values_.find(name);
    return it != values_.end() && !it->is_null();
  }
  template <class T>
  T get(std::string_view name) const {
    auto it = values_.find(name);
    if (it == values_.end() || it->is_null())
      throw std::invalid_argument("option '" + std::string(name) + "' is not set");
    return it->get<T>();
  }
  template <class T>
  T get_or(std::string_view name, T fallback) const {
    return has(name) ? get<T>(name) : std::move(fallback);
  }
  const nlohmann::json& json() const { return values_; }

 private:
  nlohmann::json values_;
};

// Checks `given` (a JSON object) against the declared options and fills in defaults.
// Returns one message per problem; empty means `given` is now complete and well-typed.
inline std::vector<std::string> resolve_options(const std::vector<OptionSpec>& specs,
                                                nlohmann::json& given) {
  std::vector<std::string> problems;
  if (given.is_null()) given = nlohmann::json::object();
  for (const auto& [key, value] : given.items()) {
    bool known = false;
    for (const auto& spec : specs) known = known || spec.name == key;
    if (!known) problems.push_back("unknown option '" + key + "'");
  }
  for (const auto& spec : specs) {
    auto it = given.find(spec.name);
    if (it == given.end()) {
      if (spec.required)
        problems.push_back("missing required option '" + spec.name + "'");
      else if (!spec.default_value.is_null())
        given[spec.name] = spec.default_value;
    } else if (!fits(spec.type, *it)) {
      problems.push_back(type_mismatch(spec.name, spec.type, *it));
    }
  }
  return problems;
}

}  // namespace streamweaver
