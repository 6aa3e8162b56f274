# The whole file is a bare `@` and a newline: a syntax error, not a crash.
printf '@\n' > input.remit
