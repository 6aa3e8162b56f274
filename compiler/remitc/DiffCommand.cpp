//===- DiffCommand.cpp - remitc diff --------------------------------------===//
#include "remitc/Commands.h"
using namespace remit;
int remit::runDiff(const DiffRequest &) { return 2; }
