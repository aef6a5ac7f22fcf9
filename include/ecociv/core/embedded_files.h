// Files compiled into the binary (standards, catalogues, schemes, the web
// interface), so the program runs on an offline intranet with nothing beside
// it. The build generates one table per folder (see cmake/embed_files.cmake).
#pragma once

#include <cstddef>
#include <string_view>

namespace ecociv {

struct EmbeddedFile {
  const char* path;  // relative to its folder, e.g. "hj633-2012.toml"
  const char* data;  // NUL-terminated copy of the bytes
  size_t size;
};

}  // namespace ecociv
