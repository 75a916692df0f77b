#pragma once
#include <string>

namespace streamweaver::runtime {

// `streamweaver run`: starts the host from a pipeline file and runs it until SIGINT or
// SIGTERM; SIGHUP, or with `watch` a change of the file, reloads it. Returns the exit code
// (exit_codes.hpp). Call it before any other thread starts: it blocks those signals.
int run_host(const std::string& config_file, bool watch);

}  // namespace streamweaver::runtime
