#include <iostream>

#include "cli/commands.hpp"
#include "cli/host_setup.hpp"

namespace streamweaver::cli {

int tap_command(const TapOptions&) {
  std::cerr << "tap: not implemented yet\n";
  return kExitFailure;
}

}  // namespace streamweaver::cli
