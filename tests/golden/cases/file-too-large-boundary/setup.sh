# Exactly 16 MiB is accepted; one byte more is rejected.
yes '// padding padding padding padding padding padding padding padding' | head -c $((16 * 1024 * 1024)) > exact.remit
{ cat exact.remit; printf '\n'; } > over.remit
