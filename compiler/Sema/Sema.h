//===- Sema.h - Declare, resolve and kind-check a model ---------*- C++ -*-===//
//
// Turns the loaded ASTs into the immutable Model: declares every name in one
// namespace, resolves every reference by the kinds the schema expects,
// resolves framework rights against each decision's framework and mode
// overrides against the declarations they override, and computes the check
// configuration. Reports name.*, right.unknown, framework.missing,
// model.duplicate and checks.unknown-name.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_SEMA_SEMA_H
#define REMIT_SEMA_SEMA_H

#include "AST/AST.h"
#include "Sema/Model.h"
#include <memory>

namespace remit::sema {

/// Builds the model of \p Files (in load order), resolving the files'
/// declarations on up to \p Jobs threads (0: one per core). The model and
/// the diagnostics do not depend on \p Jobs.
std::unique_ptr<Model> analyze(llvm::ArrayRef<std::shared_ptr<ast::File>> Files,
                               const SourceManager &SM, DiagnosticEngine &Diags,
                               unsigned Jobs);

} // namespace remit::sema

#endif
