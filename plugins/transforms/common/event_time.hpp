#pragma once
// Event time: the record's own timestamp, so windows follow the data and tests need no
// clock. A record without one (timestamp_ms == 0) happens "now".
#include <cstdint>
#include <string>

#include <streamweaver/record.hpp>
#include <streamweaver/time.hpp>

namespace streamweaver::transforms {

inline std::int64_t event_time_ms(const Record& record) {
  return record.timestamp_ms != 0 ? record.timestamp_ms : now_ms();
}

inline std::string iso8601_from_ms(std::int64_t ms) { return iso8601_utc(ms * 1000); }

}  // namespace streamweaver::transforms
