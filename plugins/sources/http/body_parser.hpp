#pragma once
// The records in a POST body: one JSON object, a JSON array of objects, or newline-delimited
// JSON (an object per line). A mistake is reported with where it is.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace streamweaver::sources::http {

struct BodyError {
  std::string message;  // "line 2, column 14: syntax error ... unexpected '}'"
  std::size_t line = 0, column = 0, byte = 0;  // 1-based; 0 when it concerns no position
};

// Fills `records` and returns true, or fills `error`.
bool parse_body(std::string_view body, std::vector<nlohmann::json>& records, BodyError& error);

}  // namespace streamweaver::sources::http
