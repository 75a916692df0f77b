#include "line_formats.hpp"

#include <vector>

#include <boost/regex.hpp>
#include <streamweaver/json_writer.hpp>
#include <streamweaver/option_checks.hpp>

namespace streamweaver::sources::file {
namespace {

void add_origin(nlohmann::json& value, const LineOrigin& origin) {
  value["file"] = origin.file;
  value["offset"] = origin.offset;
}

class PlainParser final : public LineParser {
 public:
  bool write(std::string_view line, const LineOrigin& origin, Record& out, std::string&) override {
    JsonObjectWriter(out.json).field("file", origin.file).field("line", line).field("offset", origin.offset);
    return true;
  }
};

class JsonParser final : public LineParser {
 public:
  bool write(std::string_view line, const LineOrigin& origin, Record& out, std::string& error) override {
    auto value = nlohmann::json::parse(line, nullptr, false);
    if (value.is_discarded()) {
      error = describe_syntax_error(line);
      return false;
    }
    if (!value.is_object()) {
      error = std::string("a JSON ") + value.type_name() + ", not an object";
      return false;
    }
    add_origin(value, origin);
    out.value = std::move(value);
    return true;
  }

 private:
  // The parser's own message, which says at which byte: parsed again, with exceptions, only
  // for lines that failed.
  static std::string describe_syntax_error(std::string_view line) {
    try {
      auto unused = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      return e.what();
    }
    return "not JSON";
  }
};

// (?<name>...), (?P<name>...) and (?'name'...): the groups that become fields.
std::vector<std::string> group_names(const std::string& pattern) {
  std::vector<std::string> names;
  for (std::size_t at = pattern.find("(?"); at != std::string::npos; at = pattern.find("(?", at + 2)) {
    if (at > 0 && pattern[at - 1] == '\\') continue;  // an escaped parenthesis
    std::size_t start = at + 2;
    if (start < pattern.size() && pattern[start] == 'P') ++start;
    if (start >= pattern.size() || (pattern[start] != '<' && pattern[start] != '\'')) continue;
    char close = pattern[start] == '<' ? '>' : '\'';
    auto end = pattern.find(close, start + 1);
    if (end == std::string::npos) continue;
    auto name = pattern.substr(start + 1, end - start - 1);
    if (!name.empty() && name[0] != '=' && name[0] != '!') names.push_back(name);  // not lookbehind
  }
  return names;
}

boost::regex compile(const std::string& pattern) {
  try {
    return boost::regex(pattern, boost::regex::perl);
  } catch (const boost::regex_error& e) {
    refuse_option("pattern", "is not a valid regular expression at position " +
                                 std::to_string(e.position()) + ": " + e.what());
  }
}

class RegexParser final : public LineParser {
 public:
  explicit RegexParser(const std::string& pattern) : regex_(compile(pattern)), names_(group_names(pattern)) {}

  bool write(std::string_view line, const LineOrigin& origin, Record& out, std::string& error) override {
    boost::match_results<std::string_view::const_iterator> match;
    if (!boost::regex_search(line.begin(), line.end(), match, regex_)) {
      error = "the line does not match the pattern";
      return false;
    }
    auto value = nlohmann::json::object();
    for (const auto& name : names_) {
      const auto& group = match[name];
      if (group.matched) value[name] = std::string_view(&*group.first, static_cast<std::size_t>(group.length()));
    }
    add_origin(value, origin);
    out.value = std::move(value);
    return true;
  }

 private:
  boost::regex regex_;
  std::vector<std::string> names_;
};

}  // namespace

void check_pattern(const std::string& pattern) {
  compile(pattern);
  if (group_names(pattern).empty())
    refuse_option("pattern", "has no named group, e.g. (?<level>\\w+): named groups become the fields");
}

void write_unparsed(std::string_view line, std::string_view error, const LineOrigin& origin, Record& out) {
  out.value = nullptr;
  JsonObjectWriter(out.json)
      .field("file", origin.file)
      .field("line", line)
      .field("offset", origin.offset)
      .field("parse_error", error);
}

std::unique_ptr<LineParser> make_parser(LineFormat format, const std::string& pattern) {
  switch (format) {
    case LineFormat::json: return std::make_unique<JsonParser>();
    case LineFormat::nginx_combined:
    case LineFormat::apache_combined: return make_access_log_parser();
    case LineFormat::regex: return std::make_unique<RegexParser>(pattern);
    case LineFormat::plain: break;
  }
  return std::make_unique<PlainParser>();
}

}  // namespace streamweaver::sources::file
