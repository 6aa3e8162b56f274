# `@allow` as the whole file, with no trailing newline: annotation.invalid and
# a syntax error (as with a trailing newline), not a crash.
printf '@allow' > input.remit
