# A --stdlib directory whose std/raci.remit declares a different set of rights.
mkdir -p mystd/std model
cat > mystd/std/raci.remit <<'X'
// A custom RACI: `owner_of` and `doer` instead of the standard rights.
framework raci "Custom RACI" {
  right owner_of "Owns it" { min 1  max 1  owner }
  right doer "Does it"
}
X
cat > model/input.remit <<'X'
import std.raci
model m { framework raci }
role ceo { final }
decision roadmap { owner_of ceo  doer ceo }
decision pricing { accountable ceo  responsible ceo }
X
