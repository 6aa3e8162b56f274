# Files whose first token is a bare or unterminated annotation.
printf '@\n' > bare_at.remit
printf '@(' > at_paren.remit
