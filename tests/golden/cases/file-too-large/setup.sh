# 17 MiB of comment lines, over the 16 MiB limit; plus a small valid file.
yes '// padding padding padding padding padding padding padding padding' | head -c $((17 * 1024 * 1024)) > big.remit
printf 'role a { final }\n' > small.remit
