#include "writer_thread.h"

#include <chrono>

#include "ecociv/hj212/station_status.h"

namespace ecociv::hj212 {

namespace {

// The fewest batches screened after a group while packets keep coming.
constexpr size_t kScreenSlice = 32;
// How often the sections' finished days are looked for (water_days.h).
constexpr int64_t kWaterDaysEverySeconds = 2;

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

WriterThread::WriterThread(std::unique_ptr<PacketWriter> writer,
                           std::unique_ptr<store::Database> checkpoint_db,
                           std::shared_ptr<const Registry> registry,
                           const ReceiverOptions& options, ReceiverStats* stats,
                           std::function<void()> wake,
                           std::function<void(const std::string&)> log)
    : writer_(std::move(writer)),
      options_(options),
      stats_(stats),
      wake_(std::move(wake)),
      log_(std::move(log)),
      registry_(std::move(registry)),
      checkpoint_db_(std::move(checkpoint_db)) {}

WriterThread::~WriterThread() { Finish(); }

void WriterThread::Start() {
  int64_t now = NowUnix();
  next_reload_ = now + options_.registry_reload_seconds;
  next_prune_ = now;
  next_silence_ = now + 60;
  if (checkpoint_db_ != nullptr) {
    Status off = writer_->DisableAutoCheckpoint();
    if (!off.ok()) log_("hj212: " + off.ToString());
    checkpointer_ = std::thread([this] {
      std::unique_lock<std::mutex> lock(mutex_);
      while (!stopping_) {
        cv_checkpoint_.wait_for(lock, std::chrono::milliseconds(500));
        lock.unlock();
        Status s = CheckpointWal(checkpoint_db_.get());
        if (!s.ok()) log_("hj212: checkpoint: " + s.ToString());
        lock.lock();
      }
    });
  }
  thread_ = std::thread([this] { Loop(); });
}

void WriterThread::Submit(Job job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

bool WriterThread::Refused(RefusalRecord refusal) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (refusal.at_unix != refusal_second_) {
    refusal_second_ = refusal.at_unix;
    refusals_this_second_ = 0;
  }
  if (++refusals_this_second_ > options_.max_refusals_logged_per_second) {
    ++unlogged_refusals_;
    RefusalRecord& merged = counted_only_[refusal.refusal.mn];
    if (merged.keep) {
      merged = std::move(refusal);
      merged.keep = false;
      merged.count = 0;
    }
    ++merged.count;
    return false;
  }
  refusals_.push_back(std::move(refusal));
  cv_.notify_one();
  return true;
}

void WriterThread::TakeDone(std::vector<Done>* done) {
  std::lock_guard<std::mutex> lock(mutex_);
  done->swap(done_);
  done_.clear();
}

std::shared_ptr<const Registry> WriterThread::registry() {
  std::lock_guard<std::mutex> lock(mutex_);
  return registry_;
}

void WriterThread::Finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_one();
  cv_checkpoint_.notify_one();
  if (thread_.joinable()) thread_.join();
  if (checkpointer_.joinable()) checkpointer_.join();
}

void WriterThread::Loop() {
  auto left = writer_->ScreenPending();  // batches a crash left unscreened
  if (!left.ok()) log_("hj212: screening received data: " + left.status().ToString());
  std::vector<Job> jobs;
  std::vector<RefusalRecord> refusals;
  for (;;) {
    bool stop = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait_for(lock, std::chrono::seconds(1),
                   [&] { return stopping_ || !jobs_.empty() || !refusals_.empty(); });
      while (!jobs_.empty() && jobs.size() < size_t(options_.max_group)) {
        jobs.push_back(std::move(jobs_.front()));
        jobs_.pop_front();
      }
      refusals.swap(refusals_);
      for (auto& [mn, record] : counted_only_) refusals.push_back(std::move(record));
      counted_only_.clear();
      stop = stopping_ && jobs_.empty();
    }
    if (!jobs.empty() || !refusals.empty()) WriteGroup(&jobs, &refusals);
    Housekeeping(NowUnix());
    if (stop) {
      auto flags = writer_->ScreenPending();
      if (!flags.ok()) log_("hj212: screening received data: " + flags.status().ToString());
      break;
    }
  }
}

