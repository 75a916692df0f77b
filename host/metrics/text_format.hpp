#pragma once
// Pieces of the Prometheus text exposition format (version 0.0.4).

#include <string>
#include <string_view>

#include "metrics/labels.hpp"

namespace streamweaver::metrics::text_format {

std::string escape_help(std::string_view help);          // \ and newline
std::string escape_label_value(std::string_view value);  // \, " and newline
std::string format_number(double v);                     // shortest round-trip; +Inf, -Inf, NaN

// `{a="x",b="y"}` with an optional extra label appended last (histogram "le");
// empty string when there is nothing to print.
std::string format_labels(const Labels& labels, std::string_view extra_name = {},
                          std::string_view extra_value = {});

}  // namespace streamweaver::metrics::text_format
