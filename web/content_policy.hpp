#pragma once
// The Content-Security-Policy of the dashboard's pages: nothing may load or run but the
// page's own <style> blocks, each allowed by its SHA-256 (no 'unsafe-inline'), images only
// from the hub or data:, forms only to the hub, no framing.
//
// Pure; safe from any thread.

#include <string>
#include <string_view>

namespace loaxa::web {

// The policy for `html`: a 'sha256-…' source for each of its <style>…</style> blocks. The
// pages escape every text they show (web_text.hpp), so a "<style>" in them is their own.
std::string content_security_policy(std::string_view html);

}  // namespace loaxa::web
