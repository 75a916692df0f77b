// The websocket source over wss://: against a local TLS WebSocket server with a certificate
// made here, it reads with tls_verify = false and refuses the server with tls_verify = true.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <thread>

#include "source_harness.hpp"

using namespace real_sources;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = boost::beast::websocket;
using tcp = asio::ip::tcp;

namespace {

// A self-signed certificate for 127.0.0.1 with an EC key, made in memory.
void use_self_signed_certificate(asio::ssl::context& tls) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* certificate = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate), 0);
  X509_gmtime_adj(X509_getm_notAfter(certificate), 3600);
  X509_set_pubkey(certificate, key);
  X509_NAME* name = X509_get_subject_name(certificate);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(certificate, name);
  X509_sign(certificate, key, EVP_sha256());
  SSL_CTX_use_certificate(tls.native_handle(), certificate);
  SSL_CTX_use_PrivateKey(tls.native_handle(), key);
  X509_free(certificate);
  EVP_PKEY_free(key);
}

// Serves TLS WebSocket connections one after the other: each gets one trade, then is held
// until the client goes.
class TlsFeedServer {
 public:
  TlsFeedServer() {
    use_self_signed_certificate(tls_);
    acceptor_.open(tcp::v4());
    acceptor_.bind({asio::ip::make_address("127.0.0.1"), 0});
    acceptor_.listen();
    thread_ = std::thread([this] { serve(); });
  }
  ~TlsFeedServer() {
    stopping_ = true;
    asio::io_context io;
    tcp::socket poke(io);  // wakes the blocking accept
    beast::error_code ignored;
    poke.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  void serve() {
    for (;;) {
      tcp::socket socket(io_);
      beast::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) return;
      try {
        ws::stream<asio::ssl::stream<tcp::socket>> feed(std::move(socket), tls_);
        feed.next_layer().handshake(asio::ssl::stream_base::server);
        feed.accept();
        feed.text(true);
        feed.write(asio::buffer(std::string(R"({"data":[{"s":"BTC-USD","p":64000.5}]})")));
        beast::flat_buffer buffer;
        for (;;) feed.read(buffer);
      } catch (const std::exception&) {
        // handshake refused or the client went away: next connection
      }
    }
  }

  asio::io_context io_;
  asio::ssl::context tls_{asio::ssl::context::tls_server};
  tcp::acceptor acceptor_{io_};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

std::string table(std::uint16_t port, bool verify) {
  return "[sources.src.options]\nurl = \"wss://127.0.0.1:" + std::to_string(port) +
         "/\"\nrecords_path = \"data[]\"\nreconnect_min_ms = 20\ntls_verify = " + (verify ? "true" : "false") + "\n";
}

struct WebSocketTlsTest : ::testing::Test {
  WebSocketTlsTest() { broker.create_topic("out", 1); }
  streamweaver::kafka::EmbeddedBroker broker;
};

}  // namespace

TEST_F(WebSocketTlsTest, ReadsOverTlsWithoutVerification) {
  TlsFeedServer server;
  OneSource source(broker, "websocket", table(server.port(), false));
  ASSERT_TRUE(eventually([&] { return source.delivered() == 1; }, 10s)) << source.health().dump();
  ASSERT_EQ(source.stop(), 0);
  EXPECT_EQ(read_out(broker, 1).at(0)["p"], 64000.5);
}

TEST_F(WebSocketTlsTest, RefusesAnUntrustedCertificateWhenVerifying) {
  TlsFeedServer server;
  OneSource source(broker, "websocket", table(server.port(), true));
  std::string condition;
  ASSERT_TRUE(eventually([&] {
    condition = source.health().value("condition", "");
    return condition.find("certificate verify failed") != std::string::npos;
  }, 10s)) << source.health().dump();
  EXPECT_EQ(source.delivered(), 0u);
}
