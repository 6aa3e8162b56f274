//===- warm_parse.cpp - Parse and compile times in a warm process ---------===//
//
// What the language server sees: the same model compiled again and again in
// one process, so ANTLR's shared DFA cache, the allocator and the page cache
// are warm. Prints each run's phase times (Compilation::times()), then the
// parse alone (parseFile on every file of the model, already in memory) and
// the re-parse of the model's largest file, one edit's worth of work.
//
//===----------------------------------------------------------------------===//
#include "Driver/Compilation.h"
#include "Parse/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace remit;

namespace {

double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

double median(std::vector<double> V) {
  std::sort(V.begin(), V.end());
  size_t N = V.size();
  return N % 2 ? V[N / 2] : (V[N / 2 - 1] + V[N / 2]) / 2;
}

/// Every `*.remit` file under \p Dir, sorted.
std::vector<std::string> remitFiles(const std::string &Dir) {
  std::vector<std::string> Paths;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End;
       It != End && !EC; It.increment(EC))
    if (llvm::sys::path::extension(It->path()) == ".remit")
      Paths.push_back(It->path());
  std::sort(Paths.begin(), Paths.end());
  return Paths;
}

int usage() {
  std::fprintf(
      stderr,
      "usage: remit-bench-warm DIR [--runs N] [--force-ll] [--reparse FILE]\n"
      "  DIR         a model directory (bench/gen_model.py --out)\n"
      "  --runs N    compilations and parses of the model (8)\n"
      "  --force-ll  parse with full LL prediction only "
      "(ParseOptions::ForceLL)\n"
      "  --reparse FILE  the file of DIR to re-parse (default: "
      "the largest)\n");
  return 2;
}

} // namespace

int main(int Argc, char **Argv) {
  std::string Dir, Reparse;
  unsigned Runs = 8;
  ParseOptions PO;
  for (int I = 1; I < Argc; ++I) {
    if (!std::strcmp(Argv[I], "--runs") && I + 1 < Argc)
      Runs = std::max(1, std::atoi(Argv[++I]));
    else if (!std::strcmp(Argv[I], "--force-ll"))
      PO.ForceLL = true;
    else if (!std::strcmp(Argv[I], "--reparse") && I + 1 < Argc)
      Reparse = Argv[++I];
    else if (Argv[I][0] == '-' || !Dir.empty())
      return usage();
    else
      Dir = Argv[I];
  }
  if (Dir.empty())
    return usage();

  // The files, read once for the parse alone below.
  SourceManager SM;
  std::vector<FileID> IDs;
  size_t Bytes = 0;
  FileID Target = 0;
  size_t TargetSize = 0;
  for (const std::string &Path : remitFiles(Dir)) {
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    if (!Buf) {
      std::fprintf(stderr, "cannot read %s\n", Path.c_str());
      return 1;
    }
    size_t Size = (*Buf)->getBufferSize();
    FileID ID = SM.addBuffer(Path, Path, (*Buf)->getBuffer().str());
    IDs.push_back(ID);
    Bytes += Size;
    bool Named =
        !Reparse.empty() &&
        (Path == Reparse || llvm::sys::path::filename(Path) == Reparse);
    if (Named || (Reparse.empty() && Size > TargetSize)) {
      TargetSize = Size;
      Target = ID;
    }
  }
  if (IDs.empty()) {
    std::fprintf(stderr, "no .remit files under %s\n", Dir.c_str());
    return 1;
  }
  if (!Target) {
    std::fprintf(stderr, "no file %s under %s\n", Reparse.c_str(), Dir.c_str());
    return 1;
  }
  // 1. The whole pipeline, as `remitc check DIR` runs it.
  CompileOptions Opts;
  Opts.Roots = {Dir};
  Opts.Load.Parse = PO;
  std::vector<double> Load, Analyze, Check;
  size_t NumDiags = 0;
  std::printf("compile %s, %u runs (s)\n", Dir.c_str(), Runs);
  std::printf("%4s %8s %8s %8s %8s\n", "run", "load", "analyze", "check",
              "total");
  for (unsigned R = 0; R < Runs; ++R) {
    std::unique_ptr<Compilation> C = Compilation::run(Opts);
    const PhaseTimes &T = C->times();
    NumDiags = C->diagnostics().size();
    std::printf("%4u %8.4f %8.4f %8.4f %8.4f\n", R + 1, T.Load, T.Analyze,
                T.Check, T.Load + T.Analyze + T.Check + T.Configure);
    Load.push_back(T.Load);
    Analyze.push_back(T.Analyze);
    Check.push_back(T.Check);
  }
  std::printf("median %8.4f %8.4f %8.4f  (%zu diagnostics)\n", median(Load),
              median(Analyze), median(Check), NumDiags);

  // 2. The parse alone: every file, already in memory.
  std::vector<double> Parse;
  for (unsigned R = 0; R < Runs; ++R) {
    auto Start = std::chrono::steady_clock::now();
    for (FileID ID : IDs) {
      DiagnosticEngine Diags;
      std::unique_ptr<ast::File> F = parseFile(SM, ID, Diags, PO);
    }
    Parse.push_back(secondsSince(Start));
  }
  double MiB = Bytes / 1048576.0;
  std::printf("parse %zu files, %.2f MiB: median %.4f s, %.1f MiB/s\n",
              IDs.size(), MiB, median(Parse), MiB / median(Parse));

  // 3. One edit: the largest (or the named) file again and again.
  std::vector<double> One;
  for (unsigned R = 0; R < Runs * 4; ++R) {
    auto Start = std::chrono::steady_clock::now();
    DiagnosticEngine Diags;
    std::unique_ptr<ast::File> F = parseFile(SM, Target, Diags, PO);
    One.push_back(secondsSince(Start));
  }
  std::printf("re-parse %s (%zu KiB): median %.2f ms\n",
              std::string(SM.getDisplayName(Target)).c_str(), TargetSize / 1024,
              median(One) * 1000);
  return 0;
}
