#pragma once
// The hub's writer thread (server.cpp): it owns the Api and with it the Api's store — one
// SQLite connection, used on this thread only. The event-loop thread hands it requests
// already prepared (Api::prepare: bodies read, chain hashes computed) and goes on reading
// the next ones; the writer answers everything handed over since its last commit together
// (Api::handle_prepared_together: one transaction, one fsync), so a commit's fsync overlaps
// the reading of the next group instead of stopping the server.
//
// Durability is the group commit's: no answer before the commit that keeps its batch; a
// failed commit answers every request of its group 500.

#include "hub/api.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace loaxa::hub {

class IngestWriter {
 public:
  // Receives answers on the writer thread, in the order the requests were handed over (all
  // of them, over one or more calls); it must not throw.
  using Deliver = std::function<void(std::vector<ApiResponse>)>;

  // Starts the thread. From now on `api` (and its store) is used on that thread only.
  IngestWriter(Api& api, Deliver deliver);
  // Answers everything handed over, then stops the thread.
  ~IngestWriter();
  IngestWriter(const IngestWriter&) = delete;
  IngestWriter& operator=(const IngestWriter&) = delete;

  void hand_over(std::vector<PreparedRequest> requests);

 private:
  void run();

  Api& api_;
  Deliver deliver_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<PreparedRequest> queue_;  // guarded by mutex_
  bool stopping_ = false;               // guarded by mutex_
  std::thread thread_;                  // last: started once the rest exists
};

}  // namespace loaxa::hub
