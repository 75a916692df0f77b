#pragma once
// Wall-clock event time for records. Timestamps are real "now" on purpose (consumers window
// on them), so they are the one thing a `seed` does not reproduce.
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <streamweaver/time.hpp>

namespace streamweaver::sources {

struct EventTime {
  std::int64_t ms;       // for Record::timestamp_ms
  std::string_view iso;  // ISO-8601 UTC with microseconds, for the record's `timestamp`
                         // field; valid until the clock's next now()
};

class EventClock {
 public:
  EventTime now() {
    using namespace std::chrono;
    auto micros = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
    auto second = floor_div(micros, 1'000'000);
    // The date and time of day change once a second: format them then, patch the digits after.
    if (second != cached_second_) {
      cached_ = iso8601_utc(second * 1'000'000);
      cached_second_ = second;
    }
    auto fraction = micros - second * 1'000'000;
    char* digit = cached_.data() + cached_.size() - 2;  // last digit, before the 'Z'
    for (int i = 0; i < 6; ++i, fraction /= 10) *digit-- = static_cast<char>('0' + fraction % 10);
    return {floor_div(micros, 1000), cached_};
  }

 private:
  static std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
    auto quotient = value / divisor;
    return (value % divisor < 0) ? quotient - 1 : quotient;
  }

  std::int64_t cached_second_ = std::numeric_limits<std::int64_t>::min();
  std::string cached_;
};

}  // namespace streamweaver::sources
