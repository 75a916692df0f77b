#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <streamweaver/options.hpp>

namespace streamweaver::sources::file {

enum class LineFormat { json, nginx_combined, apache_combined, regex, plain };
enum class StartAt { end, beginning };

// The file source's options, checked once when the source is made.
struct FileSettings {
  std::vector<std::string> paths;  // glob patterns
  LineFormat format = LineFormat::plain;
  std::string pattern;             // format = regex
  StartAt start_at = StartAt::end;
  std::string state_dir;           // empty: positions are not remembered
  std::int64_t poll_interval_ms = 250;
  std::int64_t max_line_bytes = 1 << 19;

  static FileSettings from(const Options& options);
};

}  // namespace streamweaver::sources::file
