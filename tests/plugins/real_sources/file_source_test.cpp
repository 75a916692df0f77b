// The file source follows files as tail -F does; every check reads the topic back with a
// consumer of its own.
#include <gtest/gtest.h>

#include <filesystem>

#include <streamweaver/testkit.hpp>

#include "source_harness.hpp"

using namespace real_sources;
namespace fs = std::filesystem;

namespace {

std::string file_table(const TempDir& dir, const std::string& extra = "") {
  return "[sources.src.options]\npaths = [\"" + (dir / "*.log").string() + "\"]\nstart_at = \"beginning\"\n"
         "state_dir = \"" + (dir / "state").string() + "\"\npoll_interval_ms = 10\n" + extra;
}

std::vector<std::string> lines_of(const std::vector<nlohmann::json>& records) {
  std::vector<std::string> lines;
  for (const auto& r : records) lines.push_back(r.at("line").get<std::string>());
  return lines;
}

struct FileSourceTest : ::testing::Test {
  FileSourceTest() { broker.create_topic("out", 1); }
  streamweaver::kafka::EmbeddedBroker broker;
  TempDir dir;
};

}  // namespace

TEST_F(FileSourceTest, FollowsAppendsPartialLinesRotationAndTruncation) {
  auto log = dir / "app.log";
  append(log, "one\ntwo\n");
  OneSource source(broker, "file", file_table(dir));
  ASSERT_TRUE(eventually([&] { return source.delivered() == 2; }, 10s)) << source.health().dump();

  append(log, "thr");  // a line still being written
  append(log, "ee\n");
  ASSERT_TRUE(eventually([&] { return source.delivered() == 3; }, 10s)) << source.health().dump();

  // Rotation: renamed (its name no longer matches *.log), written once more, then a new file.
  fs::rename(log, dir / "app.log.1");
  append(dir / "app.log.1", "late\n");
  append(log, "fresh\n");
  ASSERT_TRUE(eventually([&] { return source.delivered() == 5; }, 10s)) << source.health().dump();
  EXPECT_TRUE(eventually([&] { return source.figure("rotations") == 1; }, 5s)) << source.health().dump();

  // Truncation: the file is emptied, the source notices, then new lines come.
  fs::resize_file(log, 0);
  ASSERT_TRUE(eventually([&] { return source.figure("truncations") == 1; }, 10s)) << source.health().dump();
  append(log, "after truncation\n");
  ASSERT_TRUE(eventually([&] { return source.delivered() == 6; }, 10s)) << source.health().dump();
  ASSERT_EQ(source.stop(), 0);

  auto records = read_out(broker, 6);
  EXPECT_EQ(lines_of(records), (std::vector<std::string>{"one", "two", "three", "late", "fresh", "after truncation"}));
  EXPECT_EQ(records[1]["offset"], 4);  // where "two" starts
  EXPECT_EQ(records[2]["offset"], 8);
  EXPECT_EQ(records[4]["offset"], 0);  // first line of the new file
  EXPECT_EQ(records[4]["file"], log.string());
}

// The source reads its files in turn. Once a second line of other.log has come through, it
// has read app.log since "thr" was written there, so a source that sent partial lines
// would have sent it by then.
TEST_F(FileSourceTest, ALineStillBeingWrittenWaitsUntilItIsWhole) {
  auto log = dir / "app.log", other = dir / "other.log";
  append(log, "one\n");
  append(other, "");
  OneSource source(broker, "file", file_table(dir));
  ASSERT_TRUE(eventually([&] { return source.delivered() == 1; }, 10s)) << source.health().dump();

  append(log, "thr");
  append(other, "a\n");
  ASSERT_TRUE(eventually([&] { return source.delivered() == 2; }, 10s)) << source.health().dump();
  append(other, "b\n");
  ASSERT_TRUE(eventually([&] { return source.delivered() == 3; }, 10s)) << source.health().dump();
  append(log, "ee\n");
  ASSERT_TRUE(eventually([&] { return source.delivered() == 4; }, 10s)) << source.health().dump();
  ASSERT_EQ(source.stop(), 0);

  EXPECT_EQ(lines_of(read_out(broker, 4)), (std::vector<std::string>{"one", "a", "b", "three"}));
}

