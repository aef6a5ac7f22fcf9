// GDAL's C API, loaded when a layer file is first read (internal to the space
// subsystem's reader).
//
// Why not linked: libgdal brings about 110 shared libraries with it, and the
// dynamic loader's symbol lookups for them cost every start of the program
// (every command, every test that runs one) more than 100 ms, although only
// the reading of a layer file needs GDAL. The declarations come from GDAL's own
// headers, so each pointer has the installed version's exact type.
//
// Thread safety: Gdal() may be called from several threads; it loads once.
#pragma once

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "ecociv/core/status.h"

namespace ecociv::space::internal {

// X(name): every GDAL function the reader calls.
#define ECOCIV_GDAL_FUNCTIONS(X)                                                          \
  X(GDALAllRegister)                                                                     \
  X(CPLSetErrorHandler)                                                                  \
  X(CPLQuietErrorHandler)                                                                \
  X(CPLGetLastErrorMsg)                                                                  \
  X(CPLGetLastErrorType)                                                                 \
  X(CPLErrorReset)                                                                       \
  X(GDALOpenEx)                                                                          \
  X(GDALClose)                                                                           \
  X(GDALDatasetGetLayerCount)                                                            \
  X(GDALDatasetGetLayer)                                                                 \
  X(OGR_L_GetSpatialRef)                                                                 \
  X(OGR_L_ResetReading)                                                                  \
  X(OGR_L_GetNextFeature)                                                                \
  X(OGR_F_Destroy)                                                                       \
  X(OGR_F_GetFieldIndex)                                                                 \
  X(OGR_F_IsFieldSetAndNotNull)                                                          \
  X(OGR_F_GetFieldAsString)                                                              \
  X(OGR_F_GetGeometryRef)                                                                \
  X(OGR_G_IsEmpty)                                                                       \
  X(OGR_G_GetGeometryType)                                                               \
  X(OGR_GT_Flatten)                                                                      \
  X(OGR_G_GetGeometryName)                                                               \
  X(OGR_G_GetGeometryCount)                                                              \
  X(OGR_G_GetGeometryRef)                                                                \
  X(OGR_G_GetPointCount)                                                                 \
  X(OGR_G_GetX)                                                                          \
  X(OGR_G_GetY)                                                                          \
  X(OGR_G_Clone)                                                                         \
  X(OGR_G_DestroyGeometry)                                                               \
  X(OGR_G_FlattenTo2D)                                                                   \
  X(OGR_G_Transform)                                                                     \
  X(OGR_G_WkbSize)                                                                       \
  X(OGR_G_ExportToIsoWkb)                                                                \
  X(OSRNewSpatialReference)                                                              \
  X(OSRClone)                                                                            \
  X(OSRDestroySpatialReference)                                                          \
  X(OSRSetFromUserInput)                                                                 \
  X(OSRImportFromEPSG)                                                                   \
  X(OSRSetAxisMappingStrategy)                                                           \
  X(OSRIsSame)                                                                           \
  X(OSRGetAuthorityName)                                                                 \
  X(OSRGetAuthorityCode)                                                                 \
  X(OSRGetName)                                                                          \
  X(OCTNewCoordinateTransformation)                                                      \
  X(OCTDestroyCoordinateTransformation)                                                  \
  X(VSIFileFromMemBuffer)                                                                \
  X(VSIFCloseL)                                                                          \
  X(VSIUnlink)

struct GdalApi {
#define ECOCIV_GDAL_POINTER(name) decltype(&::name) name = nullptr;
  ECOCIV_GDAL_FUNCTIONS(ECOCIV_GDAL_POINTER)
#undef ECOCIV_GDAL_POINTER
};

// GDAL loaded, its drivers registered and its messages kept from stderr
// (they become statuses); FailedPrecondition naming the library when it is
// not installed or lacks a function.
StatusOr<const GdalApi*> Gdal();

}  // namespace ecociv::space::internal
