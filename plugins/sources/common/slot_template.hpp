#pragma once
// A text with named {slots}, split once at start-up so rendering a record is plain appends:
// "Loving {thing} in {place}" with slots {"thing", "place"} renders through a callback that
// appends the value of slot 0 or 1.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace streamweaver::sources {

class SlotTemplate {
 public:
  SlotTemplate(std::string_view text, const std::vector<std::string_view>& slot_names) {
    while (!text.empty()) {
      auto open = text.find('{');
      if (open == std::string_view::npos) {
        pieces_.push_back({std::string(text), kNoSlot});
        break;
      }
      auto close = text.find('}', open);
      if (close == std::string_view::npos)
        throw std::invalid_argument("unclosed '{' in template: " + std::string(text));
      pieces_.push_back({std::string(text.substr(0, open)),
                         slot_index(text.substr(open + 1, close - open - 1), slot_names)});
      text.remove_prefix(close + 1);
    }
  }

  // fill(std::string& out, std::size_t slot) appends the value for that slot.
  template <class Fill>
  void render(std::string& out, Fill&& fill) const {
    for (const auto& piece : pieces_) {
      out += piece.literal;
      if (piece.slot != kNoSlot) fill(out, piece.slot);
    }
  }

 private:
  static constexpr std::size_t kNoSlot = static_cast<std::size_t>(-1);

  static std::size_t slot_index(std::string_view name, const std::vector<std::string_view>& names) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return i;
    throw std::invalid_argument("unknown template slot {" + std::string(name) + "}");
  }

  struct Piece {
    std::string literal;  // text before the slot
    std::size_t slot;     // kNoSlot for the trailing text
  };
  std::vector<Piece> pieces_;
};

}  // namespace streamweaver::sources
