#include "cli/commands.hpp"

int main(int argc, char** argv) { return streamweaver::cli::main(argc, argv); }
