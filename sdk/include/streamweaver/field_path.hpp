#pragma once
// A dotted field name ("order.customer.id") split once, then looked up per record without
// allocating. A numeric segment indexes into an array ("tags.0").
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace streamweaver {

class FieldPath {
 public:
  FieldPath() = default;
  explicit FieldPath(std::string_view dotted) : text_(dotted) {
    std::size_t start = 0;
    while (true) {
      std::size_t dot = dotted.find('.', start);
      segments_.emplace_back(dotted.substr(start, dot - start));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }

  // False for "", "a..b", ".a", "a.": paths a user most likely mistyped.
  bool valid() const {
    for (const auto& segment : segments_)
      if (segment.empty()) return false;
    return !segments_.empty();
  }
  const std::string& text() const { return text_; }
  const std::vector<std::string>& segments() const { return segments_; }
  // The last segment: what an output field named after this path is called.
  const std::string& leaf() const { return segments_.back(); }

  // The array index a segment names ("0" to "999999999"), if it names one.
  static std::optional<std::size_t> index_of(std::string_view segment) {
    if (segment.empty() || segment.size() > 9) return std::nullopt;
    std::size_t index = 0;
    for (char c : segment) {
      if (c < '0' || c > '9') return std::nullopt;
      index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    return index;
  }

  // The value at this path, or nullptr when any step is missing.
  const nlohmann::json* find(const nlohmann::json& root) const {
    const nlohmann::json* at = &root;
    for (const auto& segment : segments_) {
      at = step(*at, segment);
      if (at == nullptr) return nullptr;
    }
    return at;
  }

  // Stores `value` at this path, creating missing objects on the way. False when a step
  // on the way exists and is not an object (nothing is changed then).
  bool assign(nlohmann::json& root, nlohmann::json value) const {
    nlohmann::json* at = &root;
    for (const auto& segment : segments_) {
      if (at->is_null()) *at = nlohmann::json::object();
      if (!at->is_object()) return false;
      at = &(*at)[segment];
    }
    *at = std::move(value);
    return true;
  }

  // Removes the field at this path; false when it was not there.
  bool erase(nlohmann::json& root) const {
    nlohmann::json* parent = &root;
    for (std::size_t i = 0; i + 1 < segments_.size(); ++i) {
      if (!parent->is_object()) return false;
      auto it = parent->find(segments_[i]);
      if (it == parent->end()) return false;
      parent = &*it;
    }
    return parent->is_object() && parent->erase(segments_.back()) > 0;
  }

 private:
  static const nlohmann::json* step(const nlohmann::json& at, const std::string& segment) {
    if (at.is_object()) {
      auto it = at.find(segment);
      return it == at.end() ? nullptr : &*it;
    }
    if (auto index = index_of(segment); index && at.is_array())
      return *index < at.size() ? &at[*index] : nullptr;
    return nullptr;
  }

  std::string text_;
  std::vector<std::string> segments_;
};

}  // namespace streamweaver
