#pragma once
// Parses JSON text into nlohmann values, several times faster than nlohmann's own parser:
// simdjson reads the text. Whatever simdjson refuses or might read differently ("-0"), and
// texts over 1 MiB, go to nlohmann, so the result is always exactly nlohmann's: the same
// inputs accepted, the same values and number types.
#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

namespace streamweaver {

namespace detail {
class SimdjsonText;
}

// One per thread: it reuses its buffers from one text to the next.
class JsonReader {
 public:
  // Values nested deeper than `max_depth` arrays or objects are refused, unparsed: they would
  // overflow the stack in anything recursive done with them afterwards.
  explicit JsonReader(int max_depth);
  ~JsonReader();

  struct Parsed {
    nlohmann::json value;  // discarded (is_discarded()) when `text` is not JSON or too deep
    bool too_deep = false;
  };
  Parsed parse(std::string_view text);

  // What parse() would give, without building the value: for a reader that only checks.
  enum class Shape { object, other, too_deep };  // other: not JSON, or JSON but no object
  Shape shape_of(std::string_view text);

 private:
  std::unique_ptr<detail::SimdjsonText> simdjson_;
  int max_depth_;
};

}  // namespace streamweaver
