// The receiver's writer thread (internal to receiver.cc): a queue of accepted
// packets and refusals from the event loop, written in groups by a
// PacketWriter; finished packets come back with their answers.
//
// Thread safety: Submit, Refused, TakeDone and registry are called by the
// loop thread; everything else runs on the writer thread; the queues are
// guarded by one mutex.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ecociv/hj212/ingest.h"
#include "ecociv/hj212/receiver.h"

namespace ecociv::hj212 {

struct Job {
  uint64_t connection = 0;
  StoreWork work;
  std::string peer;
};

struct Done {
  uint64_t connection = 0;
  std::string answer;  // "" when none is due (not asked, or not stored)
  bool stored = false;
};

class WriterThread {
 public:
  // `checkpoint_db` is a second connection to the same database on which a
  // thread of its own checkpoints the WAL every half second (the writer's
  // connection never does, so no group waits for a checkpoint).
  WriterThread(std::unique_ptr<PacketWriter> writer, std::unique_ptr<store::Database> checkpoint_db,
               std::shared_ptr<const Registry> registry, const ReceiverOptions& options,
               ReceiverStats* stats, std::function<void()> wake,
               std::function<void(const std::string&)> log);
  ~WriterThread();

  void Start();
  void Submit(Job job);
  // False when the refusal was only counted (the per-second limit).
  bool Refused(RefusalRecord refusal);
  void TakeDone(std::vector<Done>* done);
  std::shared_ptr<const Registry> registry();
  // Writes what is queued, then stops the thread.
  void Finish();

 private:
  void Loop();
  void WriteGroup(std::vector<Job>* jobs, std::vector<RefusalRecord>* refusals);
  void Housekeeping(int64_t now);

  std::unique_ptr<PacketWriter> writer_;
  const ReceiverOptions& options_;
  ReceiverStats* stats_;
  std::function<void()> wake_;
  std::function<void(const std::string&)> log_;

  std::mutex mutex_;
  std::condition_variable cv_, cv_checkpoint_;
  std::deque<Job> jobs_;
  std::vector<RefusalRecord> refusals_;
  std::vector<Done> done_;
  std::shared_ptr<const Registry> registry_;
  bool stopping_ = false;
  int64_t refusal_second_ = 0;
  int refusals_this_second_ = 0;
  int64_t unlogged_refusals_ = 0;
  std::map<std::string, RefusalRecord> counted_only_;  // by claimed MN

  int64_t next_reload_ = 0, next_prune_ = 0, next_silence_ = 0, next_water_days_ = 0;
  std::thread thread_;
  std::unique_ptr<store::Database> checkpoint_db_;
  std::thread checkpointer_;
};

}  // namespace ecociv::hj212
