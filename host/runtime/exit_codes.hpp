#pragma once
// The exit codes of the streamweaver command, as the README documents them.

namespace streamweaver::runtime {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;      // could not start, or a command failed
inline constexpr int kExitConfigError = 2;  // the pipeline file or a plugin option is wrong
inline constexpr int kExitUndelivered = 3;  // stopped with records Kafka had not taken

}  // namespace streamweaver::runtime
