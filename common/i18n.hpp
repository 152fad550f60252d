#pragma once
// Operator messages: written in English in the source, shown in Vietnamese by default
// through gettext (domain "loaxa", catalogue po/vi.po).
//
// Call select_language() once at start-up, before any message is translated; tr() is then
// safe from any thread.

#include <fmt/format.h>

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace loaxa {

enum class Language { vi, en };

// Chooses the language: `requested` ("vi" or "en") wins; otherwise an English LANG /
// LC_ALL / LC_MESSAGES means English and anything else Vietnamese.
// Throws std::invalid_argument for a requested language other than vi or en.
Language select_language(std::optional<std::string> requested);

// The value of `--lang X` or `--lang=X` on a command line (before any `--`): read ahead of
// the option parser, since the help text must already be in that language.
std::optional<std::string> language_option(int argc, char** argv);

// select_language(requested); for a language other than vi or en, says so on `err` (in the
// default language) and returns false: the program exits 2, a mistake on the command line.
bool select_language_or_say(const std::optional<std::string>& requested, std::ostream& err);

// The language tr() answers in on this thread.
Language current_language() noexcept;

// While it lives, tr() on this thread answers in `language`: a console page in the language
// its reader picked, beside the daemon's log in its own. English always; Vietnamese when the
// process is Vietnamese (the default) — an English process has no Vietnamese catalogue
// selected and answers in English.
class LanguageScope {
 public:
  explicit LanguageScope(Language language);
  ~LanguageScope();
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;

 private:
  std::optional<Language> previous_;
};

// The translation of an English message id.
const char* tr(const char* msgid) noexcept;

// Translates a format string, then formats it.
template <typename... Args>
std::string trf(const char* msgid, Args&&... args) {
  return fmt::format(fmt::runtime(tr(msgid)), std::forward<Args>(args)...);
}

}  // namespace loaxa
