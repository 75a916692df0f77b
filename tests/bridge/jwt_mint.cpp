#include "jwt_mint.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <chrono>
#include <memory>
#include <stdexcept>

namespace test {

namespace {

std::string signing_input(const nlohmann::json& header, const nlohmann::json& claims) {
  return base64url(header.dump()) + "." + base64url(claims.dump());
}

std::string pem_of(EVP_PKEY* key, bool private_key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  int ok = private_key ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                       : PEM_write_bio_PUBKEY(bio.get(), key);
  if (!ok) throw std::runtime_error("PEM_write failed");
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

std::string base64url(const std::string& bytes) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    value = (value << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += table[(value >> bits) & 63];
    }
  }
  if (bits > 0) out += table[(value << (6 - bits)) & 63];
  return out;
}

std::string mint_hs256(const nlohmann::json& claims, const std::string& secret) {
  auto input = signing_input({{"alg", "HS256"}, {"typ", "JWT"}}, claims);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &size);
  return input + "." + base64url(std::string(reinterpret_cast<char*>(mac), size));
}

std::string mint_none(const nlohmann::json& claims) {
  return signing_input({{"alg", "none"}, {"typ", "JWT"}}, claims) + ".";
}

RsaKeyPair::RsaKeyPair() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
  if (!key) throw std::runtime_error("EVP_RSA_gen failed");
  private_pem = pem_of(key.get(), true);
  public_pem = pem_of(key.get(), false);
}

std::string mint_rs256(const nlohmann::json& claims, const RsaKeyPair& pair) {
  auto input = signing_input({{"alg", "RS256"}, {"typ", "JWT"}}, claims);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pair.private_pem.data(), static_cast<int>(pair.private_pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t size = 0;
  if (!key || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size()) != 1)
    throw std::runtime_error("RS256 signing failed");
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
    throw std::runtime_error("RS256 signing failed");
  signature.resize(size);
  return input + "." + base64url(signature);
}

long long epoch_s(long long delta_s) {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
             .count() +
         delta_s;
}

}  // namespace test
