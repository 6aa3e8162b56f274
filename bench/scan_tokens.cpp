//===- scan_tokens.cpp - A plain byte-scanning tokenizer, the lower bound -===//
//
// `remit-bench-scan PATH...`: reads every `.remit` file under the PATHs (a
// directory is walked recursively, in sorted order) and splits it into tokens
// with a trivial scanner: identifiers, numbers (with a unit or date tail such
// as `5d` or `2026-12-31`), strings, punctuation, and `//` and `/* */`
// comments, which are skipped. It counts the tokens and sums their lengths so
// that nothing is optimised away, and prints one line:
//
//   files=N bytes=B tokens=T checksum=C seconds=S
//
// S is the time from the start of the directory walk to the end of the last
// file, measured inside the process. bench/all.sh times the whole process,
// like `remitc check`, as the throughput floor no compiler can beat on the
// same files: the same reads, one pass over every byte, and no allocation
// per token, no parse, no model.
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Counts {
  uint64_t Tokens = 0;
  uint64_t Checksum = 0;
};

bool isIdentStart(unsigned char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_' ||
         C >= 0x80;
}

bool isIdentChar(unsigned char C) {
  return isIdentStart(C) || (C >= '0' && C <= '9');
}

bool isDigit(unsigned char C) { return C >= '0' && C <= '9'; }

/// Splits [P, End) into tokens and adds them to \p Out.
void scan(const unsigned char *P, const unsigned char *End, Counts &Out) {
  while (P < End) {
    unsigned char C = *P;
    const unsigned char *Start = P;
    if (C == ' ' || C == '\t' || C == '\n' || C == '\r') {
      ++P;
      continue;
    }
    if (C == '/' && P + 1 < End && P[1] == '/') {
      while (P < End && *P != '\n')
        ++P;
      continue;
    }
    if (C == '/' && P + 1 < End && P[1] == '*') {
      P += 2;
      while (P + 1 < End && !(P[0] == '*' && P[1] == '/'))
        ++P;
      P = std::min(P + 2, End);
      continue;
    }
    if (C == '"') {
      ++P;
      while (P < End && *P != '"' && *P != '\n') {
        if (*P == '\\' && P + 1 < End)
          ++P;
        ++P;
      }
      if (P < End && *P == '"')
        ++P;
    } else if (isIdentStart(C)) {
      while (P < End && isIdentChar(*P))
        ++P;
    } else if (isDigit(C)) {
      // 42, 48h, 2w, 2026-12-31
      while (P < End &&
             (isIdentChar(*P) || (*P == '-' && P + 1 < End && isDigit(P[1]))))
        ++P;
    } else {
      ++P; // punctuation: { } ( ) , . @ and anything else, one byte each
    }
    ++Out.Tokens;
    Out.Checksum += static_cast<uint64_t>(P - Start) * (C | 1);
  }
}

void collect(const fs::path &Path, std::vector<fs::path> &Files) {
  std::error_code EC;
  if (fs::is_directory(Path, EC)) {
    for (fs::recursive_directory_iterator It(Path, EC), End; It != End && !EC;
         It.increment(EC))
      if (It->is_regular_file(EC) && It->path().extension() == ".remit")
        Files.push_back(It->path());
  } else {
    Files.push_back(Path);
  }
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 2) {
    std::fprintf(stderr, "usage: remit-bench-scan PATH...\n"
                         "  tokenizes every .remit file under the PATHs and "
                         "prints files, bytes, tokens and seconds\n");
    return 2;
  }
  auto Start = std::chrono::steady_clock::now();
  std::vector<fs::path> Files;
  for (int I = 1; I < Argc; ++I)
    collect(Argv[I], Files);
  std::sort(Files.begin(), Files.end());

  Counts Total;
  uint64_t Bytes = 0;
  std::vector<unsigned char> Buffer;
  for (const fs::path &F : Files) {
    std::FILE *In = std::fopen(F.c_str(), "rb");
    if (!In) {
      std::fprintf(stderr, "remit-bench-scan: cannot open %s\n", F.c_str());
      return 2;
    }
    Buffer.clear();
    unsigned char Chunk[1 << 16];
    size_t N;
    while ((N = std::fread(Chunk, 1, sizeof Chunk, In)) > 0)
      Buffer.insert(Buffer.end(), Chunk, Chunk + N);
    std::fclose(In);
    Bytes += Buffer.size();
    scan(Buffer.data(), Buffer.data() + Buffer.size(), Total);
  }
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  std::printf("files=%zu bytes=%llu tokens=%llu checksum=%llu seconds=%.6f\n",
              Files.size(), static_cast<unsigned long long>(Bytes),
              static_cast<unsigned long long>(Total.Tokens),
              static_cast<unsigned long long>(Total.Checksum), Seconds);
  return Files.empty() ? 1 : 0;
}
