//===- ModelJson.h - The resolved model as JSON (`remitc build`) -*- C++
//-*-===//
//
// Serialises the semantic model for dashboards and other tools, following
// the schema documented in docs/model-json.md (`remit.model/1`). References
// are names; arrays are sorted by name so the output diffs well.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_EMIT_MODELJSON_H
#define REMIT_EMIT_MODELJSON_H

#include "Diagnostics/Diagnostic.h"
#include "Sema/Model.h"
#include "llvm/Support/JSON.h"

namespace remit::emit {

/// The schema identifier written as the document's `schema`.
constexpr const char *ModelJsonSchema = "remit.model/1";

/// The model \p M (with the findings \p Diags) as a JSON document.
llvm::json::Value modelToJSON(const sema::Model &M, const SourceManager &SM,
                              llvm::ArrayRef<Diagnostic> Diags);

} // namespace remit::emit

#endif
