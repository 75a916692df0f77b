#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

namespace streamweaver {

inline std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// ISO-8601 UTC with microseconds, e.g. 2026-11-22T08:30:00.123456Z.
inline std::string iso8601_utc(std::int64_t micros_since_epoch) {
  std::time_t seconds = static_cast<std::time_t>(micros_since_epoch / 1'000'000);
  long micros = static_cast<long>(micros_since_epoch % 1'000'000);
  if (micros < 0) {
    micros += 1'000'000;
    --seconds;
  }
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];  // roomy enough that the compiler can prove no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micros);
  return buf;
}

}  // namespace streamweaver
