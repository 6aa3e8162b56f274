# 10,000 nested `unit uN {` blocks with matching closes: the nesting limit is
# reported once, without a crash or a stack overflow.
awk 'BEGIN { n = 10000; for (i = 0; i < n; i++) printf "unit u%d {\n", i; for (i = 0; i < n; i++) print "}" }' > deep.remit
