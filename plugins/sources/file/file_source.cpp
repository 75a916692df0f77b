// file: follows files as `tail -F` does and turns each line into a record.
#include <glob.h>

#include <chrono>
#include <map>
#include <set>
#include <vector>

#include <streamweaver/sdk.hpp>

#include "delivery_ledger.hpp"
#include "file_settings.hpp"
#include "line_formats.hpp"
#include "position_store.hpp"
#include "tailed_file.hpp"

namespace streamweaver::sources::file {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kSaveEvery = std::chrono::seconds(1);
constexpr std::uint64_t kClockEveryLines = 4096;  // reading the clock per line would show
constexpr std::size_t kBatchLines = 1024;          // lines per delivery receipt

std::vector<std::string> expand(const std::vector<std::string>& patterns) {
  std::set<std::string> paths;
  for (const auto& pattern : patterns) {
    glob_t found{};
    if (::glob(pattern.c_str(), GLOB_NOSORT, nullptr, &found) == 0)
      for (std::size_t i = 0; i < found.gl_pathc; ++i) paths.insert(found.gl_pathv[i]);
    ::globfree(&found);
  }
  return {paths.begin(), paths.end()};
}

class FileSource {
 public:
  explicit FileSource(const Options& options)
      : settings_(FileSettings::from(options)),
        parser_(make_parser(settings_.format, settings_.pattern)),
        ledger_(std::make_shared<DeliveryLedger>(PositionStore(settings_.state_dir, settings_.paths))) {}

  ~FileSource() {
    if (!started_) return;
    close_batch();
    try {
      ledger_->save_settled();
    } catch (...) {
      // the ledger tries again as the last deliveries come in
    }
    ledger_->orphan();
  }

  Status next(Record& out) {
    if (!started_) start();
    for (std::size_t tried = 0; tried < files_.size(); ++tried) {
      auto& file = files_[current_];
      std::string_view line;
      std::uint64_t offset = 0;
      auto got = file.next_line(line, offset);
      if (got != TailedFile::Got::none) {
        write(file.path(), line, offset, got, out);
        if (!batch_) batch_ = ledger_->open();
        out.receipt = batch_;
        if (++batch_lines_ == kBatchLines) close_batch();
        if (++lines_ % kClockEveryLines == 0) housekeeping(Clock::now());
        return Status::ok();
      }
      current_ = (current_ + 1) % files_.size();
    }
    close_batch();  // a trickle of lines is remembered without waiting for a full batch
    auto now = Clock::now();
    if (now >= next_poll_) {
      next_poll_ = now + std::chrono::milliseconds(settings_.poll_interval_ms);
      poll();
    }
    housekeeping(now);
    return Status::idle();
  }

  std::vector<StageCounter> counters() const {
    return {{"files", static_cast<std::int64_t>(files_.size())},
            {"lines", static_cast<std::int64_t>(lines_)},
            {"parse_errors", parse_errors_},
            {"rotations", rotations_},
            {"truncations", truncations_}};
  }

 private:
  void start() {
    started_ = true;
    auto saved = PositionStore(settings_.state_dir, settings_.paths).load();
    for (const auto& path : expand(settings_.paths)) {
      TailedFile file(path, static_cast<std::size_t>(settings_.max_line_bytes));
      auto remembered = saved.find(path);
      bool same_file = remembered != saved.end() && file.open(0) && file.position().id == remembered->second.id;
      if (same_file) file.open(remembered->second.offset);
      else if (remembered != saved.end()) file.open(0);  // replaced while we were away: all of it is new
      else if (settings_.start_at == StartAt::end) file.open_at_end();
      else file.open(0);
      files_.push_back(std::move(file));
    }
    ledger_->start_from(positions());
    next_poll_ = Clock::now() + std::chrono::milliseconds(settings_.poll_interval_ms);
    last_save_ = Clock::now();
  }

  // Rotation and truncation of the files followed, and new files matching the patterns.
  void poll() {
    for (auto& file : files_) {
      auto before = file.position();
      switch (file.check()) {
        case TailedFile::Change::rotated:
          ++rotations_;
          retired_[before.id] = before.offset;
          break;
        case TailedFile::Change::truncated: ++truncations_; break;
        default: break;
      }
    }
    std::set<std::string> followed;
    for (const auto& file : files_) followed.insert(file.path());
    for (const auto& path : expand(settings_.paths)) {
      if (followed.count(path)) continue;
      TailedFile file(path, static_cast<std::size_t>(settings_.max_line_bytes));
      if (!file.open(0)) continue;
      // A file we followed under its old name (rotated to app.log.1) goes on where it was.
      if (auto it = retired_.find(file.position().id); it != retired_.end()) file.open(it->second);
      files_.push_back(std::move(file));
    }
  }

