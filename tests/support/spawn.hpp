#pragma once
// Starts a program as a child that dies with this process (PR_SET_PDEATHSIG), its stdout
// and stderr into one pipe and, when asked, its stdin from another.
#include <sys/types.h>

#include <string>
#include <vector>

namespace streamweaver::test_support {

struct Spawned {
  pid_t pid = -1;
  int output = -1;  // read end: the child's stdout and stderr
  int input = -1;   // write end of the child's stdin, or -1
};

// args[0] is the program's path. Throws std::runtime_error when it cannot start.
Spawned spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
              bool with_input);

// This process's environment without KAFKA_BOOTSTRAP_SERVERS: a child host must use the
// brokers its pipeline file names whatever the caller's shell says.
std::vector<std::string> child_environment();

}  // namespace streamweaver::test_support
