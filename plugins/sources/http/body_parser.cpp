#include "body_parser.hpp"

#include <algorithm>

namespace streamweaver::sources::http {
namespace {

// `byte` (1-based, as nlohmann counts) within `text` starting at `base` of the body.
BodyError at(std::string_view body, std::size_t byte, const std::string& what) {
  BodyError e{.byte = std::max<std::size_t>(byte, 1)};
  auto before = body.substr(0, std::min(e.byte - 1, body.size()));
  e.line = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
  auto line_start = before.rfind('\n');
  e.column = e.byte - (line_start == std::string_view::npos ? 0 : line_start + 1);
  e.message = "line " + std::to_string(e.line) + ", column " + std::to_string(e.column) + ": " + what;
  return e;
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1,
// column 3: " prefix, which counts within one line of NDJSON, not the body.
std::string reason(const nlohmann::json::parse_error& e) {
  std::string what = e.what();
  auto colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

bool parse_one(std::string_view body, std::size_t base, std::string_view text, nlohmann::json& out,
               BodyError& error) {
  try {
    out = nlohmann::json::parse(text);
    return true;
  } catch (const nlohmann::json::parse_error& e) {
    error = at(body, base + e.byte, reason(e));
    return false;
  }
}

bool take_object(nlohmann::json&& value, std::string_view where, std::vector<nlohmann::json>& records,
                 BodyError& error) {
  if (!value.is_object()) {
    error.message = std::string(where) + " is a JSON " + value.type_name() + ", not an object";
    return false;
  }
  records.push_back(std::move(value));
  return true;
}

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool parse_lines(std::string_view body, std::vector<nlohmann::json>& records, BodyError& error);

}  // namespace

bool parse_body(std::string_view body, std::vector<nlohmann::json>& records, BodyError& error) {
  auto first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    error.message = "the body is empty: send a JSON object, an array of objects or one object per line";
    return false;
  }
  nlohmann::json whole;
  try {
    whole = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    // A value, then more: newline-delimited JSON (or a mistake found below). Anything else
    // is a mistake inside the first value, wherever its lines are.
    if (std::string_view(e.what()).find("expected end of input") == std::string_view::npos) {
      error = at(body, e.byte, reason(e));
      return false;
    }
    return parse_lines(body, records, error);
  }
  if (!whole.is_array()) return take_object(std::move(whole), "the body", records, error);
  for (std::size_t i = 0; i < whole.size(); ++i)
    if (!take_object(std::move(whole[i]), "element " + std::to_string(i) + " of the array", records, error))
      return false;
  return true;
}

namespace {

// Newline-delimited JSON: each non-blank line one object.
bool parse_lines(std::string_view body, std::vector<nlohmann::json>& records, BodyError& error) {
  std::size_t line_no = 0;
  for (std::size_t start = 0; start < body.size();) {
    auto end = std::min(body.find('\n', start), body.size());
    auto line = body.substr(start, end - start);
    ++line_no;
    if (!blank(line)) {
      nlohmann::json value;
      if (!parse_one(body, start, line, value, error)) return false;
      if (!take_object(std::move(value), "line " + std::to_string(line_no), records, error)) return false;
    }
    start = end + 1;
  }
  return true;
}

}  // namespace
}  // namespace streamweaver::sources::http
