#include "ecociv/report/publishing.h"

#include <gtest/gtest.h>

#include "../store/store_test_util.h"
#include "ecociv/store/digest.h"

namespace ecociv::report {
namespace {

using store::testing_util::OpenOrDie;
using store::testing_util::QueryText;
using store::testing_util::ScratchDir;

Document Doc(const std::string& title) {
  Document d;
  d.kind = "air-yearly";
  d.lang = Lang::kZh;
  d.title = title;
  return d;
}

TEST(PublishingTest, DraftApprovePublishAndCorrect) {
  auto db = OpenOrDie(ScratchDir() + "/e.db");
  ASSERT_TRUE(db);
  const store::Actor analyst{"analyst1", "monthly run"}, leader{"leader1", ""};
  const std::string pdf = "%PDF-1.4 first";
  auto first = SaveDraft(db.get(), Doc("2025年"), "2025", "<p>1</p>", pdf, 0, analyst);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->state, "draft");
  EXPECT_EQ(first->pdf_sha256, store::Sha256Hex(pdf));
  // Not reachable for the public before it is published; not publishable as a draft.
  EXPECT_EQ(DocumentFile(db.get(), first->id, "pdf", true).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(PublishDocument(db.get(), first->id, leader).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(ApproveDocument(db.get(), first->id, leader).ok());
  EXPECT_EQ(DocumentFile(db.get(), first->id, "pdf", true).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(PublishedDocuments(db.get())->empty());
  ASSERT_TRUE(PublishDocument(db.get(), first->id, leader).ok());
  EXPECT_EQ(*DocumentFile(db.get(), first->id, "pdf", true), pdf);
  ASSERT_EQ(PublishedDocuments(db.get())->size(), 1u);

  // Frozen: the store refuses any change of the content, and its deletion.
  EXPECT_FALSE(db->Exec("UPDATE report_documents SET pdf = 'x' WHERE id = 1").ok());
  EXPECT_FALSE(db->Exec("UPDATE report_documents SET title = 'x' WHERE id = 1").ok());
  EXPECT_FALSE(db->Exec("DELETE FROM report_documents WHERE id = 1").ok());

  // A second document of the same period must name the published one.
  auto stray = SaveDraft(db.get(), Doc("2025年"), "2025", "<p>2</p>", "%PDF-stray", 0, analyst);
  ASSERT_TRUE(stray.ok());
  ASSERT_TRUE(ApproveDocument(db.get(), stray->id, leader).ok());
  EXPECT_EQ(PublishDocument(db.get(), stray->id, leader).code(), StatusCode::kFailedPrecondition);
  // A correction replaces only the published document of the same kind and period.
  EXPECT_EQ(SaveDraft(db.get(), Doc("x"), "2024", "", "%PDF-", first->id, analyst).status().code(),
            StatusCode::kFailedPrecondition);
  auto fix = SaveDraft(db.get(), Doc("2025年（更正）"), "2025", "<p>3</p>", "%PDF-fix", first->id,
                       analyst);
  ASSERT_TRUE(fix.ok());
  ASSERT_TRUE(ApproveDocument(db.get(), fix->id, leader).ok());
  ASSERT_TRUE(PublishDocument(db.get(), fix->id, leader).ok());
  auto old = FindDocument(db.get(), first->id);
  EXPECT_EQ(old->state, "superseded");
  EXPECT_EQ(old->replaced_by, fix->id);
  EXPECT_EQ(DocumentFile(db.get(), first->id, "pdf", true).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*DocumentFile(db.get(), first->id, "pdf", false), pdf);  // kept for the record
  ASSERT_EQ(PublishedDocuments(db.get())->size(), 1u);
  EXPECT_EQ(PublishedDocuments(db.get())->front().id, fix->id);

  // Every step in the change record, bound to the PDF's SHA-256.
  EXPECT_EQ(QueryText(db.get(), "SELECT count(*) FROM change_log WHERE action LIKE 'report.%'"),
            "9");
  EXPECT_EQ(QueryText(db.get(),
                      "SELECT payload_sha256 FROM change_log WHERE action = 'report.publish' "
                      "ORDER BY seq LIMIT 1"),
            store::Sha256Hex(pdf));
  EXPECT_EQ(QueryText(db.get(),
                      "SELECT who FROM change_log WHERE action = 'report.approve' ORDER BY seq "
                      "LIMIT 1"),
            "leader1");
  EXPECT_TRUE(VerifyDocuments(db.get())->empty());
  // A file changed behind the store's back (the trigger dropped first) is found.
  // PostgreSQL names a trigger's table in DROP TRIGGER; SQLite does not.
  const std::string drop = std::string("DROP TRIGGER report_documents_frozen") +
                           (store::testing_util::OnPostgres() ? " ON report_documents" : "");
  ASSERT_TRUE(db->Exec(drop).ok());
  ASSERT_TRUE(db->Exec("UPDATE report_documents SET html = 'x' WHERE id = 1").ok());
  auto problems = VerifyDocuments(db.get());
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_EQ(problems->front(), "document 1: the HTML does not match its SHA-256");
}

TEST(PublishingTest, RefusesWhatIsNotAPdf) {
  auto db = OpenOrDie(ScratchDir() + "/e.db");
  ASSERT_TRUE(db);
  EXPECT_EQ(SaveDraft(db.get(), Doc("t"), "2025", "", "<html>", 0, {}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(FindDocument(db.get(), 1).status().code(), StatusCode::kNotFound);
}

// A document of a region: its own published document of the period beside
// the root's, its region named in the change record and frozen once published.
TEST(PublishingTest, ADocumentOfARegionIsItsOwn) {
  auto db = OpenOrDie(ScratchDir() + "/e.db");
  ASSERT_TRUE(db);
  const store::Actor analyst{"analyst1", ""}, leader{"leader1", ""};
  auto whole = SaveDraft(db.get(), Doc("全市2025年"), "2025", "<p>w</p>", "%PDF-w", 0, analyst);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->region, "000000");
  Document county_doc = Doc("张家港市2025年");
  county_doc.region = "320582";
  auto county = SaveDraft(db.get(), county_doc, "2025", "<p>c</p>", "%PDF-c", 0, analyst);
  ASSERT_TRUE(county.ok());
  EXPECT_EQ(county->region, "320582");
  for (int64_t id : {whole->id, county->id}) {
    ASSERT_TRUE(ApproveDocument(db.get(), id, leader).ok());
    ASSERT_TRUE(PublishDocument(db.get(), id, leader).ok()) << id;  // one each, not a correction
  }
  // A correction of the county's is the county's.
  EXPECT_EQ(SaveDraft(db.get(), Doc("全市"), "2025", "", "%PDF-x", county->id, analyst)
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  auto clean = VerifyDocuments(db.get());
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->empty()) << clean->front();
  const std::string id = std::to_string(county->id);
  EXPECT_FALSE(
      db->Exec("UPDATE report_documents SET region = '000000' WHERE id = " + id).ok());
  const std::string drop = std::string("DROP TRIGGER report_documents_region_frozen") +
                           (store::testing_util::OnPostgres() ? " ON report_documents" : "");
  ASSERT_TRUE(db->Exec(drop).ok());
  ASSERT_TRUE(db->Exec("UPDATE report_documents SET region = '000000' WHERE id = " + id).ok());
  auto problems = VerifyDocuments(db.get());
  ASSERT_TRUE(problems.ok());
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_EQ(problems->front(), "document " + id +
                                   ": its region 000000 is not the one its draft entry in the "
                                   "change record names");
}

}  // namespace
}  // namespace ecociv::report
