// HTML to PDF through Debian's headless Chromium (`chromium --headless
// --no-sandbox --print-to-pdf`): A4 and the page numbers come from the
// document's CSS (@page), the Chinese glyphs from fonts-noto-cjk, embedded
// by Chromium as font subsets. scripts/setup installs both.
//
// The browser is $ECOCIV_CHROMIUM when set, else the first of chromium,
// chromium-browser, google-chrome on PATH. It runs in a fresh temporary
// folder (its profile, the HTML, the PDF), removed afterwards, with a time
// limit; the page loads no network resources (everything is inline).
//
// Thread safety: each call uses its own temporary folder; safe to call from
// several threads.
#pragma once

#include <string>

#include "ecociv/core/status.h"

namespace ecociv::report {

// The browser's path, or "" when none is found.
std::string FindChromium();

// The PDF bytes of `html`. FailedPrecondition naming scripts/setup when no
// browser is found; Internal with the browser's last output lines when it
// fails, makes no PDF or runs past `timeout_seconds`.
StatusOr<std::string> HtmlToPdf(const std::string& html, int timeout_seconds = 90);

}  // namespace ecociv::report
