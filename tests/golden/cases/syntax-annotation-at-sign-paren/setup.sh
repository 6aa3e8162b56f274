# The whole file is `@(` with no newline: a syntax error, not a crash.
printf '@(' > input.remit
