#include <streamweaver/json/reader.hpp>

#include <streamweaver/json/depth.hpp>

#include "simdjson_text.hpp"

namespace streamweaver {

JsonReader::JsonReader(int max_depth)
    : simdjson_(std::make_unique<detail::SimdjsonText>(max_depth)), max_depth_(max_depth) {}

JsonReader::~JsonReader() = default;

JsonReader::Parsed JsonReader::parse(std::string_view text) {
  if (auto root = simdjson_->parse(text)) return {detail::to_nlohmann(*root)};
  if (nests_deeper_than(text, max_depth_))
    return {nlohmann::json(nlohmann::json::value_t::discarded), /*too_deep=*/true};
  return {nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false)};
}

JsonReader::Shape JsonReader::shape_of(std::string_view text) {
  if (auto root = simdjson_->parse(text)) return root->is_object() ? Shape::object : Shape::other;
  if (nests_deeper_than(text, max_depth_)) return Shape::too_deep;
  // What simdjson refused: seldom, so built to be sure rather than fast.
  return nlohmann::json::parse(text, nullptr, false).is_object() ? Shape::object : Shape::other;
}

}  // namespace streamweaver
