#pragma once
// simdjson, used only where it reads a text exactly as nlohmann::json would, so that what
// is read through it (JsonReader, JsonFields) never differs from nlohmann's reading.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace streamweaver::detail {

class SimdjsonText {
 public:
  // simdjson refuses texts nested deeper than `max_depth`: they take nlohmann's path.
  explicit SimdjsonText(int max_depth);

  // The text's root, valid until the next parse; nullopt when simdjson refused the text or
  // might read it differently from nlohmann ("-0"), or the text is over 1 MiB: the caller
  // reads it with nlohmann then.
  std::optional<simdjson::dom::element> parse(std::string_view text);

 private:
  simdjson::dom::parser parser_;
  std::string padded_;  // simdjson reads a few bytes past the end of its input
};

// The same value as nlohmann's, number types included (nlohmann keeps non-negative integers
// unsigned and negative ones signed).
nlohmann::json to_nlohmann(simdjson::dom::element element);

}  // namespace streamweaver::detail
