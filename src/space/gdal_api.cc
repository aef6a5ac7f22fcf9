#include "gdal_api.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace ecociv::space::internal {
namespace {

// The library's soname, found by CMake from the GDAL the program was built
// against (the same version as the declarations in gdal_api.h).
constexpr const char* kLibrary = ECOCIV_GDAL_SONAME;

StatusOr<GdalApi> Load() {
  void* library = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* why = dlerror();
    return FailedPreconditionError(std::string("GDAL (") + kLibrary +
                                   ") could not be loaded, so layer files cannot be read: " +
                                   (why != nullptr ? why : "not found") +
                                   "; install Debian's libgdal package (scripts/setup)");
  }
  GdalApi api;
#define ECOCIV_GDAL_RESOLVE(name)                                                       \
  api.name = reinterpret_cast<decltype(api.name)>(dlsym(library, #name));               \
  if (api.name == nullptr) {                                                            \
    return FailedPreconditionError(std::string(kLibrary) + " has no function " #name); \
  }
  ECOCIV_GDAL_FUNCTIONS(ECOCIV_GDAL_RESOLVE)
#undef ECOCIV_GDAL_RESOLVE
  // The library stays loaded for the life of the process: its functions are
  // used by later reads and GDAL keeps driver state.
  api.GDALAllRegister();
  api.CPLSetErrorHandler(api.CPLQuietErrorHandler);
  return api;
}

}  // namespace

StatusOr<const GdalApi*> Gdal() {
  static std::once_flag once;
  static StatusOr<GdalApi>* loaded = nullptr;
  std::call_once(once, [] { loaded = new StatusOr<GdalApi>(Load()); });
  if (!loaded->ok()) return loaded->status();
  return &**loaded;
}

}  // namespace ecociv::space::internal
