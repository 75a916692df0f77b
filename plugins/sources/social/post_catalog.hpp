#pragma once
// The built-in text material of the social source: post templates with their tone, and the
// words that fill their {thing} and {place} slots.
#include <span>
#include <string_view>
#include <vector>

namespace streamweaver::sources::social {

struct PostTemplate {
  std::string_view lang;  // ISO 639-1
  double tone;            // the sentiment a reader would give it, in [-1, 1]
  std::string_view text;  // with {thing} and {place} slots
};

std::span<const PostTemplate> post_templates();
// Slot names in slot-index order, and the words for each slot.
const std::vector<std::string_view>& slot_names();
std::span<const std::string_view> slot_words(std::size_t slot);

}  // namespace streamweaver::sources::social
