#pragma once
// An output record's fields, set in any order (setting a name again replaces its value, as in
// a JSON object), then written as JSON text in key order: the same text nlohmann::json would
// write for them, without building that value (see streamweaver/json_writer.hpp).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include <streamweaver/json_writer.hpp>

namespace streamweaver::transforms {

class OutputFields {
 public:
  using Value = std::variant<std::nullptr_t, double, std::int64_t, std::string_view>;

  // `name` and a string value must outlive write().
  void set(std::string_view name, Value value) {
    auto same = std::find_if(fields_.begin(), fields_.end(), [&](const auto& f) { return f.first == name; });
    if (same != fields_.end()) same->second = value;
    else fields_.emplace_back(name, value);
  }

  void write(std::string& out) {
    std::sort(fields_.begin(), fields_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    JsonObjectWriter writer(out);
    for (const auto& [name, value] : fields_)
      std::visit([&, name = name](const auto& v) {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::nullptr_t>) writer.field(name, nlohmann::json());
        else writer.field(name, v);
      }, value);
  }

 private:
  std::vector<std::pair<std::string_view, Value>> fields_;
};

}  // namespace streamweaver::transforms
