// The web's import jobs (after the documents' schedule): one row per upload
// imported from the web interface, so that whichever server answers a
// page's question about an import knows it, and a job outlives a restart of
// the server that ran it. The id is chosen by the server that starts the job
// (random, below 2^53 so that a page's JavaScript holds it exactly), so that
// starting a job needs no write to the store: on SQLite an import holds the
// write lock for its whole transaction. heartbeat_at is renewed while the job
// runs where the backend allows it (PostgreSQL); a running row whose
// heartbeat has gone quiet belongs to a server that stopped, and its import's
// transaction was rolled back with it.
#include "schema.h"

namespace ecociv::store {

std::string_view ImportJobsMigration() {
  return R"sql(
CREATE TABLE import_jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  who TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  rows_written INTEGER NOT NULL DEFAULT 0,
  result TEXT NOT NULL DEFAULT '{}',
  server TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX import_jobs_started ON import_jobs (started_at);
)sql";
}

}  // namespace ecociv::store
