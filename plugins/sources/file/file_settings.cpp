#include "file_settings.hpp"

#include <cstdlib>
#include <filesystem>

#include <streamweaver/option_checks.hpp>

#include "line_formats.hpp"

namespace streamweaver::sources::file {
namespace {

LineFormat format_named(const std::string& name) {
  if (name == "json") return LineFormat::json;
  if (name == "nginx_combined") return LineFormat::nginx_combined;
  if (name == "apache_combined") return LineFormat::apache_combined;
  if (name == "regex") return LineFormat::regex;
  if (name == "plain") return LineFormat::plain;
  refuse_option("format", "must be one of json, nginx_combined, apache_combined, regex, plain; got '" +
                              name + "'");
}

// "${NGINX_LOG:-/var/log/nginx/access.log}": a path may come from the environment.
std::string with_environment(const std::string& path) {
  std::string out;
  for (std::size_t at = 0; at < path.size();) {
    auto open = path.find("${", at);
    if (open == std::string::npos) {
      out += path.substr(at);
      break;
    }
    auto close = path.find('}', open);
    if (close == std::string::npos) refuse_option("paths", "has '${' without '}' in '" + path + "'");
    out += path.substr(at, open - at);
    auto inside = path.substr(open + 2, close - open - 2);
    auto dash = inside.find(":-");
    auto name = inside.substr(0, dash);
    const char* value = std::getenv(name.c_str());
    if (value != nullptr && *value != '\0') out += value;
    else if (dash != std::string::npos) out += inside.substr(dash + 2);
    else refuse_option("paths", "uses ${" + name + "}, which is not set (give a default: ${" + name + ":-PATH})");
    at = close + 1;
  }
  return out;
}

}  // namespace

FileSettings FileSettings::from(const Options& options) {
  FileSettings s;
  s.paths = checked_names(options, "paths");
  for (auto& path : s.paths) path = with_environment(path);
  s.format = format_named(options.get<std::string>("format"));
  s.pattern = options.get_or<std::string>("pattern", "");
  if (s.format == LineFormat::regex) {
    if (s.pattern.empty()) refuse_option("pattern", "is required when format = \"regex\"");
    check_pattern(s.pattern);  // compiles it: a mistake shows at `check`
  } else if (!s.pattern.empty()) {
    refuse_option("pattern", "is only for format = \"regex\"");
  }
  auto start_at = options.get<std::string>("start_at");
  if (start_at != "end" && start_at != "beginning")
    refuse_option("start_at", "must be \"end\" or \"beginning\", got '" + start_at + "'");
  s.start_at = start_at == "end" ? StartAt::end : StartAt::beginning;
  s.state_dir = options.get<std::string>("state_dir");
  std::error_code ec;
  if (!s.state_dir.empty() && std::filesystem::exists(s.state_dir, ec) &&
      !std::filesystem::is_directory(s.state_dir, ec))
    refuse_option("state_dir", "'" + s.state_dir + "' exists and is not a directory");
  s.poll_interval_ms = checked_integer(options, "poll_interval_ms", {.low = 1, .high = 60'000});
  s.max_line_bytes = checked_integer(options, "max_line_bytes", {.low = 64, .high = 1 << 30});
  return s;
}

}  // namespace streamweaver::sources::file
