# 128 nested blocks, the deepest allowed: no findings.
awk 'BEGIN { n = 128; for (i = 0; i < n; i++) printf "unit u%d {\n", i; for (i = 0; i < n; i++) print "}" }' > deep.remit
