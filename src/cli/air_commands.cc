#include "commands.h"
namespace ecociv::cli { int RunAirCommand(const CommandArgs&) { return 2; } }
