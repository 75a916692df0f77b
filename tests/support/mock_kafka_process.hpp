#pragma once
// The mock_kafka helper program (a Kafka cluster in a process of its own) and its commands:
// for tests that take Kafka away from a host running in another process.
#include <sys/types.h>

#include <cstdio>
#include <string>

namespace streamweaver::test_support {

class MockKafkaProcess {
 public:
  explicit MockKafkaProcess(int brokers = 1);
  ~MockKafkaProcess();  // ends it
  MockKafkaProcess(const MockKafkaProcess&) = delete;
  MockKafkaProcess& operator=(const MockKafkaProcess&) = delete;

  const std::string& bootstrap() const { return bootstrap_; }
  void create_topic(const std::string& name, int partitions);
  void down(const std::string& which = "all");
  void up(const std::string& which = "all");

 private:
  // Sends one command line and returns once it answered "ok"; throws with its error.
  void command(const std::string& line);
  std::string read_line();

  pid_t pid_ = -1;
  FILE* to_ = nullptr;
  FILE* from_ = nullptr;
  std::string bootstrap_;
};

}  // namespace streamweaver::test_support
