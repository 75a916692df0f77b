#pragma once
// The http source's own listener (Boost.Beast): accepts connections, reads POSTs within the
// size limit, checks the bearer token, parses the body, hands the records to the Intake and
// writes its answer back, on the plugin's I/O thread.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <nlohmann/json.hpp>

#include "reply.hpp"

namespace streamweaver::sources::http {

struct ServerSettings {
  std::size_t max_body_bytes = 1 << 20;
  std::string token;  // empty: no Authorization needed
  std::chrono::milliseconds delivery_timeout{30'000};
};

// Where the records of a good POST go, on the I/O thread. An answer now (429), or nullopt
// when `reply` will give it later.
class Intake {
 public:
  virtual std::optional<Answer> take(std::vector<nlohmann::json>& records, Reply reply) = 0;
  virtual void refused(unsigned status) = 0;  // counts a 4xx answered by the server itself

 protected:
  ~Intake() = default;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens on the calling thread, so that a taken port fails here (throws
  // boost::system::system_error); accepting starts with run().
  Listener(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint, ServerSettings settings,
           Intake& intake, std::shared_ptr<Gate> gate);
  void run();
  boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

 private:
  void accept();

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  ServerSettings settings_;
  Intake& intake_;
  std::shared_ptr<Gate> gate_;
};

}  // namespace streamweaver::sources::http
