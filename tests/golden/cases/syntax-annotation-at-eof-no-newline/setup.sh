# `@allow` as the whole file, with no trailing newline.
printf '@allow' > input.remit
