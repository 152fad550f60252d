#include "hub/ingest_writer.hpp"

namespace loaxa::hub {

IngestWriter::IngestWriter(Api& api, Deliver deliver)
    : api_(api), deliver_(std::move(deliver)), thread_([this] { run(); }) {}

IngestWriter::~IngestWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void IngestWriter::hand_over(std::vector<PreparedRequest> requests) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.empty()) {
      queue_ = std::move(requests);
    } else {
      for (auto& request : requests) queue_.push_back(std::move(request));
    }
  }
  wake_.notify_one();
}

void IngestWriter::run() {
  for (;;) {
    std::vector<PreparedRequest> group;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;  // stopping, and nothing left to answer
      group.swap(queue_);
    }
    // Everything handed over while the previous group was committed: one transaction.
    deliver_(api_.handle_prepared_together(group));
  }
}

}  // namespace loaxa::hub