void WriterThread::WriteGroup(std::vector<Job>* jobs, std::vector<RefusalRecord>* refusals) {
  std::vector<const StoreWork*> works;
  std::vector<std::string> peers;
  for (const Job& job : *jobs) {
    works.push_back(&job.work);
    peers.push_back(job.peer);
  }
  std::vector<WriteOutcome> outcomes;
  int64_t now = NowUnix();
  auto started = std::chrono::steady_clock::now();
  Status s = writer_->WriteGroup(works, peers, *refusals, now, &outcomes);
  int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::steady_clock::now() - started)
                       .count();
  stats_->group_micros += micros;
  if (micros > stats_->slowest_group_micros) stats_->slowest_group_micros = micros;
  ++stats_->groups;
  std::vector<Done> done;
  for (size_t i = 0; i < jobs->size(); ++i) {
    Done d;
    d.connection = (*jobs)[i].connection;
    d.stored = s.ok() && outcomes[i].stored;
    if (d.stored) {
      d.answer = std::move((*jobs)[i].work.answer);
      ++stats_->stored;
    } else {
      ++stats_->refused;
      log_((*jobs)[i].peer + ": MN " + (*jobs)[i].work.mn + ": " +
           (s.ok() ? outcomes[i].reason : "not stored: " + s.message()));
    }
    done.push_back(std::move(d));
  }
  if (!s.ok()) {
    ++stats_->group_failures;
    log_("hj212: a group of " + std::to_string(jobs->size()) +
         " packets was not stored (no answer sent): " + s.ToString());
  }
  jobs->clear();
  refusals->clear();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Done& d : done) done_.push_back(std::move(d));
  }
  wake_();
  // The answers are on their way. Screening adds flags only: while packets
  // are queued it keeps pace in slices (as many batches as the group had),
  // so that no answer waits behind a long screening.
  bool queued;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queued = !jobs_.empty();
  }
  started = std::chrono::steady_clock::now();
  auto flags = writer_->ScreenPending(queued ? std::max<size_t>(works.size() + 1, kScreenSlice)
                                             : SIZE_MAX);
  stats_->screening_micros += std::chrono::duration_cast<std::chrono::microseconds>(
                                  std::chrono::steady_clock::now() - started)
                                  .count();
  if (!flags.ok()) log_("hj212: screening received data: " + flags.status().ToString());
}

void WriterThread::Housekeeping(int64_t now) {
  if (now >= next_reload_) {
    next_reload_ = now + options_.registry_reload_seconds;
    auto registry = LoadRegistry(writer_->db());
    if (registry.ok()) {
      std::lock_guard<std::mutex> lock(mutex_);
      registry_ = *registry;
    } else {
      log_("hj212: reloading the device registry: " + registry.status().ToString());
    }
  }
  if (now >= next_prune_) {
    next_prune_ = now + options_.prune_every_seconds;
    Status s = writer_->Prune(now);
    if (!s.ok()) log_("hj212: pruning old data: " + s.ToString());
    int64_t unlogged;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      unlogged = unlogged_refusals_;
      unlogged_refusals_ = 0;
    }
    if (unlogged > 0) {
      log_("hj212: " + std::to_string(unlogged) +
           " refusals were counted but not logged (over the per-second limit)");
    }
  }
  if (now >= next_water_days_) {
    // Every few seconds, not after every group: a day's value is written
    // once it is over, so nothing waits for it.
    next_water_days_ = now + kWaterDaysEverySeconds;
    auto days = writer_->WriteWaterDays(now);
    if (!days.ok()) {
      log_("hj212: daily water values: " + days.status().ToString());
    } else if (days->days_too_old > 0) {
      log_("hj212: " + std::to_string(days->days_too_old) +
           " section-days received hourly packets older than water_daily.keep_days: not "
           "aggregated");
    }
  }
  if (options_.silence_seconds > 0 && now >= next_silence_) {
    next_silence_ = now + 60;
    auto report = CheckSilence(writer_->db(), options_.silence_seconds, now,
                               store::Actor{options_.writer.who, "silent station check"});
    if (!report.ok()) {
      log_("hj212: silence check: " + report.status().ToString());
    } else if (report->raised + report->lifted > 0) {
      log_("hj212: silence notices: " + std::to_string(report->raised) + " raised, " +
           std::to_string(report->lifted) + " lifted");
    }
  }
}

}  // namespace ecociv::hj212
