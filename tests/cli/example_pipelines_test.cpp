// An example pipeline as a user runs it: config/examples/nginx_access_log.toml on a log file
// of the test's own (NGINX_ACCESS_LOG, as its header says), in the real binary. Lines
// appended to the log reach a WebSocket client parsed, and the bridge lists both topics.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/host_process.hpp"
#include "support/running_pipeline.hpp"
#include "test_client.hpp"

namespace streamweaver::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

const std::string kLine =
    R"(203.0.113.7 - - [30/Nov/2026:10:00:00 +0000] "GET /api/orders?id=7 HTTP/1.1" 200 512 "-" "curl/8.0")";

std::string read_file(const fs::path& path) {
  std::ostringstream text;
  text << std::ifstream(path).rdbuf();
  return text.str();
}

void replace(std::string& text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << "the example no longer says " << from;
  text.replace(at, from.size(), to);
}

TEST(ExamplePipelines, NginxAccessLogStreamsParsedLinesToTheDashboard) {
  auto dir = fs::temp_directory_path() / ("streamweaver-example-" + std::to_string(getpid()));
  fs::create_directories(dir);
  auto log = dir / "access.log";
  std::ofstream(log).flush();  // nginx has the file before anything reads it

  // The example as shipped, but on a free port and with its state in the test's folder.
  auto pipeline = read_file(EXAMPLES_DIR "/nginx_access_log.toml");
  replace(pipeline, R"(listen = "127.0.0.1:8080")", R"(listen = "127.0.0.1:0")");
  replace(pipeline, R"(state_dir = "streamweaver-state")", "state_dir = \"" + (dir / "state").string() + "\"");
  setenv("NGINX_ACCESS_LOG", log.c_str(), 1);  // the child inherits it
  test_support::HostProcess host(STREAMWEAVER_BIN, pipeline, 60s);
  unsetenv("NGINX_ACCESS_LOG");

  test::WsClient client(host.port(), "/ws?topics=nginx_access");
  std::vector<std::string> bridged;
  for (const auto& topic : client.topics_on_connect()["topics"]) bridged.push_back(topic["name"]);
  EXPECT_EQ(bridged, (std::vector<std::string>{"nginx_access", "nginx_alerts"}));
  ASSERT_EQ(client.read_json()["op"], "subscribed");

  // The source starts at the end of the file, once it follows it; /health counts the files.
  auto following = [&] {
    auto health = nlohmann::json::parse(test::http_request(host.port(), "/health").body);
    return health["sources"]["nginx"]["figures"].value("files", 0) == 1;
  };
  ASSERT_TRUE(test_support::eventually(following, 20s)) << host.output();
  std::ofstream(log, std::ios::app) << kLine << "\n";
  auto frame = client.read_json();
  const auto& record = frame["value"];
  EXPECT_EQ(record["client_ip"], "203.0.113.7");
  EXPECT_EQ(record["method"], "GET");
  EXPECT_EQ(record["path"], "/api/orders?id=7");
  EXPECT_EQ(record["status"], 200);
  EXPECT_EQ(record["bytes"], 512);
  EXPECT_EQ(record["file"], log.string());
  EXPECT_EQ(frame["key"], "203.0.113.7");

  EXPECT_EQ(host.stop(), 0) << host.output();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace streamweaver::testing
