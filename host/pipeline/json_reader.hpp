#pragma once
// Parses record values for processors. nlohmann's own parser costs a processor about half its
// time; simdjson reads the same text several times faster. Whatever simdjson refuses or might
// read differently ("-0"), and texts over 1 MiB, go to nlohmann, so the result is always
// exactly nlohmann's: the same inputs accepted, the same values and number types.
#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

namespace streamweaver::pipeline {

// One per thread: it reuses its buffers from one record to the next.
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

 private:
  struct Simdjson;  // its header is large: kept out of this one
  std::unique_ptr<Simdjson> simdjson_;
  int max_depth_;
};

}  // namespace streamweaver::pipeline
