// The numbered schema migrations of the store (see docs/store.md).
//
// Migration i (1-based) brings a database from user_version i-1 to i. They
// are append-only: a released migration is never edited, a change is a new
// migration. Thread-safe (constant data).
#pragma once

#include <string_view>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

const std::vector<std::string_view>& SchemaMigrations();

// Migration 3 (schema_indicators.cc): the demonstration-zone indicators.
std::string_view IndicatorsMigration();
// Migration 6 (schema_assessments.cc): units' and people's assessments.
std::string_view AssessmentsMigration();
// Migration 7 (schema_accounts.cc): the login throttle's table, user names
// unique regardless of case, the index of the data-changing entries.
std::string_view AccountsMigration();

// What must hold before migration `version` runs, checked in its
// transaction before its SQL: FailedPrecondition naming what to fix (the
// database is left as it was), else Ok. Only migration 7 has a condition
// (no two user names that differ only in case).
Status CheckMigrationPrecondition(Database* db, int version);

// Migration 8 (schema_hj212.cc): data flags and the HJ 212 receiver.
std::string_view Hj212Migration();

// Migration 9 (schema_sections.cc): sections' categories and structured chief.
std::string_view SectionsMigration();
// Migration 10 (schema_reports.cc): official documents and their publishing.
std::string_view ReportsPublishingMigration();
// Migration 11 (schema_space.cc): the ecological-space layers.
std::string_view SpaceMigration();
// Migration 12 (schema_plans.cc): section plans and chiefs' links.
std::string_view SectionPlansMigration();
// Migration 13 (schema_schedule.cc): the documents' schedule and their notices.
std::string_view ReportScheduleMigration();
// Migration 14 (schema_imports.cc): the web's import jobs.
std::string_view ImportJobsMigration();
// Migration 15 (schema_pages.cc): published pages of the indicators' status.
std::string_view PublishedPagesKindsMigration();
// Migration 16 (schema_regions.cc): regions and the region of
// stations, sections, units and users.
std::string_view RegionsMigration();
// Migration 17 (schema_regions.cc): the region of scoring runs and documents.
std::string_view RunAndDocumentRegionsMigration();

}  // namespace ecociv::store
