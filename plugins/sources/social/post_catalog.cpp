#include "post_catalog.hpp"

#include <array>

namespace streamweaver::sources::social {
namespace {

// Tone drives the published sentiment, so a clearly happy text scores high and an angry one
// low. English templates with "love" are all positive and those with "hate" all negative
// (the tests rely on it).
constexpr std::array kTemplates{
    PostTemplate{"en", 0.9, "Honestly {thing} made my whole week. I love it!"},
    PostTemplate{"en", 0.8, "I love how {thing} just works after the last update"},
    PostTemplate{"en", 0.7, "Great meetup in {place} tonight, so much energy in the room"},
    PostTemplate{"en", 0.6, "Just shipped our first feature built on {thing}. Smooth ride"},
    PostTemplate{"en", 0.4, "Coffee in {place} before a long day of {thing} work, not bad"},
    PostTemplate{"en", 0.1, "Reading the {thing} release notes over lunch"},
    PostTemplate{"en", 0.0, "Anyone in {place} going to the {thing} meetup next month?"},
    PostTemplate{"en", 0.0, "Thread: what we learned moving a service to {thing}"},
    PostTemplate{"en", -0.3, "Not sure {thing} is worth the hype yet"},
    PostTemplate{"en", -0.5, "Third day stuck on a {thing} bug. Send coffee"},
    PostTemplate{"en", -0.7, "Flight to {place} delayed again. Why is travel always this hard"},
    PostTemplate{"en", -0.8, "I hate it when {thing} breaks right before a demo"},
    PostTemplate{"en", -0.9, "Worst outage of the year and it was {thing} again. I hate on-call"},
    PostTemplate{"es", 0.8, "¡Me encanta {thing}! Por fin algo que funciona"},
    PostTemplate{"es", 0.6, "Qué buen ambiente hoy en {place}"},
    PostTemplate{"es", 0.0, "¿Alguien ha probado {thing} en producción?"},
    PostTemplate{"es", -0.7, "Otra vez caído {thing}. Qué desastre"},
    PostTemplate{"pt", 0.8, "Adorei o evento em {place}, que energia!"},
    PostTemplate{"pt", 0.0, "Alguém usando {thing} no trabalho?"},
    PostTemplate{"pt", -0.6, "Mais um dia brigando com {thing}. Cansado"},
    PostTemplate{"de", 0.7, "{thing} ist einfach großartig, endlich läuft alles"},
    PostTemplate{"de", 0.0, "Wer ist nächste Woche in {place}?"},
    PostTemplate{"de", -0.7, "Schon wieder Probleme mit {thing}. Furchtbar"},
    PostTemplate{"fr", 0.8, "Superbe journée à {place}, j'adore cette ville"},
    PostTemplate{"fr", 0.0, "Quelqu'un a déjà testé {thing} en prod ?"},
    PostTemplate{"fr", -0.6, "Encore une panne de {thing}, quelle galère"},
};

constexpr std::array<std::string_view, 12> kThings{
    "Kafka",  "Rust",   "Postgres", "Kubernetes", "Neovim",     "Figma",
    "Docker", "Linux",  "Spotify",  "Steam Deck", "GitHub Actions", "Terraform"};

constexpr std::array<std::string_view, 12> kPlaces{
    "Berlin",  "Lisbon", "Tokyo", "Austin",    "Barcelona", "Toronto",
    "Nairobi", "Seoul",  "Paris", "São Paulo", "Melbourne", "Mexico City"};

}  // namespace

std::span<const PostTemplate> post_templates() { return kTemplates; }

const std::vector<std::string_view>& slot_names() {
  static const std::vector<std::string_view> names{"thing", "place"};
  return names;
}

std::span<const std::string_view> slot_words(std::size_t slot) {
  return slot == 0 ? std::span<const std::string_view>(kThings) : kPlaces;
}

}  // namespace streamweaver::sources::social
