#include "import_templates.h"

namespace ecociv::server {

std::span<const ImportTemplate> ImportTemplates() {
  // The readers' own column names, in the order their documentation lists them
  // (docs/formats.md): required columns first, then the optional ones.
  static constexpr ImportTemplate kTemplates[] = {
      // store::ImportAirFile, the wide form: one row per station and hour.
      {"air", "station,time,so2,no2,co,o3,pm10,pm25"},
      // store::ImportStationsFile.
      {"stations", "station,name,city,lon,lat,background,type"},
      // store::ImportSectionsFile.
      {"sections",
       "section,name,river,type,target_class,level,chief,basin,drinking_source,categories,"
       "chief_name,chief_post,chief_unit"},
      // store::ImportWaterFile, the long form: one row per section, time and item.
      {"water", "section,time,item,value,flag,unit"},
      // indicators::ImportTableFile.
      {"plan", "year,indicator,target,units,deadline"},
      {"units", "code,name,kind,contact,phone,note"},
      {"projects", "code,year,name,unit,budget_wan,progress,status,milestone,due,done"},
      {"values", "year,indicator,value,note,unit"},
      // scoring::ImportPeopleFile.
      {"people", "person,name,unit,post,tenure_start,tenure_end"},
  };
  return kTemplates;
}

std::string ImportTemplateCsv(const std::string& kind) {
  for (const ImportTemplate& t : ImportTemplates()) {
    if (kind == t.kind) return std::string("\xEF\xBB\xBF") + t.header + "\r\n";
  }
  return "";
}

}  // namespace ecociv::server
