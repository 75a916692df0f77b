#include "cli/commands.hpp"
#include "runtime/run_host.hpp"

namespace streamweaver::cli {

int run_command(const std::string& config_file, bool watch) { return runtime::run_host(config_file, watch); }

}  // namespace streamweaver::cli
