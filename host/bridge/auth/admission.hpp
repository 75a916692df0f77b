#pragma once
// What an admitted streaming client carries for its whole life: its connection slot
// (given back when the session ends) and its grant.

#include "bridge/auth/connection_limits.hpp"
#include "bridge/auth/grant.hpp"

namespace streamweaver::bridge::auth {

struct Admission {
  ConnectionSlot slot;
  Grant grant;
};

}  // namespace streamweaver::bridge::auth
