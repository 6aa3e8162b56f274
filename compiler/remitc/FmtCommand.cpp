//===- FmtCommand.cpp - remitc fmt ----------------------------------------===//
//
// Formats each file with the library's formatter and writes it back
// atomically, prints it, or (--check) lists the files that are not formatted.
// A file that cannot be formatted keeps its contents; its diagnostics go to
// standard error.
//
//===----------------------------------------------------------------------===//
#include "Basic/AtomicFile.h"
#include "Diagnostics/Render.h"
#include "Format/Formatter.h"
#include "Load/Loader.h"
#include "remitc/Commands.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <cctype>

using namespace remit;
namespace fs = llvm::sys::fs;

namespace {
/// "no such file or directory": system messages start lowercase here.
std::string describe(std::error_code EC) {
  std::string Message = EC.message();
  if (!Message.empty())
    Message[0] = static_cast<char>(std::tolower(Message[0]));
  return Message;
}

/// Expands directories to the `.remit` files under them; false after
/// reporting an unreadable or empty path.
bool collectFiles(llvm::ArrayRef<std::string> Paths,
                  std::vector<std::string> &Files) {
  bool OK = true;
  for (const std::string &P : Paths) {
    if (P == "-" || !fs::is_directory(P)) {
      Files.push_back(P);
      continue;
    }
    std::vector<std::string> Found;
    if (std::error_code EC = findRemitFiles(P, Found)) {
      llvm::errs() << "remitc: error: cannot read `" << P
                   << "`: " << describe(EC) << "\n";
      OK = false;
      continue;
    }
    if (Found.empty()) {
      llvm::errs() << "remitc: error: no `.remit` files under `" << P << "`\n";
      OK = false;
      continue;
    }
    // Name the files as the user would: under the directory given.
    llvm::SmallString<256> Abs(P);
    fs::make_absolute(Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    llvm::StringRef Dir = llvm::StringRef(P).rtrim('/');
    for (const std::string &F : Found) {
      llvm::StringRef Rel = F;
      if (!Rel.consume_front(Abs) || !Rel.consume_front("/"))
        Files.push_back(F);
      else if (Dir == "." || Dir.empty())
        Files.push_back(Rel.str());
      else
        Files.push_back((Dir + "/" + Rel).str());
    }
  }
  return OK;
}

void printDiagnostics(const DiagnosticEngine &Diags, const SourceManager &SM) {
  std::vector<Diagnostic> Sorted = Diags.diagnostics();
  sortDiagnostics(Sorted, SM);
  RenderOptions RO;
  RO.ToolVersion = REMIT_VERSION;
  renderDiagnostics(llvm::errs(), OutputFormat::Human, Sorted, SM, RO);
}
} // namespace

int remit::runFmt(const FmtRequest &R) {
  if (R.Stdout && (R.Check || R.Write)) {
    llvm::errs() << "remitc: error: --stdout cannot be combined with "
                    "--check or --write\n";
    return 2;
  }
  std::vector<std::string> Files;
  int Status = collectFiles(R.Paths, Files) ? 0 : 2;
  for (const std::string &Path : Files) {
    bool IsStdin = Path == "-";
    std::string Shown = IsStdin ? "<stdin>" : Path;
    // Files as the loader reads them: regular files only, size-limited.
    std::string Text;
    if (IsStdin) {
      auto Buffer = llvm::MemoryBuffer::getSTDIN();
      if (!Buffer) {
        llvm::errs() << "remitc: error: cannot read `<stdin>`: "
                     << describe(Buffer.getError()) << "\n";
        Status = 2;
        continue;
      }
      Text = (*Buffer)->getBuffer().str();
    } else {
      SourceRead Read = readSourceFile(Path, LoadOptions().MaxFileSize);
      if (Read.Text)
        Text = std::move(*Read.Text);
      else {
        llvm::errs() << "remitc: error: cannot read `" << Shown << "`: "
                     << (Read.TooLarge ? "it is over the 16 MiB limit for one "
                                         "source file"
                                       : Read.Why)
                     << "\n";
        Status = 2;
        continue;
      }
    }
    llvm::StringRef Original = Text;
    SourceManager SM;
    FileID ID = SM.addBuffer(Path, Shown, Original.str());
    DiagnosticEngine Diags;
    std::string Reason;
    std::optional<std::string> Formatted;
    if (!checkEncoding(SM, ID, Diags)) {
      Reason = "it is not UTF-8 text";
    } else {
      llvm::Expected<std::string> Out = formatFile(SM, ID, Diags);
      if (Out)
        Formatted = std::move(*Out);
      else
        Reason = llvm::toString(Out.takeError());
    }
    if (!Formatted) {
      printDiagnostics(Diags, SM);
      llvm::errs() << "remitc: `" << Shown << "` not formatted: " << Reason
                   << "\n";
      Status = std::max(Status, 1);
      continue;
    }
    bool Changed = *Formatted != Original;
    if (R.Stdout || (IsStdin && !R.Check)) {
      llvm::outs() << *Formatted;
      continue;
    }
    if (R.Check && Changed) {
      llvm::outs() << Shown << "\n";
      Status = std::max(Status, 1);
    }
    if (!Changed || (R.Check && !R.Write) || IsStdin)
      continue;
    if (llvm::Error E = writeFileAtomically(Path, *Formatted)) {
      llvm::errs() << "remitc: error: " << llvm::toString(std::move(E)) << "\n";
      Status = 2;
      continue;
    }
    if (!R.Check)
      llvm::outs() << Shown << "\n";
  }
  return Status;
}
