#include "audio/output_error.hpp"

#include <utility>

namespace loaxa::audio {
namespace {

// what() is for developers' logs; the operator's sentence is built from the fields.
std::string technical_summary(OutputError::Kind kind, const std::string& target, const std::string& detail) {
  std::string text = std::string("output ") + to_string(kind) + ": " + target;
  if (!detail.empty()) text += " (" + detail + ")";
  return text;
}

}  // namespace

OutputError::OutputError(Kind kind, std::string target, std::string detail)
    : std::runtime_error(technical_summary(kind, target, detail)),
      kind_(kind),
      target_(std::move(target)),
      detail_(std::move(detail)) {}

const char* to_string(OutputError::Kind kind) noexcept {
  switch (kind) {
    case OutputError::Kind::bad_spec:
      return "bad_spec";
    case OutputError::Kind::not_built:
      return "not_built";
    case OutputError::Kind::bad_format:
      return "bad_format";
    case OutputError::Kind::open_failed:
      return "open_failed";
    case OutputError::Kind::already_open:
      return "already_open";
    case OutputError::Kind::not_open:
      return "not_open";
    case OutputError::Kind::bad_block:
      return "bad_block";
    case OutputError::Kind::write_failed:
      return "write_failed";
  }
  return "unknown";
}

}  // namespace loaxa::audio
