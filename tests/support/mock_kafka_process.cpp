#include "support/mock_kafka_process.hpp"

#include <sys/wait.h>

#include <stdexcept>

#include "support/spawn.hpp"

namespace streamweaver::test_support {

MockKafkaProcess::MockKafkaProcess(int brokers) {
  auto child = spawn({MOCK_KAFKA_BIN, std::to_string(brokers)}, child_environment(), true);
  pid_ = child.pid;
  to_ = fdopen(child.input, "w");
  from_ = fdopen(child.output, "r");
  // librdkafka may log before the first line of ours.
  for (std::string line = read_line();; line = read_line())
    if (line.starts_with("bootstrap ")) {
      bootstrap_ = line.substr(10);
      break;
    }
}

MockKafkaProcess::~MockKafkaProcess() {
  std::fclose(to_);  // end of input: it exits
  std::fclose(from_);
  int status = 0;
  waitpid(pid_, &status, 0);
}

std::string MockKafkaProcess::read_line() {
  char buffer[4096];
  if (!std::fgets(buffer, sizeof buffer, from_)) throw std::runtime_error("mock_kafka ended");
  std::string line(buffer);
  if (line.ends_with('\n')) line.pop_back();
  return line;
}

void MockKafkaProcess::command(const std::string& line) {
  std::fprintf(to_, "%s\n", line.c_str());
  std::fflush(to_);
  for (std::string answer = read_line();; answer = read_line()) {
    if (answer == "ok") return;
    if (answer.starts_with("error ")) throw std::runtime_error("mock_kafka: " + line + ": " + answer.substr(6));
  }
}

void MockKafkaProcess::create_topic(const std::string& name, int partitions) {
  command("topic " + name + " " + std::to_string(partitions));
}

void MockKafkaProcess::down(const std::string& which) { command("down " + which); }
void MockKafkaProcess::up(const std::string& which) { command("up " + which); }

}  // namespace streamweaver::test_support
