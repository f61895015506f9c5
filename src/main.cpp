#include "cli/app.hpp"

int main(int argc, char** argv) { return sg::cli::run(argc, argv); }
