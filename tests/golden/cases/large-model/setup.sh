# A ~2.4 MB file of 20,000 valid roles in one reporting chain plus a decision:
# checks clean, quickly.
awk 'BEGIN {
  print "import std.raci"
  print "model m { framework raci }"
  print "role r0 \"Role zero\" { final }"
  for (i = 1; i < 20000; i++)
    printf "role r%d \"Role number %d with a long descriptive title\" { reports_to r%d  headcount %d  escalates_to r0 after 5d }\n", i, i, i - 1, i % 50 + 1
  print "decision d { accountable r1  responsible r2, r3  informed r19999 }"
}' > big.remit
