//===- Commands.h - remitc subcommands beyond `check` -----------*- C++ -*-===//
//
// main.cpp parses the command line; each subcommand here turns the parsed
// options into library calls and output. Every function returns the exit
// code: 0 clean, 1 findings (or unformatted files), 2 usage or I/O error.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_REMITC_COMMANDS_H
#define REMIT_REMITC_COMMANDS_H

#include <string>
#include <vector>

namespace remit {

/// `remitc fmt`.
struct FmtRequest {
  std::vector<std::string> Paths; ///< Files, directories, or `-` for stdin.
  bool Check = false;             ///< List unformatted files, exit 1.
  bool Write = false;             ///< Rewrite files (the default).
  bool Stdout = false;            ///< Print the formatted text instead.
};
int runFmt(const FmtRequest &R);

/// `remitc diff`.
struct DiffRequest {
  std::string Old, New; ///< Paths or `git:REV[:PATH]`.
  std::string Format;   ///< text, md or json.
  std::string StdlibDir;
  unsigned Jobs = 0;                ///< Threads; 0: one per core.
  std::string AsOf;                 ///< YYYY-MM-DD or empty for today.
  bool AllowOutsideImports = false; ///< LoadOptions::AllowOutsideImports.
};
int runDiff(const DiffRequest &R);

} // namespace remit

#endif
