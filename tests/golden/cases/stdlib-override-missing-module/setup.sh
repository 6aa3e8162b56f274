# A --stdlib directory that lacks a module the model imports, and one with an
# error inside the overriding module.
mkdir -p mystd/std model
printf 'framework raci { right x { bogus } }\n' > mystd/std/raci.remit
printf 'import std.raci\nimport std.topologies\nrole ceo\n' > model/input.remit
