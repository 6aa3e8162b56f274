//===- Rights.h - How diagrams and reports name a framework's rights -*- C++
//-*-===//
//
// Rights come from the framework, never from a hard-coded RACI: a right's
// abbreviation is the shortest prefix of its name that no other right of
// the same framework starts with (`A` for accountable; `Ap`/`Ag` if a
// framework had both approve and agree), first letter upper-case.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_EMIT_RIGHTS_H
#define REMIT_EMIT_RIGHTS_H

#include "Sema/Model.h"
#include <string>

namespace remit::emit {

/// The abbreviation of \p Right within its framework (`?` for NoEntity).
std::string rightAbbreviation(const sema::Model &M, sema::EntityID Right);

/// "accountable (owner)", "agree (gate)": a right's name and its flags.
std::string describeRight(const sema::Model &M, sema::EntityID Right);

} // namespace remit::emit

#endif
