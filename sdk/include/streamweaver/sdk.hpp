#pragma once
// Everything a plugin author needs.
#include "streamweaver/delivery.hpp"
#include "streamweaver/display.hpp"
#include "streamweaver/json_writer.hpp"
#include "streamweaver/option_checks.hpp"
#include "streamweaver/options.hpp"
#include "streamweaver/plugin.hpp"
#include "streamweaver/record.hpp"
#include "streamweaver/source.hpp"
#include "streamweaver/status.hpp"
#include "streamweaver/time.hpp"
#include "streamweaver/transform.hpp"
#include "streamweaver/version.hpp"
