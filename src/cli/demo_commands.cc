#include "commands.h"
namespace ecociv::cli { int RunDemoCommand(const CommandArgs&) { return 2; } }
