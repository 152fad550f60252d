#pragma once
// Where an uploaded file waits while it is imported: a private folder of its own under the
// home (.uploads/XXXXXX), holding the file under the operator's name so the library records
// that name and every refusal names it. The importer copies it into segments/; the folder
// goes with its content when the UploadFolder does.
//
// Thread safety: one per upload, on the thread that imports it (the console's worker).

#include "common/home.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace loaxa::console {

class UploadFolder {
 public:
  // Creates the folder; first removes folders left by a crash more than a day ago. Throws
  // std::system_error.
  explicit UploadFolder(const Home& home);
  ~UploadFolder();
  UploadFolder(const UploadFolder&) = delete;
  UploadFolder& operator=(const UploadFolder&) = delete;

  // Writes `bytes` as `name` (one upload_name_problem accepts) and returns its path. Throws
  // std::system_error.
  std::filesystem::path write(const std::string& name, std::string_view bytes);

 private:
  std::filesystem::path path_;
};

}  // namespace loaxa::console
