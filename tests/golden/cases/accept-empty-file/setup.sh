# A zero-byte .remit file is a valid (empty) model.
: > input.remit