TEST_F(FileSourceTest, RestartResumesAtTheRememberedOffset) {
  auto log = dir / "app.log";
  append(log, "1\n2\n3\n");
  {
    OneSource source(broker, "file", file_table(dir));
    ASSERT_TRUE(eventually([&] { return source.delivered() == 3; }, 10s)) << source.health().dump();
    ASSERT_EQ(source.stop(), 0);
  }
  append(log, "4\n5\n");  // while nothing follows the file
  OneSource again(broker, "file", file_table(dir));
  ASSERT_TRUE(eventually([&] { return again.delivered() == 2; }, 10s)) << again.health().dump();
  append(log, "6\n");
  ASSERT_TRUE(eventually([&] { return again.delivered() == 3; }, 10s)) << again.health().dump();
  ASSERT_EQ(again.stop(), 0);
  EXPECT_EQ(lines_of(read_out(broker, 6)), (std::vector<std::string>{"1", "2", "3", "4", "5", "6"}));
  EXPECT_EQ(streamweaver::test_support::topic_size(broker.bootstrap_servers(), "out"), 6) << "a line read twice";
}

TEST_F(FileSourceTest, LinesKafkaDidNotTakeAreReadAgainAfterARestart) {
  auto log = dir / "app.log";
  append(log, "1\n");
  {
    OneSource source(broker, "file", file_table(dir));
    ASSERT_TRUE(eventually([&] { return source.delivered() == 1; }, 10s)) << source.health().dump();
    broker.set_down(1);
    append(log, "2\n3\n");
    ASSERT_TRUE(eventually([&] { return source.health()["produced"] == 3; }, 10s)) << source.health().dump();
    EXPECT_EQ(source.stop(), 2) << "both lines should be left undelivered";
  }
  broker.set_up(1);
  OneSource again(broker, "file", file_table(dir));
  ASSERT_TRUE(eventually([&] { return again.delivered() == 2; }, 20s)) << again.health().dump();
  ASSERT_EQ(again.stop(), 0);
  EXPECT_EQ(lines_of(read_out(broker, 3)), (std::vector<std::string>{"1", "2", "3"}));
}

TEST_F(FileSourceTest, StartsAtTheEndByDefault) {
  auto log = dir / "app.log";
  append(log, "old\n");
  OneSource source(broker, "file",
                   "[sources.src.options]\npaths = [\"" + log.string() + "\"]\nstate_dir = \"\"\npoll_interval_ms = 10\n");
  ASSERT_TRUE(eventually([&] { return source.health()["state"] == "idle"; }, 10s)) << source.health().dump();
  append(log, "new\n");
  ASSERT_TRUE(eventually([&] { return source.delivered() == 1; }, 10s)) << source.health().dump();
  ASSERT_EQ(source.stop(), 0);
  EXPECT_EQ(lines_of(read_out(broker, 1)), std::vector<std::string>{"new"});
}

TEST_F(FileSourceTest, NginxLinesBecomeFieldsAndAnUnparseableLineIsKept) {
  append(dir / "access.log",
         "203.0.113.7 - - [10/Oct/2023:13:55:36 +0000] \"GET /api/items?id=3 HTTP/1.1\" 200 2326 "
         "\"https://shop.example/\" \"Mozilla/5.0 (X11; Linux x86_64) Firefox/118.0\"\n"
         "198.51.100.23 - alice [10/Oct/2023:13:55:37 +0200] \"POST /login HTTP/2.0\" 502 - \"-\" \"curl/8.4.0\"\n"
         "this is not an access log line\n");
  OneSource source(broker, "file", "key = \"client_ip\"\n" + file_table(dir, "format = \"nginx_combined\"\n"));
  ASSERT_TRUE(eventually([&] { return source.delivered() == 3; }, 10s)) << source.health().dump();
  EXPECT_TRUE(eventually([&] { return source.figure("parse_errors") == 1; }, 5s)) << source.health().dump();
  ASSERT_EQ(source.stop(), 0);
  auto records = read_out(broker, 3);
  ASSERT_EQ(records.size(), 3u);
  auto first = records[0];
  EXPECT_EQ(first["client_ip"], "203.0.113.7");
  EXPECT_EQ(first["_key"], "203.0.113.7");
  EXPECT_EQ(first["method"], "GET");
  EXPECT_EQ(first["path"], "/api/items?id=3");
  EXPECT_EQ(first["protocol"], "HTTP/1.1");
  EXPECT_EQ(first["status"], 200);
  EXPECT_EQ(first["bytes"], 2326);
  EXPECT_EQ(first["referrer"], "https://shop.example/");
  EXPECT_EQ(first["user_agent"], "Mozilla/5.0 (X11; Linux x86_64) Firefox/118.0");
  EXPECT_EQ(first["time"], "10/Oct/2023:13:55:36 +0000");
  EXPECT_EQ(first["offset"], 0);
  EXPECT_EQ(records[1]["status"], 502);
  EXPECT_EQ(records[1]["bytes"], 0);  // "-"
  EXPECT_EQ(records[2]["line"], "this is not an access log line");
  EXPECT_EQ(records[2]["parse_error"], "expected the time starting with [ at byte 12");
  EXPECT_FALSE(records[2].contains("status"));
}

