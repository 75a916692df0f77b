#pragma once
// A record nested thousands of levels deep parses fine (nlohmann's parser is iterative) but
// would overflow the stack in anything recursive done with it afterwards (copies, dumps,
// transforms). Checked on the raw text, before parsing.
#include <string_view>

namespace streamweaver {

inline constexpr int kMaxJsonDepth = 256;

// Whether `json` opens more than `limit` arrays or objects inside one another; brackets in
// strings do not count.
bool nests_deeper_than(std::string_view json, int limit);

}  // namespace streamweaver
