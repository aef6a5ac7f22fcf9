// Schema of the store. Conventions:
//   - air values are INTEGER scaled by 10^4 (µg/m³, CO mg/m³), NULL = missing;
//     not_monitored is a bit mask (bit i = pollutant i in air::Pollutant order)
//     of values published as "/" (not in the station's monitoring plan);
//   - hour labels are INTEGER hours since 2000-01-01 00:00 Beijing time,
//     hour-ending (see core/civil_time.h);
//   - times of record-keeping (imported_at, decided_at, at) are UTC ISO 8601;
//   - digests are lowercase hex SHA-256.
#include "schema.h"

namespace ecociv::store {

namespace {

constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('stations', 'sections', 'air', 'water')),
  source TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  rows_inserted INTEGER NOT NULL,
  rows_revised INTEGER NOT NULL,
  rows_unchanged INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  row_hashes BLOB NOT NULL,
  rows_sha256 TEXT NOT NULL
);
CREATE INDEX import_batches_content ON import_batches (kind, content_sha256);

CREATE TABLE import_rejects (
  batch_id INTEGER NOT NULL REFERENCES import_batches (id),
  line INTEGER NOT NULL,
  reason TEXT NOT NULL
);

CREATE TABLE stations (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  city TEXT NOT NULL,
  longitude TEXT NOT NULL,
  latitude TEXT NOT NULL,
  background INTEGER NOT NULL DEFAULT 0,
  type TEXT NOT NULL DEFAULT '',
  batch_id INTEGER NOT NULL REFERENCES import_batches (id)
);

CREATE TABLE air_hourly (
  station_id INTEGER NOT NULL REFERENCES stations (id),
  label INTEGER NOT NULL,
  so2 INTEGER, no2 INTEGER, co INTEGER, o3 INTEGER, pm10 INTEGER, pm25 INTEGER,
  not_monitored INTEGER NOT NULL DEFAULT 0,
  batch_id INTEGER NOT NULL REFERENCES import_batches (id),
  PRIMARY KEY (station_id, label)
) WITHOUT ROWID;
CREATE INDEX air_hourly_batch ON air_hourly (batch_id);

CREATE TABLE air_revisions (
  station_id INTEGER NOT NULL REFERENCES stations (id),
  label INTEGER NOT NULL,
  so2 INTEGER, no2 INTEGER, co INTEGER, o3 INTEGER, pm10 INTEGER, pm25 INTEGER,
  not_monitored INTEGER NOT NULL DEFAULT 0,
  batch_id INTEGER NOT NULL REFERENCES import_batches (id),
  superseded_by INTEGER NOT NULL REFERENCES import_batches (id)
);
CREATE INDEX air_revisions_batch ON air_revisions (batch_id);

-- Water (shaped after water::Section and water::Sample): day is a DayNumber
-- (days since 2000-01-01), item the item id of the water rules ("nh3n"); values scaled by 10^6 of the item's unit (kWaterScale); a
-- below-detection sample holds its detection limit (limit_known = 0 for a
-- bare ND).
CREATE TABLE sections (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  river TEXT NOT NULL,
  basin TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL CHECK (type IN ('river', 'lake', 'reservoir')),
  target_class INTEGER NOT NULL CHECK (target_class BETWEEN 1 AND 5),
  level TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'town')),
  chief TEXT NOT NULL DEFAULT '',
  batch_id INTEGER NOT NULL REFERENCES import_batches (id)
);

CREATE TABLE water_samples (
  section_id INTEGER NOT NULL REFERENCES sections (id),
  day INTEGER NOT NULL,
  item TEXT NOT NULL,
  value INTEGER NOT NULL,
  below_detection INTEGER NOT NULL DEFAULT 0,
  limit_known INTEGER NOT NULL DEFAULT 1,
  batch_id INTEGER NOT NULL REFERENCES import_batches (id),
  PRIMARY KEY (section_id, day, item)
) WITHOUT ROWID;
CREATE INDEX water_samples_batch ON water_samples (batch_id);

CREATE TABLE water_revisions (
  section_id INTEGER NOT NULL REFERENCES sections (id),
  day INTEGER NOT NULL,
  item TEXT NOT NULL,
  value INTEGER NOT NULL,
  below_detection INTEGER NOT NULL,
  limit_known INTEGER NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batches (id),
  superseded_by INTEGER NOT NULL REFERENCES import_batches (id)
);
CREATE INDEX water_revisions_batch ON water_revisions (batch_id);

CREATE TABLE review_runs (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER REFERENCES import_batches (id),
  config_sha256 TEXT NOT NULL,
  ran_at TEXT NOT NULL
);

