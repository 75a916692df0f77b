#include "records_path.hpp"

#include <streamweaver/option_checks.hpp>

namespace streamweaver::sources::websocket {

RecordsPath::RecordsPath(const std::string& text) {
  if (text.empty()) return;
  std::size_t start = 0;
  for (;;) {
    auto dot = text.find('.', start);
    auto step = text.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (step.size() >= 2 && step.compare(step.size() - 2, 2, "[]") == 0) step.resize(step.size() - 2);
    if (step.empty() || step.find_first_of("[]") != std::string::npos)
      refuse_option("records_path", "has an empty or malformed step at byte " + std::to_string(start) +
                                        " of '" + text + "': write fields separated by dots, e.g. \"data[]\"");
    steps_.push_back(step);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
}

bool RecordsPath::extract(nlohmann::json& message, std::vector<nlohmann::json>& records) const {
  nlohmann::json* at = &message;
  for (const auto& step : steps_) {
    if (!at->is_object()) return false;
    auto it = at->find(step);
    if (it == at->end() || it->is_null()) return false;
    at = &*it;
  }
  auto add = [&](nlohmann::json& value) {
    records.push_back(value.is_object() ? std::move(value) : nlohmann::json{{"value", std::move(value)}});
  };
  if (at->is_array()) {
    for (auto& element : *at) add(element);
  } else {
    add(*at);
  }
  return true;
}

}  // namespace streamweaver::sources::websocket
