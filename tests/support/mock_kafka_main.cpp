// mock_kafka: librdkafka's mock cluster in a process of its own, driven over stdin, so that a
// test can take Kafka away from a host running in another process.
//
//   mock_kafka [BROKERS]          prints "bootstrap HOST:PORT,..." then answers each command:
//   topic NAME PARTITIONS         -> ok
//   down ID|all  /  up ID|all     -> ok      (broker ids are 1..BROKERS)
//   rtt ID|all MS                 -> ok
// and "error <why>" for anything it cannot do. It exits at the end of its input.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "kafka/embedded_broker.hpp"

using streamweaver::kafka::EmbeddedBroker;

namespace {

// Runs `action` for broker `which` ("all" or an id).
template <class Action>
void for_brokers(const EmbeddedBroker& broker, const std::string& which, Action action) {
  if (which == "all")
    for (int id = 1; id <= broker.broker_count(); ++id) action(id);
  else
    action(std::stoi(which));
}

void answer(EmbeddedBroker& broker, const std::string& line) {
  std::istringstream in(line);
  std::string command, which;
  in >> command;
  if (command == "topic") {
    std::string name;
    int partitions = 1;
    in >> name >> partitions;
    broker.create_topic(name, partitions);
  } else if (command == "down" || command == "up") {
    in >> which;
    for_brokers(broker, which, [&](int id) { command == "down" ? broker.set_down(id) : broker.set_up(id); });
  } else if (command == "rtt") {
    int ms = 0;
    in >> which >> ms;
    for_brokers(broker, which, [&](int id) { broker.set_round_trip(id, std::chrono::milliseconds(ms)); });
  } else {
    throw std::invalid_argument("unknown command '" + command + "'");
  }
}

}  // namespace

int main(int argc, char** argv) {
  EmbeddedBroker broker(argc > 1 ? std::atoi(argv[1]) : 1);
  std::cout << "bootstrap " << broker.bootstrap_servers() << std::endl;
  for (std::string line; std::getline(std::cin, line);) {
    try {
      answer(broker, line);
      std::cout << "ok" << std::endl;
    } catch (const std::exception& e) {
      std::cout << "error " << e.what() << std::endl;
    }
  }
  return 0;
}