-- Review flags and decisions concern either a station's air values (station_id;
-- pollutant = air pollutant key or 'all'; labels = hour labels) or a section's
-- water samples (section_id; pollutant = water item id or 'all'; labels = day
-- numbers).
CREATE TABLE review_flags (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES review_runs (id),
  station_id INTEGER REFERENCES stations (id),
  section_id INTEGER REFERENCES sections (id),
  pollutant TEXT NOT NULL,
  label_from INTEGER NOT NULL,
  label_to INTEGER NOT NULL,
  rule TEXT NOT NULL,
  detail TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'suspect'
    CHECK (status IN ('suspect', 'invalidated', 'cleared')),
  CHECK ((station_id IS NULL) <> (section_id IS NULL))
);
CREATE INDEX review_flags_station ON review_flags (station_id, label_from);
CREATE INDEX review_flags_section ON review_flags (section_id, label_from);

CREATE TABLE review_decisions (
  id INTEGER PRIMARY KEY,
  flag_id INTEGER REFERENCES review_flags (id),
  station_id INTEGER REFERENCES stations (id),
  section_id INTEGER REFERENCES sections (id),
  pollutant TEXT,
  label_from INTEGER NOT NULL,
  label_to INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('invalidate', 'clear')),
  reason TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  CHECK ((station_id IS NULL) <> (section_id IS NULL))
);

CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL,
  why TEXT NOT NULL,
  payload_sha256 TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
  BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
  BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
)sql";

// Migration 2: early warnings. A warning row carries its current
// state; every step is a warning_events row and a change-record entry; the
// outbox holds the webhook notifications until delivered (times in Unix
// seconds, UTC); quiet_periods defer delivery.
constexpr std::string_view kMigration2 = R"sql(
CREATE TABLE warnings (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  rule_set TEXT NOT NULL,
  subject TEXT NOT NULL,
  subject_name TEXT NOT NULL,
  level TEXT NOT NULL,
  level_name TEXT NOT NULL,
  rank INTEGER NOT NULL,
  trigger TEXT NOT NULL,
  figures TEXT NOT NULL,
  owner TEXT NOT NULL,
  main_pollutants TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('raised', 'acknowledged', 'assigned', 'feedback',
                                       'closed', 'escalated', 'lifted')),
  first_period TEXT NOT NULL,
  last_period TEXT NOT NULL,
  repeats INTEGER NOT NULL DEFAULT 0,
  raised_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  person TEXT NOT NULL DEFAULT '',
  deadline TEXT NOT NULL DEFAULT '',
  plan TEXT NOT NULL DEFAULT '',
  feedback TEXT NOT NULL DEFAULT ''
);
CREATE INDEX warnings_open ON warnings (kind, rule_set, subject, state);
CREATE TABLE warning_events (
  id INTEGER PRIMARY KEY,
  warning_id INTEGER NOT NULL REFERENCES warnings (id),
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  note TEXT NOT NULL,
  log_seq INTEGER NOT NULL
);
CREATE TABLE notification_outbox (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES warning_events (id),
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  delivered_at INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON notification_outbox (delivered_at, next_attempt_at);
CREATE TABLE quiet_periods (
  id INTEGER PRIMARY KEY,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  reason TEXT NOT NULL
);
)sql";

// Migration 4: the web platform's accounts, sessions, the stations and
// sections a unit reports on, and the pages an administrator published.
constexpr std::string_view kWebMigration = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'reporter', 'leader', 'auditor')),
  unit TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE unit_assets (
  unit TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('station', 'section')),
  code TEXT NOT NULL,
  PRIMARY KEY (unit, kind, code)
);
CREATE TABLE published_pages (
  slug TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('air-summary', 'water-summary')),
  published INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
)sql";

// Version 5. Warnings: the English text of a trigger beside the Chinese one,
// and, on each step, a digest of the warning row as that step left it, so
// that a hand edit of a warning's content is found by `ecociv warn verify`.
// Sections: whether a section is a centralized drinking-water source.
constexpr std::string_view kWarningsMigration5 = R"sql(
ALTER TABLE warnings ADD COLUMN trigger_en TEXT NOT NULL DEFAULT '';
ALTER TABLE warning_events ADD COLUMN warning_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE sections ADD COLUMN drinking_source INTEGER NOT NULL DEFAULT 0;
)sql";

}  // namespace

const std::vector<std::string_view>& SchemaMigrations() {
  static const std::vector<std::string_view> kMigrations = {
      kMigration1,        kMigration2,         IndicatorsMigration(),
      kWebMigration,      kWarningsMigration5, AssessmentsMigration(),
      AccountsMigration(), Hj212Migration(),      SectionsMigration(),
      ReportsPublishingMigration(), SpaceMigration(),
      SectionPlansMigration(), ReportScheduleMigration(), ImportJobsMigration(),
      PublishedPagesKindsMigration(), RegionsMigration(), RunAndDocumentRegionsMigration()};
  return kMigrations;
}

}  // namespace ecociv::store
