#pragma once
// How the CLI words a failure to reach loaxad (the control client's errors), shared by the
// commands that need the daemon and by `loaxa status`, which only reports it.

#include "control/client.hpp"

#include <chrono>
#include <string>

namespace loaxa::cli {

std::string client_failure_text(const control::ClientError& e, std::chrono::milliseconds timeout);

}  // namespace loaxa::cli
