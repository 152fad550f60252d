#include "cli/parse_errors.hpp"

#include "common/i18n.hpp"

namespace loaxa::cli {

std::string describe(const CLI::ParseError& error) {
  const std::string name = error.get_name();
  const std::string detail = error.what();
  if (name == "RequiredError") return trf("Something required is missing: {}", detail);
  if (name == "ExtrasError") return trf("Unexpected arguments: {}", detail);
  if (name == "ConversionError" || name == "ValidationError") return trf("Invalid value: {}", detail);
  if (name == "ArgumentMismatch") return trf("Wrong number of values: {}", detail);
  if (name == "ExcludesError") return trf("These options cannot be used together: {}", detail);
  if (name == "RequiresError") return trf("This option needs another one: {}", detail);
  return trf("Invalid command: {}", detail);
}

}  // namespace loaxa::cli
