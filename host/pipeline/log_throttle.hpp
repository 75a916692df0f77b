#pragma once
#include <cstdint>

namespace streamweaver::pipeline {

// True for the 1st, 2nd, 4th, 8th... occurrence, so a failure that repeats for every record
// cannot flood the log while its count still shows how often it happened.
inline bool worth_logging(std::uint64_t count) { return (count & (count - 1)) == 0; }

}  // namespace streamweaver::pipeline
