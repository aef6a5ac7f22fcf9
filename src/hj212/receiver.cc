// The receiver's event loop (see receiver.h): libuv, one thread, many
// connections; the store is written by WriterThread.
#include "ecociv/hj212/receiver.h"

#include <uv.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <unordered_map>

#include "writer_thread.h"

namespace ecociv::hj212 {

namespace {

constexpr size_t kReadChunk = 64 * 1024;
constexpr size_t kKeepCapacity = 16 * 1024;

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class ReceiverImpl;

struct Connection {
  uv_tcp_t handle;
  ReceiverImpl* owner = nullptr;
  uint64_t id = 0;
  std::string peer;
  std::string buffer;  // the unfinished frame (< kMaxFrameBytes)
  int64_t last_activity = 0;
  int64_t frame_started = 0;  // when `buffer` became non-empty (ms), 0 when empty
  int in_flight = 0;
  int refusals_in_a_row = 0;
  bool reading = false;
  bool closing = false;
};

struct WriteRequest {
  uv_write_t request;
  std::string bytes;
};

std::string PeerName(uv_tcp_t* handle) {
  sockaddr_storage address{};
  int length = sizeof address;
  if (uv_tcp_getpeername(handle, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return "unknown";
  }
  char host[64] = "?";
  int port = 0;
  if (address.ss_family == AF_INET6) {
    auto* a6 = reinterpret_cast<sockaddr_in6*>(&address);
    uv_ip6_name(a6, host, sizeof host);
    port = ntohs(a6->sin6_port);
    return "[" + std::string(host) + "]:" + std::to_string(port);
  }
  auto* a4 = reinterpret_cast<sockaddr_in*>(&address);
  uv_ip4_name(a4, host, sizeof host);
  port = ntohs(a4->sin_port);
  return std::string(host) + ":" + std::to_string(port);
}

class ReceiverImpl : public Receiver {
 public:
  ReceiverImpl(const ReceiverOptions& options, Readings readings)
      : options_(options), readings_(std::move(readings)), judge_(readings_) {}
  ~ReceiverImpl() override;

  Status Init(std::unique_ptr<PacketWriter> writer, std::unique_ptr<store::Database> checkpoint_db,
              std::shared_ptr<const Registry> registry);
  StatusOr<int> Bind() override;
  Status Run() override;
  void Stop() override {
    std::lock_guard<std::mutex> lock(stop_mutex_);
    if (!stop_closed_) uv_async_send(&stop_);
  }
  const ReceiverStats& stats() const override { return stats_; }
  const Readings& readings() const { return readings_; }

 private:
  void StartReading(Connection* c);
  void Log(const std::string& line) {
    if (options_.log) {
      options_.log(line);
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }
  void Accept();
  void Consume(Connection* c, const char* data, size_t size);
  void OnFrame(Connection* c, std::string_view frame);
  void Refuse(Connection* c, Refusal refusal);
  void Send(Connection* c, std::string bytes);
  void Close(Connection* c);
  void DeliverDone();
  void Tick();
  void BeginStop();

  ReceiverOptions options_;
  Readings readings_;
  Judge judge_;
  ReceiverStats stats_;
  std::unique_ptr<WriterThread> writer_;
  std::shared_ptr<const Registry> registry_;
  uv_loop_t loop_;
  uv_tcp_t server_;
  uv_async_t wake_, stop_;
  uv_timer_t tick_;
  uv_signal_t sigint_, sigterm_;
  bool loop_ready_ = false, listening_ = false, stopping_ = false, ran_ = false;
  std::mutex stop_mutex_;  // Stop from any thread against the handle's closing
  bool stop_closed_ = false;
  std::unordered_map<uint64_t, Connection*> connections_;
  uint64_t next_id_ = 1;
  char chunk_[kReadChunk];
};

ReceiverImpl::~ReceiverImpl() {
  if (writer_) writer_->Finish();
  if (loop_ready_ && !ran_) {
    // Never ran: close the handles made in Init and Bind.
    {
      std::lock_guard<std::mutex> lock(stop_mutex_);
      stop_closed_ = true;
    }
    for (uv_handle_t* h : {reinterpret_cast<uv_handle_t*>(&wake_),
                           reinterpret_cast<uv_handle_t*>(&stop_),
                           reinterpret_cast<uv_handle_t*>(&tick_),
                           reinterpret_cast<uv_handle_t*>(&server_)}) {
      if (!uv_is_closing(h)) uv_close(h, nullptr);
    }
    if (options_.install_signal_handlers) {
      uv_close(reinterpret_cast<uv_handle_t*>(&sigint_), nullptr);
      uv_close(reinterpret_cast<uv_handle_t*>(&sigterm_), nullptr);
    }
    uv_run(&loop_, UV_RUN_DEFAULT);
  }
  if (loop_ready_) uv_loop_close(&loop_);
}

Status ReceiverImpl::Init(std::unique_ptr<PacketWriter> writer,
                          std::unique_ptr<store::Database> checkpoint_db,
                          std::shared_ptr<const Registry> registry) {
  if (uv_loop_init(&loop_) != 0) return InternalError("cannot start the event loop");
  loop_ready_ = true;
  loop_.data = this;
  uv_async_init(&loop_, &wake_, [](uv_async_t* a) {
    static_cast<ReceiverImpl*>(a->loop->data)->DeliverDone();
  });
  uv_async_init(&loop_, &stop_, [](uv_async_t* a) {
    static_cast<ReceiverImpl*>(a->loop->data)->BeginStop();
  });
  uv_timer_init(&loop_, &tick_);
  uv_tcp_init(&loop_, &server_);
  if (options_.install_signal_handlers) {
    uv_signal_init(&loop_, &sigint_);
    uv_signal_init(&loop_, &sigterm_);
  }
  registry_ = registry;
  writer_ = std::make_unique<WriterThread>(
      std::move(writer), std::move(checkpoint_db), std::move(registry), options_, &stats_,
      [this] { uv_async_send(&wake_); }, [this](const std::string& line) { Log(line); });
  return Status::Ok();
}

StatusOr<int> ReceiverImpl::Bind() {
  sockaddr_storage address{};
  bool v6 = options_.host.find(':') != std::string::npos;
  int r = v6 ? uv_ip6_addr(options_.host.c_str(), options_.port,
                           reinterpret_cast<sockaddr_in6*>(&address))
             : uv_ip4_addr(options_.host.c_str(), options_.port,
                           reinterpret_cast<sockaddr_in*>(&address));
  std::string where = options_.host + ":" + std::to_string(options_.port);
  if (r != 0) return InvalidArgumentError("cannot listen on " + where + ": not an address");
  r = uv_tcp_bind(&server_, reinterpret_cast<const sockaddr*>(&address), 0);
  if (r == 0) {
    r = uv_listen(reinterpret_cast<uv_stream_t*>(&server_), 1024, [](uv_stream_t* s, int status) {
      if (status == 0) static_cast<ReceiverImpl*>(s->loop->data)->Accept();
    });
  }
  if (r == UV_EADDRINUSE) return FailedPreconditionError(where + " is already in use");
  if (r != 0) return FailedPreconditionError("cannot listen on " + where + ": " + uv_strerror(r));
  listening_ = true;
  sockaddr_storage bound{};
  int length = sizeof bound;
  uv_tcp_getsockname(&server_, reinterpret_cast<sockaddr*>(&bound), &length);
  return bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                     : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}

Status ReceiverImpl::Run() {
  if (!listening_) return FailedPreconditionError("Bind the receiver before Run");
  ran_ = true;
  writer_->Start();
  uv_timer_start(&tick_, [](uv_timer_t* t) { static_cast<ReceiverImpl*>(t->loop->data)->Tick(); },
                 1000, 1000);
  if (options_.install_signal_handlers) {
    auto on_signal = [](uv_signal_t* s, int) {
      static_cast<ReceiverImpl*>(s->loop->data)->BeginStop();
    };
    uv_signal_start(&sigint_, on_signal, SIGINT);
    uv_signal_start(&sigterm_, on_signal, SIGTERM);
  }
  uv_run(&loop_, UV_RUN_DEFAULT);
  return Status::Ok();
}

void ReceiverImpl::Accept() {
  auto* c = new Connection;
  c->owner = this;
  uv_tcp_init(&loop_, &c->handle);
  c->handle.data = c;
  if (uv_accept(reinterpret_cast<uv_stream_t*>(&server_),
                reinterpret_cast<uv_stream_t*>(&c->handle)) != 0) {
    uv_close(reinterpret_cast<uv_handle_t*>(&c->handle),
             [](uv_handle_t* h) { delete static_cast<Connection*>(h->data); });
    return;
  }
  if (stopping_ || connections_.size() >= size_t(options_.max_connections)) {
    ++stats_.connections_refused;
    uv_close(reinterpret_cast<uv_handle_t*>(&c->handle),
             [](uv_handle_t* h) { delete static_cast<Connection*>(h->data); });
    return;
  }
  uv_tcp_nodelay(&c->handle, 1);
  c->id = next_id_++;
  c->peer = PeerName(&c->handle);
  c->last_activity = uv_now(&loop_);
  connections_[c->id] = c;
  ++stats_.connections_accepted;
  ++stats_.connections_open;
  StartReading(c);
}

void ReceiverImpl::StartReading(Connection* c) {
  c->reading = true;
  uv_read_start(
      reinterpret_cast<uv_stream_t*>(&c->handle),
      [](uv_handle_t* h, size_t, uv_buf_t* buf) {
        auto* conn = static_cast<Connection*>(h->data);
        *buf = uv_buf_init(conn->owner->chunk_, kReadChunk);
      },
      [](uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
        auto* conn = static_cast<Connection*>(s->data);
        if (n > 0) {
          conn->owner->Consume(conn, buf->base, static_cast<size_t>(n));
        } else if (n < 0) {
          conn->owner->Close(conn);
        }
      });
}

void ReceiverImpl::Consume(Connection* c, const char* data, size_t size) {
  c->last_activity = uv_now(&loop_);
  std::string_view view;
  bool in_buffer = !c->buffer.empty();
  if (in_buffer) {
    c->buffer.append(data, size);
    view = c->buffer;
  } else {
    view = std::string_view(data, size);
  }
  size_t consumed = 0;
  while (!c->closing && consumed < view.size()) {
    std::string_view rest = view.substr(consumed);
    ScanResult r = ScanFrame(rest);
    if (r.kind == ScanKind::kNeedMore) break;
    if (r.kind == ScanKind::kGarbage) {
      Refuse(c, Judge::OnGarbage(rest.substr(0, r.consumed), r.reason).refusal);
    } else {
      OnFrame(c, r.frame);
    }
    consumed += r.consumed;
  }
  if (c->closing) return;
  if (in_buffer) {
    c->buffer.erase(0, consumed);
  } else {
    c->buffer.assign(view.substr(consumed));
  }
  if (c->buffer.empty()) {
    c->frame_started = 0;
    if (c->buffer.capacity() > kKeepCapacity) std::string().swap(c->buffer);
  } else if (c->frame_started == 0) {
    c->frame_started = uv_now(&loop_);
  }
}

void ReceiverImpl::OnFrame(Connection* c, std::string_view frame) {
  ++stats_.frames;
  Judgement j = judge_.OnFrame(frame, *registry_, c->peer, NowMillis());
  switch (j.action) {
    case Judgement::Action::kStore:
      c->refusals_in_a_row = 0;
      ++c->in_flight;
      writer_->Submit(Job{c->id, std::move(j.work), c->peer});
      if (c->in_flight >= options_.max_in_flight && c->reading) {
        uv_read_stop(reinterpret_cast<uv_stream_t*>(&c->handle));
        c->reading = false;
      }
      break;
    case Judgement::Action::kReply:
      c->refusals_in_a_row = 0;
      ++stats_.replied;
      Send(c, std::move(j.reply));
      break;
    case Judgement::Action::kRefuse:
      if (!j.reply.empty()) Send(c, std::move(j.reply));
      Refuse(c, std::move(j.refusal));
      break;
    case Judgement::Action::kIgnore:
      c->refusals_in_a_row = 0;
      break;
  }
}

void ReceiverImpl::Refuse(Connection* c, Refusal refusal) {
  ++stats_.refused;
  std::string line = "hj212: refused from " + c->peer +
                     (refusal.mn.empty() ? "" : " (MN " + refusal.mn + ")") + ": " +
                     refusal.reason;
  if (writer_->Refused(RefusalRecord{std::move(refusal), c->peer, NowMillis() / 1000})) Log(line);
  if (++c->refusals_in_a_row >= options_.max_refusals_in_a_row) {
    Log("hj212: closed " + c->peer + " after " + std::to_string(c->refusals_in_a_row) +
        " refusals in a row");
    Close(c);
  }
}

void ReceiverImpl::Send(Connection* c, std::string bytes) {
  if (c->closing || bytes.empty()) return;
  auto* w = new WriteRequest;
  w->bytes = std::move(bytes);
  uv_buf_t buf = uv_buf_init(w->bytes.data(), static_cast<unsigned>(w->bytes.size()));
  int r = uv_write(&w->request, reinterpret_cast<uv_stream_t*>(&c->handle), &buf, 1,
                   [](uv_write_t* req, int) { delete reinterpret_cast<WriteRequest*>(req); });
  if (r != 0) delete w;
}

void ReceiverImpl::Close(Connection* c) {
  if (c->closing) return;
  c->closing = true;
  connections_.erase(c->id);
  --stats_.connections_open;
  uv_close(reinterpret_cast<uv_handle_t*>(&c->handle),
           [](uv_handle_t* h) { delete static_cast<Connection*>(h->data); });
}

void ReceiverImpl::DeliverDone() {
  std::vector<Done> done;
  writer_->TakeDone(&done);
  for (Done& d : done) {
    auto it = connections_.find(d.connection);
    if (it == connections_.end()) continue;  // gone: the logger will resend (a no-op)
    Connection* c = it->second;
    --c->in_flight;
    if (!d.answer.empty()) {
      ++stats_.answered;
      Send(c, std::move(d.answer));
    }
    if (!c->reading && !stopping_ && c->in_flight <= options_.max_in_flight / 2) {
      StartReading(c);
    }
  }
}

void ReceiverImpl::Tick() {
  registry_ = writer_->registry();
  uint64_t now = uv_now(&loop_);
  std::vector<Connection*> idle, unfinished;
  for (auto& [id, c] : connections_) {
    if (c->frame_started != 0 &&
        now - c->frame_started > uint64_t(options_.frame_timeout_seconds) * 1000) {
      unfinished.push_back(c);
    } else if (c->in_flight == 0 &&
               now - c->last_activity > uint64_t(options_.idle_timeout_seconds) * 1000) {
      idle.push_back(c);
    }
  }
  for (Connection* c : unfinished) {
    Refusal r = Judge::OnGarbage(c->buffer, "an unfinished frame").refusal;
    r.reason = "a frame not finished within " + std::to_string(options_.frame_timeout_seconds) +
               " s (" + std::to_string(c->buffer.size()) + " bytes)";
    Refuse(c, std::move(r));
    Close(c);
  }
  for (Connection* c : idle) Close(c);
}

void ReceiverImpl::BeginStop() {
  if (stopping_) return;
  stopping_ = true;
  if (listening_) uv_close(reinterpret_cast<uv_handle_t*>(&server_), nullptr);
  for (auto& [id, c] : connections_) {
    if (c->reading) uv_read_stop(reinterpret_cast<uv_stream_t*>(&c->handle));
    c->reading = false;
  }
  writer_->Finish();  // stores what was accepted
  DeliverDone();
  std::vector<Connection*> open;
  for (auto& [id, c] : connections_) open.push_back(c);
  for (Connection* c : open) {
    // Shut down after the queued answers are written, then close.
    c->closing = true;
    connections_.erase(c->id);
    --stats_.connections_open;
    auto* req = new uv_shutdown_t;
    req->data = c;
    int r = uv_shutdown(req, reinterpret_cast<uv_stream_t*>(&c->handle), [](uv_shutdown_t* s, int) {
      auto* conn = static_cast<Connection*>(s->data);
      delete s;
      uv_close(reinterpret_cast<uv_handle_t*>(&conn->handle),
               [](uv_handle_t* h) { delete static_cast<Connection*>(h->data); });
    });
    if (r != 0) {
      delete req;
      uv_close(reinterpret_cast<uv_handle_t*>(&c->handle),
               [](uv_handle_t* h) { delete static_cast<Connection*>(h->data); });
    }
  }
  uv_timer_stop(&tick_);
  uv_close(reinterpret_cast<uv_handle_t*>(&tick_), nullptr);
  uv_close(reinterpret_cast<uv_handle_t*>(&wake_), nullptr);
  {
    std::lock_guard<std::mutex> lock(stop_mutex_);
    stop_closed_ = true;
    uv_close(reinterpret_cast<uv_handle_t*>(&stop_), nullptr);
  }
  if (options_.install_signal_handlers) {
    uv_close(reinterpret_cast<uv_handle_t*>(&sigint_), nullptr);
    uv_close(reinterpret_cast<uv_handle_t*>(&sigterm_), nullptr);
  }
}

}  // namespace

StatusOr<std::unique_ptr<Receiver>> Receiver::Create(const ReceiverOptions& options) {
  // A logger that goes away while its answer is written must not kill the
  // process: writes to a closed socket report EPIPE instead of SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  ECOCIV_ASSIGN_OR_RETURN(Readings readings, Readings::Load(options.standards_dir));
  store::OpenOptions open;
  open.create = false;
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db,
                          store::OpenDatabase(options.db_path, open));
  ECOCIV_ASSIGN_OR_RETURN(std::shared_ptr<const Registry> registry, LoadRegistry(db.get()));
  auto impl = std::make_unique<ReceiverImpl>(options, std::move(readings));
  WriterOptions writer_options = options.writer;
  writer_options.standards_dir = options.standards_dir;
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<PacketWriter> writer,
                          PacketWriter::Create(std::move(db), impl->readings(), writer_options));
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> checkpoint_db,
                          store::OpenDatabase(options.db_path, open));
  ECOCIV_RETURN_IF_ERROR(
      impl->Init(std::move(writer), std::move(checkpoint_db), std::move(registry)));
  return std::unique_ptr<Receiver>(std::move(impl));
}

}  // namespace ecociv::hj212
