#include <streamweaver/json/fields.hpp>

#include <charconv>
#include <utility>

#include <streamweaver/json/depth.hpp>

#include "simdjson_text.hpp"

namespace streamweaver {
namespace {

using Type = simdjson::dom::element_type;

// The element at `path`, as nlohmann would find it in the same text: of equal keys the last
// counts, and a numeric segment indexes into an array.
std::optional<simdjson::dom::element> find(simdjson::dom::element at, const FieldPath& path) {
  for (const auto& segment : path.segments()) {
    if (at.type() == Type::OBJECT) {
      std::optional<simdjson::dom::element> found;
      for (auto [key, value] : simdjson::dom::object(at))
        if (key == segment) found = value;
      if (!found) return std::nullopt;
      at = *found;
    } else if (auto index = FieldPath::index_of(segment); index && at.type() == Type::ARRAY) {
      if (simdjson::dom::array(at).at(*index).get(at) != simdjson::SUCCESS) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  return at;
}

}  // namespace

struct JsonFields::State {
  detail::SimdjsonText simdjson{kMaxJsonDepth};
  std::optional<simdjson::dom::element> root;  // when simdjson read the text
  nlohmann::json parsed;                       // when nlohmann did
  const nlohmann::json* value = nullptr;       // the record's value, or `parsed`
};

JsonFields::JsonFields() : state_(std::make_unique<State>()) {}
JsonFields::~JsonFields() = default;
JsonFields::JsonFields(JsonFields&&) noexcept = default;
JsonFields& JsonFields::operator=(JsonFields&&) noexcept = default;

bool JsonFields::read(const Record& record) {
  auto& s = *state_;
  s.value = nullptr;
  s.root = std::nullopt;
  if (record.json.empty()) {
    if (record.value.is_object()) s.value = &record.value;
  } else if (auto root = s.simdjson.parse(record.json)) {
    if (root->type() == Type::OBJECT) s.root = root;
  } else {
    // What simdjson left to nlohmann: seldom, so built.
    s.parsed = nests_deeper_than(record.json, kMaxJsonDepth)
                   ? nlohmann::json(nullptr)
                   : nlohmann::json::parse(record.json, nullptr, /*allow_exceptions=*/false);
    if (s.parsed.is_object()) s.value = &s.parsed;
  }
  return s.value || s.root;  // anything else has no fields
}

template <class OnValue, class OnElement>
auto JsonFields::at(const FieldPath& path, OnValue on_value, OnElement on_element) const
    -> decltype(on_value(std::declval<const nlohmann::json&>())) {
  const auto& s = *state_;
  if (s.value) {
    const nlohmann::json* found = path.find(*s.value);
    return found ? on_value(*found) : std::nullopt;
  }
  auto found = s.root ? find(*s.root, path) : std::nullopt;
  return found ? on_element(*found) : std::nullopt;
}

std::optional<double> JsonFields::number(const FieldPath& path) const {
  return at(path, number_of, [](simdjson::dom::element found) -> std::optional<double> {
    switch (found.type()) {
      case Type::INT64: return static_cast<double>(std::int64_t(found));
      case Type::UINT64: return static_cast<double>(std::uint64_t(found));
      case Type::DOUBLE: return double(found);
      case Type::STRING: return number_in_text(std::string_view(found));
      default: return std::nullopt;
    }
  });
}

std::optional<std::string> JsonFields::scalar(const FieldPath& path) const {
  return at(path, scalar_text, [](simdjson::dom::element found) -> std::optional<std::string> {
    if (found.type() == Type::STRING) return std::string(std::string_view(found));
    if (found.type() == Type::OBJECT || found.type() == Type::ARRAY) return std::nullopt;
    return scalar_text(detail::to_nlohmann(found));  // written as nlohmann writes it
  });
}

std::optional<double> number_of(const nlohmann::json& value) {
  if (value.is_number()) return value.get<double>();
  if (!value.is_string()) return std::nullopt;
  return number_in_text(value.get_ref<const std::string&>());
}

std::optional<double> number_in_text(std::string_view text) {
  double parsed = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return parsed;
}

std::optional<std::string> scalar_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return std::nullopt;
}

}  // namespace streamweaver
