#pragma once
// Runs a program to completion and captures what it printed.
#include <string>
#include <vector>

namespace streamweaver::testing {

struct ChildResult {
  int exit_code = -1;  // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
};

// argv[0] is the program's path. The child inherits this process's environment.
ChildResult run_child(const std::vector<std::string>& argv);

}  // namespace streamweaver::testing
