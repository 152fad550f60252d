#include "common/i18n.hpp"

#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <stdexcept>

namespace loaxa {
namespace {

constexpr const char* kDomain = "loaxa";
Language g_language = Language::vi;
// A web page's reader may want the other language than the process's (LanguageScope).
thread_local std::optional<Language> t_language;

bool starts_with_en(const char* value) {
  return value != nullptr && std::strncmp(value, "en", 2) == 0 &&
         (value[2] == '\0' || value[2] == '_' || value[2] == '.');
}

// The first non-empty of LC_ALL, LC_MESSAGES, LANG, as POSIX orders them.
const char* environment_locale() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return value;
  }
  return nullptr;
}

// Catalogues live in ../share/locale beside the binary, both in the build tree and when
// installed, so the program needs no absolute path baked in. LOAXA_LOCALEDIR overrides.
std::string locale_dir() {
  if (const char* dir = std::getenv("LOAXA_LOCALEDIR"); dir != nullptr && *dir != '\0') return dir;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "/usr/share/locale";
  return (exe.parent_path().parent_path() / "share" / "locale").string();
}

}  // namespace

Language select_language(std::optional<std::string> requested) {
  if (requested) {
    if (*requested == "vi")
      g_language = Language::vi;
    else if (*requested == "en")
      g_language = Language::en;
    else
      throw std::invalid_argument(*requested);
  } else {
    g_language = starts_with_en(environment_locale()) ? Language::en : Language::vi;
  }

  std::setlocale(LC_ALL, "");
  // Numbers in files, JSON and tables always use a decimal point.
  std::setlocale(LC_NUMERIC, "C");
  // gettext ignores LANGUAGE under the plain C locale; C.UTF-8 always exists on Debian.
  const char* messages = std::setlocale(LC_MESSAGES, nullptr);
  if (messages == nullptr || std::strcmp(messages, "C") == 0 || std::strcmp(messages, "POSIX") == 0) {
    std::setlocale(LC_MESSAGES, "C.UTF-8");
  }
  // The system's own messages (strerror) follow LANGUAGE too, so it names the process's
  // language. A LanguageScope asking for English needs no catalogue (tr() returns the
  // msgid); one asking for Vietnamese in an English process gets English: gettext reads
  // LANGUAGE for the whole process.
  ::setenv("LANGUAGE", g_language == Language::vi ? "vi" : "en", 1);
  bindtextdomain(kDomain, locale_dir().c_str());
  bind_textdomain_codeset(kDomain, "UTF-8");
  return g_language;
}

const char* tr(const char* msgid) noexcept {
  if (t_language.value_or(g_language) == Language::en) return msgid;
  return dgettext(kDomain, msgid);
}

Language current_language() noexcept {
  return t_language.value_or(g_language);
}

LanguageScope::LanguageScope(Language language) : previous_(t_language) {
  t_language = language;
}

LanguageScope::~LanguageScope() {
  t_language = previous_;
}

std::optional<std::string> language_option(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) break;
    if (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc) return std::string(argv[i + 1]);
    if (std::strncmp(argv[i], "--lang=", 7) == 0) return std::string(argv[i] + 7);
  }
  return std::nullopt;
}

bool select_language_or_say(const std::optional<std::string>& requested, std::ostream& err) {
  try {
    select_language(requested);
    return true;
  } catch (const std::invalid_argument&) {
    select_language(std::nullopt);
    err << trf("Unknown language '{}': use --lang vi or --lang en.", requested.value_or("")) << '\n';
    return false;
  }
}

}  // namespace loaxa
