#include "support/spawn.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <stdexcept>
#include <string_view>

extern char** environ;

namespace streamweaver::test_support {
namespace {

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

std::vector<std::string> child_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e)
    if (!std::string_view(*e).starts_with("KAFKA_BOOTSTRAP_SERVERS=")) env.emplace_back(*e);
  return env;
}

Spawned spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
              bool with_input) {
  auto args_copy = args;
  auto env_copy = env;
  auto argv = c_strings(args_copy);
  auto envp = c_strings(env_copy);
  int out[2];
  int in[2] = {-1, -1};
  if (pipe(out) != 0 || (with_input && pipe(in) != 0)) throw std::runtime_error("pipe failed");
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {  // the child: only async-signal-safe calls until exec
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(out[1], STDOUT_FILENO);
    dup2(out[1], STDERR_FILENO);
    if (with_input) dup2(in[0], STDIN_FILENO);
    for (int fd : {out[0], out[1], in[0], in[1]})
      if (fd >= 0) close(fd);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(out[1]);
  if (with_input) close(in[0]);
  return {.pid = pid, .output = out[0], .input = in[1]};
}

}  // namespace streamweaver::test_support
