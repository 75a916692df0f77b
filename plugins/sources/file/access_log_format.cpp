// nginx's and Apache's "combined" log format, the default of both:
//   203.0.113.7 - alice [10/Oct/2023:13:55:36 +0000] "GET /a?b=1 HTTP/1.1" 200 2326 "https://r/" "curl/8.0"
// read into client_ip, time, method, path, protocol, status, bytes, referrer, user_agent, with
// numbers as numbers, and the record's timestamp from `time`. Fields a server appends after
// the user agent are ignored.
#include <charconv>
#include <cstring>

#include <streamweaver/json_writer.hpp>

#include "line_formats.hpp"

namespace streamweaver::sources::file {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// A cursor over one line that remembers what went wrong and where.
class Cursor {
 public:
  explicit Cursor(std::string_view line) : line_(line) {}

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  std::string_view token(const char* what) {  // up to the next space
    if (failed()) return {};
    auto end = line_.find(' ', at_);
    if (end == std::string_view::npos || end == at_) return fail(std::string("expected ") + what);
    auto token = line_.substr(at_, end - at_);
    at_ = end + 1;
    return token;
  }
  std::string_view delimited(char open, char close, const char* what) {
    if (failed()) return {};
    if (at_ >= line_.size() || line_[at_] != open)
      return fail(std::string("expected ") + what + " starting with " + open);
    std::size_t end = at_ + 1;
    while (end < line_.size() && line_[end] != close) end += (line_[end] == '\\') ? 2 : 1;
    if (end >= line_.size()) return fail(std::string(what) + " is not closed by " + close);
    auto inside = line_.substr(at_ + 1, end - at_ - 1);
    at_ = end + 1;
    if (at_ < line_.size() && line_[at_] == ' ') ++at_;
    return inside;
  }
  std::string_view fail(std::string why) {
    if (!failed()) error_ = why + " at byte " + std::to_string(at_);
    return {};
  }

 private:
  std::string_view line_;
  std::size_t at_ = 0;
  std::string error_;
};

bool integer(std::string_view text, std::int64_t& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// "10/Oct/2023:13:55:36 +0000" -> ms since the epoch; false when it is not that shape.
bool parse_time(std::string_view t, std::int64_t& ms) {
  static constexpr const char* kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  if (t.size() != 26 || t[2] != '/' || t[6] != '/' || t[11] != ':' || t[20] != ' ') return false;
  std::int64_t day, year, hour, minute, second, zone;
  auto month = std::string_view(kMonths).find(t.substr(3, 3));
  if (month == std::string_view::npos || month % 3 != 0) return false;
  if (!integer(t.substr(0, 2), day) || !integer(t.substr(7, 4), year) || !integer(t.substr(12, 2), hour) ||
      !integer(t.substr(15, 2), minute) || !integer(t.substr(18, 2), second) ||
      !integer(t.substr(22, 4), zone) || (t[21] != '+' && t[21] != '-'))
    return false;
  std::int64_t zone_s = (zone / 100 * 3600 + zone % 100 * 60) * (t[21] == '-' ? -1 : 1);
  auto days = days_from_civil(year, static_cast<unsigned>(month / 3 + 1), static_cast<unsigned>(day));
  ms = ((days * 24 + hour) * 60 + minute) * 60'000 + second * 1000 - zone_s * 1000;
  return true;
}

class AccessLogParser final : public LineParser {
 public:
  bool write(std::string_view line, const LineOrigin& origin, Record& out, std::string& error) override {
    Cursor c(line);
    auto client_ip = c.token("the client address");
    c.token("the ident field");
    c.token("the user field");
    auto time = c.delimited('[', ']', "the time");
    auto request = c.delimited('"', '"', "the request");
    auto status_text = c.token("the status");
    auto bytes_text = c.token("the size");
    auto referrer = c.delimited('"', '"', "the referrer");
    auto user_agent = c.delimited('"', '"', "the user agent");
    std::int64_t status = 0, bytes = 0, time_ms = 0;
    if (!c.failed() && !integer(status_text, status)) c.fail("the status '" + std::string(status_text) + "' is not a number");
    if (!c.failed() && bytes_text != "-" && !integer(bytes_text, bytes))
      c.fail("the size '" + std::string(bytes_text) + "' is not a number");
    if (!c.failed() && !parse_time(time, time_ms))
      c.fail("the time '" + std::string(time) + "' is not like 10/Oct/2023:13:55:36 +0000");
    if (c.failed()) {
      error = c.error();
      return false;
    }
    // "GET /path HTTP/1.1"; HTTP/0.9 has no protocol.
    auto first_space = request.find(' ');
    auto last_space = request.rfind(' ');
    if (first_space == std::string_view::npos) {
      error = "the request \"" + std::string(request) + "\" is not METHOD PATH PROTOCOL";
      return false;
    }
    bool has_protocol = last_space != first_space;
    auto method = request.substr(0, first_space);
    auto path = request.substr(first_space + 1, (has_protocol ? last_space : request.size()) - first_space - 1);
    auto protocol = has_protocol ? request.substr(last_space + 1) : std::string_view();
    JsonObjectWriter(out.json)  // in key order
        .field("bytes", bytes)
        .field("client_ip", client_ip)
        .field("file", origin.file)
        .field("method", method)
        .field("offset", origin.offset)
        .field("path", path)
        .field("protocol", protocol)
        .field("referrer", referrer)
        .field("status", status)
        .field("time", time)
        .field("user_agent", user_agent);
    out.timestamp_ms = time_ms;
    return true;
  }
};

}  // namespace

std::unique_ptr<LineParser> make_access_log_parser() { return std::make_unique<AccessLogParser>(); }

}  // namespace streamweaver::sources::file
