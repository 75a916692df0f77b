#include "simdjson_text.hpp"

#include <new>

namespace streamweaver::detail {
namespace {

using Type = simdjson::dom::element_type;

// "-0" is a signed integer zero to nlohmann, but simdjson's 0 does not say it had a sign.
// Conservative: a "-0" inside a string counts too (such a text just takes nlohmann's path).
bool has_negative_zero(std::string_view text) {
  for (auto at = text.find("-0"); at != std::string_view::npos; at = text.find("-0", at + 2)) {
    char next = at + 2 < text.size() ? text[at + 2] : ' ';
    bool continues = (next >= '0' && next <= '9') || next == '.' || next == 'e' || next == 'E';
    if (!continues) return true;
  }
  return false;
}

// simdjson keeps, for good, buffers of about 14 bytes per byte of the largest text it has
// read: texts over 1 MiB go to nlohmann instead.
constexpr std::size_t kLargestForSimdjson = 1 << 20;

}  // namespace

SimdjsonText::SimdjsonText(int max_depth) {
  if (parser_.allocate(4096, static_cast<std::size_t>(max_depth)) != simdjson::SUCCESS)
    throw std::bad_alloc();
}

std::optional<simdjson::dom::element> SimdjsonText::parse(std::string_view text) {
  if (text.size() > kLargestForSimdjson || has_negative_zero(text)) return std::nullopt;
  padded_.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  padded_.assign(text);
  simdjson::dom::element root;
  auto error = parser_.parse(padded_.data(), padded_.size(), /*realloc_if_needed=*/false).get(root);
  if (error != simdjson::SUCCESS) return std::nullopt;
  return root;
}

nlohmann::json to_nlohmann(simdjson::dom::element e) {
  switch (e.type()) {
    case Type::OBJECT: {
      nlohmann::json out = nlohmann::json::object();
      // Of equal keys the last wins, as in nlohmann.
      for (auto [key, value] : simdjson::dom::object(e)) out[std::string(key)] = to_nlohmann(value);
      return out;
    }
    case Type::ARRAY: {
      nlohmann::json out = nlohmann::json::array();
      for (auto value : simdjson::dom::array(e)) out.push_back(to_nlohmann(value));
      return out;
    }
    case Type::STRING: return std::string(std::string_view(e));
    case Type::INT64: {
      auto i = std::int64_t(e);
      return i >= 0 ? nlohmann::json(static_cast<std::uint64_t>(i)) : nlohmann::json(i);
    }
    case Type::UINT64: return std::uint64_t(e);
    case Type::DOUBLE: return double(e);
    case Type::BOOL: return bool(e);
    case Type::NULL_VALUE: break;
  }
  return nullptr;
}

}  // namespace streamweaver::detail