  void write(const std::string& path, std::string_view line, std::uint64_t offset, TailedFile::Got got,
             Record& out) {
    LineOrigin origin{path, offset};
    if (got == TailedFile::Got::overlong) {
      ++parse_errors_;
      write_unparsed(line, "line longer than max_line_bytes (" + std::to_string(settings_.max_line_bytes) +
                               "); the rest of it was skipped", origin, out);
      return;
    }
    error_.clear();
    if (parser_->write(line, origin, out, error_)) return;
    ++parse_errors_;
    write_unparsed(line, error_, origin, out);
  }

  void housekeeping(Clock::time_point now) {
    if (now - last_save_ < kSaveEvery) return;
    last_save_ = now;
    ledger_->save_settled();
  }

  Positions positions() const {
    Positions positions;
    for (const auto& file : files_) positions[file.path()] = file.position();
    return positions;
  }

  // The lines handed out since open() end here; their receipt settles once Kafka has them all.
  void close_batch() {
    if (!batch_) return;
    ledger_->close(positions());
    batch_.reset();
    batch_lines_ = 0;
  }

  FileSettings settings_;
  std::unique_ptr<LineParser> parser_;
  std::shared_ptr<DeliveryLedger> ledger_;
  std::shared_ptr<DeliveryReceipt> batch_;  // carried by the lines handed out since it opened
  std::size_t batch_lines_ = 0;
  bool started_ = false;
  std::vector<TailedFile> files_;
  std::size_t current_ = 0;
  std::map<FileId, std::uint64_t> retired_;  // files rotated away, and where we left them
  Clock::time_point next_poll_;
  Clock::time_point last_save_;
  std::string error_;
  std::uint64_t lines_ = 0;
  std::int64_t parse_errors_ = 0;
  std::int64_t rotations_ = 0;
  std::int64_t truncations_ = 0;
};

}  // namespace
}  // namespace streamweaver::sources::file

STREAMWEAVER_SOURCE_PLUGIN(streamweaver::sources::file::FileSource, {
    .name = "file",
    .version = "1.0.0",
    .description = "Follows files as tail -F does (globs, rotation, truncation) and turns each "
                   "line into a record with its `file` and `offset`; a line the format cannot "
                   "read keeps its text in `line` with `parse_error`. No key of its own",
    .options = {
        {.name = "paths", .type = streamweaver::OptionType::string_list, .required = true,
         .description = "Files to follow, as glob patterns (/var/log/nginx/access.log, logs/*.log); "
                        "files that appear later are followed from their start. ${NAME} and "
                        "${NAME:-default} take a part from the environment"},
        {.name = "format", .type = streamweaver::OptionType::string, .default_value = "plain",
         .description = "json (an object per line), nginx_combined or apache_combined (client_ip, "
                        "time, method, path, protocol, status, bytes, referrer, user_agent), regex "
                        "(named groups of `pattern`) or plain (`line`)"},
        {.name = "pattern", .type = streamweaver::OptionType::string,
         .description = "For format = \"regex\": a Perl regular expression whose named groups, "
                        "(?<name>...), become string fields"},
        {.name = "start_at", .type = streamweaver::OptionType::string, .default_value = "end",
         .description = "Where to start in a file with no remembered position: \"end\" (new lines "
                        "only) or \"beginning\""},
        {.name = "state_dir", .type = streamweaver::OptionType::string,
         .default_value = "streamweaver-state",
         .description = "Directory of the file remembering the position in each file across "
                        "restarts (relative to the working directory); \"\" remembers nothing"},
        {.name = "poll_interval_ms", .type = streamweaver::OptionType::integer, .default_value = 250,
         .description = "When there is nothing to read, how often to look for new lines, "
                        "rotation, truncation and new files, in [1, 60000]"},
        {.name = "max_line_bytes", .type = streamweaver::OptionType::integer, .default_value = 524288,
         .description = "A longer line gives a record of its first max_line_bytes with "
                        "parse_error; the rest is skipped (the default keeps records under "
                        "Kafka's default message.max.bytes)"},
    },
    .display = {.title = "Log lines",
                .chart = {{"bytes", "B"}},
                .breakdown = "status",
                .text = "line",
                .hide = {"file", "offset"}},
})