TEST_F(FileSourceTest, RegexNamedGroupsBecomeFields) {
  append(dir / "app.log",
         "2024-05-01T10:00:00Z ERROR [payments] card declined for order 1234\n"
         "2024-05-01T10:00:01Z INFO [search] 12 results\n"
         "garbage\n");
  OneSource source(broker, "file",
                   file_table(dir, "format = \"regex\"\npattern = '^(?<time>\\S+) (?<level>[A-Z]+) \\[(?<component>[^]]+)\\] (?<message>.*)$'\n"));
  ASSERT_TRUE(eventually([&] { return source.delivered() == 3; }, 10s)) << source.health().dump();
  ASSERT_EQ(source.stop(), 0);
  auto records = read_out(broker, 3);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0]["level"], "ERROR");
  EXPECT_EQ(records[0]["component"], "payments");
  EXPECT_EQ(records[0]["message"], "card declined for order 1234");
  EXPECT_EQ(records[1]["level"], "INFO");
  EXPECT_EQ(records[2]["parse_error"], "the line does not match the pattern");
  EXPECT_EQ(records[2]["line"], "garbage");
}

TEST_F(FileSourceTest, JsonLinesKeepTheirFieldsAndOtherLinesSayWhy) {
  append(dir / "events.log", "{\"level\":\"warn\",\"n\":1}\n[1,2]\n{\"level\":\n");
  OneSource source(broker, "file", file_table(dir, "format = \"json\"\n"));
  ASSERT_TRUE(eventually([&] { return source.delivered() == 3; }, 10s)) << source.health().dump();
  ASSERT_EQ(source.stop(), 0);
  auto records = read_out(broker, 3);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0]["level"], "warn");
  EXPECT_EQ(records[0]["n"], 1);
  EXPECT_EQ(records[0]["file"], (dir / "events.log").string());
  EXPECT_EQ(records[1]["parse_error"], "a JSON array, not an object");
  EXPECT_EQ(records[1]["offset"], 23);  // after the 22 bytes and newline of the first line
  EXPECT_NE(records[2]["parse_error"].get<std::string>().find("parse error at line 1, column 10"), std::string::npos)
      << records[2].dump();
  EXPECT_EQ(records[2]["line"], "{\"level\":");
}

TEST(FileSourceOptions, MistakesAreRefusedAtCheckTime) {
  auto plugin = streamweaver::testkit::load(FILE_PLUGIN_PATH);
  auto refusal = [&](nlohmann::json options) {
    try {
      plugin.make_source(std::move(options));
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refusal({{"paths", {"/x"}}, {"format", "xml"}}),
            "file: option 'format' must be one of json, nginx_combined, apache_combined, regex, plain; got 'xml'");
  EXPECT_EQ(refusal({{"paths", {"/x"}}, {"format", "regex"}}),
            "file: option 'pattern' is required when format = \"regex\"");
  EXPECT_EQ(refusal({{"paths", {"/x"}}, {"format", "regex"}, {"pattern", "(?<a>x"}}).rfind(
                "file: option 'pattern' is not a valid regular expression at position", 0),
            0u);
  EXPECT_EQ(refusal({{"paths", {"/x"}}, {"format", "regex"}, {"pattern", "(x)"}}),
            "file: option 'pattern' has no named group, e.g. (?<level>\\w+): named groups become the fields");
  EXPECT_EQ(refusal({{"paths", {"/x"}}, {"start_at", "middle"}}),
            "file: option 'start_at' must be \"end\" or \"beginning\", got 'middle'");
  EXPECT_EQ(refusal(nlohmann::json::object()), "missing required option 'paths'");
}
