namespace ecociv {}
