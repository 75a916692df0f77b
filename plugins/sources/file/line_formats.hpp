#pragma once
// Turns one line of a followed file into a record, in the configured format. Every record
// carries `file` and `offset` (where its line starts); a line the format cannot read becomes
// a record with `line` and `parse_error`, so nothing is lost silently.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <streamweaver/record.hpp>

#include "file_settings.hpp"

namespace streamweaver::sources::file {

struct LineOrigin {
  std::string_view file;
  std::uint64_t offset;  // of the line's first byte
};

class LineParser {
 public:
  virtual ~LineParser() = default;
  // Fills `out` and returns true; or leaves it and says in `error` what is wrong, and where.
  virtual bool write(std::string_view line, const LineOrigin& origin, Record& out, std::string& error) = 0;
};

std::unique_ptr<LineParser> make_parser(LineFormat format, const std::string& pattern);

// Refuses (std::invalid_argument naming the option) a pattern that does not compile or has
// no named group.
void check_pattern(const std::string& pattern);

// {"file", "line", "offset", "parse_error"}: a line no format could read.
void write_unparsed(std::string_view line, std::string_view error, const LineOrigin& origin, Record& out);

// nginx's and Apache's "combined" access log (access_log_format.cpp).
std::unique_ptr<LineParser> make_access_log_parser();

}  // namespace streamweaver::sources::file
