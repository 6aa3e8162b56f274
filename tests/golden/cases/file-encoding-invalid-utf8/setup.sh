# A Latin-1 byte (0xFF) in a string, and a truncated 3-byte sequence.
printf 'role a "Caf\xff"\n' > latin1.remit
printf 'role b { final }\nrole c "\xe2\x82"\n' > truncated.remit
