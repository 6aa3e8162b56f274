# An empty directory, and one with only non-.remit files.
mkdir empty
mkdir notes
printf 'role a\n' > notes/readme.txt
