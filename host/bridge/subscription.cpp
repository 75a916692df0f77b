#include "bridge/subscription.hpp"

namespace streamweaver::bridge {

const nlohmann::json& ParsedValue::get() {
  if (!value_) {
    std::string_view text = frame_.text;
    // The value runs from value_at to the frame's closing brace.
    auto value = text.substr(frame_.value_at, text.size() - frame_.value_at - 1);
    value_ = nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
  }
  return *value_;
}

}  // namespace streamweaver::bridge
